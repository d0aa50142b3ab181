package dev.sheaf.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;

/**
 * A stage's inputs, checked before any job runs. Globs ({@code *}, {@code ?}, {@code [..]}, {@code
 * {a,b}}) are expanded as {@code hadoop fs} expands them (hidden {@code _} and {@code .} names left
 * out) and the manifest lists the files they matched. An input directory that is another stage's
 * output must be complete: its {@code _SUCCESS} and a readable {@code _MANIFEST.json} present, and
 * its data files exactly those the manifest lists, with the listed sizes; a directory of {@code
 * part-*} files without {@code _SUCCESS} is an unfinished job output. After the job, {@link
 * #checkRecordsRead} requires the records read to equal what the upstream manifests say they wrote,
 * and an input that yielded no record at all to be a usage error rather than an empty success.
 */
public final class StageInputs {
  private final List<Path> paths;

  /**
   * Records the upstream manifests say the inputs hold; -1 unless every input is a Sheaf stage
   * output.
   */
  private final long expectedRecords;

  private StageInputs(List<Path> paths, long expectedRecords) {
    this.paths = List.copyOf(paths);
    this.expectedRecords = expectedRecords;
  }

  /**
   * Qualifies and checks the inputs.
   *
   * @param inputs files, directories or globs as the user gave them
   * @throws UsageException naming the first input that is missing, matches nothing, holds
   *     {@code ${}, or is an incomplete or altered stage output
   */
  public static StageInputs check(Configuration conf, List<Path> inputs) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (Path input : inputs) {
      StagePaths.checkLiteral("--input", input);
      FileSystem fs = input.getFileSystem(conf);
      if (isGlob(input)) {
        FileStatus[] matches = fs.globStatus(input, path -> !hidden(path.getName()));
        if (matches == null || matches.length == 0) {
          throw new UsageException("input " + input + " matches no file");
        }
        Arrays.sort(matches);
        for (FileStatus match : matches) {
          paths.add(match.getPath());
        }
      } else {
        Path path = fs.makeQualified(input);
        if (!fs.exists(path)) {
          throw new UsageException("input " + input + " does not exist");
        }
        if (hidden(path.getName()) && fs.getFileStatus(path).isFile()) {
          throw new UsageException(
              "input "
                  + input
                  + ": Hadoop's input listing skips names that start with _ or ., "
                  + "even named ones; rename or copy the file");
        }
        paths.add(path);
      }
    }
    long expected = 0;
    for (Path path : paths) {
      long records = stageRecords(path.getFileSystem(conf), path);
      expected = records < 0 || expected < 0 ? -1 : expected + records;
    }
    return new StageInputs(paths, expected);
  }

  /** The qualified input paths, globs expanded. */
  public List<Path> paths() {
    return paths;
  }

  /**
   * Checks the job's record count ({@code counters}' {@link StageCounters#RECORDS_IN}) against the
   * inputs; see {@link #checkRecordsRead(String, long, String)} for what it throws.
   */
  public void checkRecordsRead(String stage, Counters counters, String readAs) {
    checkRecordsRead(stage, counters.findCounter(StageCounters.RECORDS_IN).getValue(), readAs);
  }

  /**
   * Checks the job's record count against the inputs.
   *
   * @param recordsIn the records the stage read (its {@code RECORDS_IN} counter)
   * @param readAs how the stage read them, for the message ({@code --format jsonl})
   * @throws UsageException when nothing at all was read from inputs that are not empty stage
   *     outputs
   * @throws StageFailedException when the count differs from what the upstream manifests say
   */
  public void checkRecordsRead(String stage, long recordsIn, String readAs) {
    if (expectedRecords >= 0 && recordsIn != expectedRecords) {
      throw new StageFailedException(
          stage
              + ": read "
              + recordsIn
              + " records from "
              + describe()
              + ", whose manifests say they hold "
              + expectedRecords
              + "; an input was changed after its stage wrote it");
    }
    if (recordsIn == 0 && expectedRecords != 0) {
      throw new UsageException(
          "no record read from "
              + describe()
              + " as "
              + readAs
              + "; check --format (and the file names it reads)");
    }
  }

  private String describe() {
    return paths.size() == 1
        ? paths.get(0).toString()
        : paths.size() + " inputs (" + paths.get(0) + ", ...)";
  }

  /**
   * The records a Sheaf stage output holds, after checking it is complete and unchanged; -1 for a
   * file, or a directory that is no Sheaf stage output (or one written before outputs were listed).
   */
  static long stageRecords(FileSystem fs, Path dir) throws IOException {
    if (!fs.getFileStatus(dir).isDirectory()) {
      return -1;
    }
    Path manifestFile = new Path(dir, Manifest.FILE_NAME);
    boolean hasManifest = fs.exists(manifestFile);
    if (!fs.exists(new Path(dir, "_SUCCESS"))) {
      if (hasManifest || fs.globStatus(new Path(dir, "part-*")).length > 0) {
        throw new UsageException(
            "input "
                + dir
                + " is an unfinished job output (no _SUCCESS); run the stage "
                + "that writes it again");
      }
      return -1;
    }
    if (!hasManifest) {
      return -1;
    }
    JsonNode manifest;
    try {
      manifest = JsonFiles.read(fs, manifestFile);
    } catch (IOException e) {
      throw new UsageException(
          "input "
              + dir
              + ": its "
              + Manifest.FILE_NAME
              + " cannot be read ("
              + e.getMessage().strip().lines().findFirst().orElse("")
              + ")");
    }
    JsonNode output = manifest == null ? null : manifest.get("output");
    if (output == null || !output.has("files")) {
      return -1;
    }
    String problem = Manifest.checkFiles(fs, dir, output.get("files"));
    if (problem != null) {
      throw new UsageException("input " + dir + " is not what its stage wrote: " + problem);
    }
    return output.path("records").asLong();
  }

  static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static boolean isGlob(Path path) {
    String text = path.toUri().getPath();
    return text.indexOf('*') >= 0
        || text.indexOf('?') >= 0
        || text.indexOf('[') >= 0
        || text.indexOf('{') >= 0;
  }
}
