package dev.sheaf.inspect;

import dev.sheaf.common.OptionValues;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.mapred.FsInput;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sheaf inspect PATH}: prints Avro records as JSON, one record a line, from a file or from a
 * directory's {@code part-*} files (its {@code _} subdirectories are inspected by naming them); a
 * {@code .json}, {@code .jsonl}, {@code .tsv} or {@code .txt} file (a manifest, a model's {@code
 * model.json} and {@code metrics.jsonl}, the vectorizer's vocabulary and labels) is printed as it
 * is, up to {@code --limit} lines; a model directory prints its {@code model.json}. Works on any
 * Hadoop file system.
 */
public final class InspectCommand extends SheafCommand {
  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

  /** Text files a stage writes (manifests, the vectorizer's artifacts), printed as they are. */
  private static final List<String> TEXT_SUFFIXES = List.of(".json", ".jsonl", ".tsv", ".txt");

  /** What {@code inspect MODEL_DIR} prints: the trainer's description of a model. */
  private static final String MODEL_INFO = "model.json";

  public InspectCommand() {
    super("inspect", "Print Avro records as JSON lines, an Avro schema, a manifest or a model.");
  }

  @Override
  protected String synopsis() {
    return "PATH [" + InspectOption.LIMIT.flag() + " N] [" + InspectOption.SCHEMA.flag() + "]";
  }

  @Override
  protected Options options() {
    return StageOption.toOptions(List.of(InspectOption.values()));
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    if (line.getArgList().size() != 1) {
      throw new UsageException("inspect takes one PATH (got " + line.getArgList().size() + ")");
    }
    Path path = new Path(line.getArgList().get(0));
    long limit =
        InspectOption.LIMIT.isSet(line)
            ? OptionValues.positiveInt(line, InspectOption.LIMIT, Integer.MAX_VALUE)
            : Long.MAX_VALUE;
    Configuration conf = getConf();
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new UsageException(path + " does not exist");
    }
    List<Path> files = filesOf(fs, path);
    if (files.size() == 1 && !isAvro(fs, files.get(0))) {
      String name = files.get(0).getName();
      if (!TEXT_SUFFIXES.stream().anyMatch(name::endsWith)) {
        throw new UsageException(
            path
                + " is neither an Avro file nor a manifest or vectorizer file ("
                + String.join(", ", TEXT_SUFFIXES)
                + ")");
      }
      printLines(fs, files.get(0), limit);
    } else {
      printRecords(conf, files, limit, InspectOption.SCHEMA.isSet(line));
    }
    System.out.flush();
    return 0;
  }

  /** The first {@code limit} lines of a text file. */
  private static void printLines(FileSystem fs, Path file, long limit) throws IOException {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      long lines = 0;
      for (String text; lines < limit && (text = in.readLine()) != null; lines++) {
        System.out.println(text);
      }
    }
  }

  /**
   * The first {@code limit} records of the Avro files, in order, as JSON; or the first file's
   * schema alone.
   *
   * @throws UsageException when a file is not an Avro file
   */
  private static void printRecords(
      Configuration conf, List<Path> files, long limit, boolean schemaOnly) throws IOException {
    long printed = 0;
    for (Path file : files) {
      if (!isAvro(file.getFileSystem(conf), file)) {
        throw new UsageException(file + " is not an Avro file");
      }
      try (DataFileReader<Object> reader =
          new DataFileReader<>(new FsInput(file, conf), new GenericDatumReader<>())) {
        if (schemaOnly) {
          System.out.println(reader.getSchema().toString(true));
          return;
        }
        Object record = null;
        while (printed < limit && reader.hasNext()) {
          record = reader.next(record);
          System.out.println(GenericData.get().toString(record));
          printed++;
        }
      }
      if (printed >= limit) {
        return;
      }
    }
  }

  /** The file itself, or a directory's part-* files in name order. */
  private static List<Path> filesOf(FileSystem fs, Path path) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (!status.isDirectory()) {
      return List.of(path);
    }
    List<Path> parts = new ArrayList<>();
    for (FileStatus child : fs.listStatus(path)) {
      if (child.isFile() && child.getPath().getName().startsWith("part-")) {
        parts.add(child.getPath());
      }
    }
    if (parts.isEmpty() && fs.isFile(new Path(path, MODEL_INFO))) {
      return List.of(new Path(path, MODEL_INFO)); // a model directory: its description
    }
    if (parts.isEmpty()) {
      throw new UsageException(
          path
              + " has no part-* files; name a file, or a _ subdirectory such as "
              + new Path(path, "_rejects"));
    }
    parts.sort(null);
    return parts;
  }

  private static boolean isAvro(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      byte[] head = in.readNBytes(AVRO_MAGIC.length);
      return Arrays.equals(head, AVRO_MAGIC);
    }
  }
}
