package dev.sheaf.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;

/**
 * {@code _MANIFEST.json}, written into every stage's output: the command and its parameters, the
 * input files (path, size, modification time) and their fingerprint, the job counters, the record
 * accounting, the output schema's fingerprint, the Sheaf version and the start/end times.
 */
public final class Manifest {
  public static final String FILE_NAME = "_MANIFEST.json";
  private static final ObjectMapper JSON = JsonFiles.mapper();

  private final ObjectNode root = JSON.createObjectNode();
  private final Instant start;
  private Conservation conservation;

  public Manifest(String command, Instant start) {
    this.start = start;
    root.put("tool", "sheaf");
    root.put("version", SheafVersion.get());
    root.put("command", command);
    root.put("startTime", start.toString());
  }

  /**
   * The manifest of a record-to-record stage once its jobs have run: its parameters, the input
   * files, the jobs' counters and the record accounting (which {@link StageEnding#finish} checks),
   * named after {@code conservation}'s stage.
   *
   * @throws IOException when an input cannot be listed
   */
  public static Manifest ofStage(
      Instant start,
      Map<String, Object> parameters,
      Configuration conf,
      List<Path> inputs,
      Counters counters,
      Conservation conservation)
      throws IOException {
    return new Manifest(conservation.stage(), start)
        .parameters(parameters)
        .inputs(conf, inputs)
        .counters(counters)
        .accounting(conservation);
  }

  /** When the stage started. */
  public Instant start() {
    return start;
  }

  /** The accounting given to {@link #accounting}, or null. */
  public Conservation conservation() {
    return conservation;
  }

  public Manifest parameters(Map<String, Object> parameters) {
    root.set("parameters", JSON.valueToTree(parameters));
    return this;
  }

  /** Lists every non-hidden input file, recursively, and fingerprints the list. */
  public Manifest inputs(Configuration conf, List<Path> inputs) throws IOException {
    ArrayNode files = root.putArray("inputs");
    List<FileStatus> statuses = inputFiles(conf, inputs);
    long bytes = 0;
    for (FileStatus status : statuses) {
      ObjectNode file = files.addObject();
      file.put("path", status.getPath().toString());
      file.put("bytes", status.getLen());
      file.put("modified", Instant.ofEpochMilli(status.getModificationTime()).toString());
      bytes += status.getLen();
    }
    root.put("inputBytes", bytes);
    root.put("inputFingerprint", fingerprint(statuses));
    upstream(conf, inputs);
    return this;
  }

  /**
   * The {@code inputFingerprint} a manifest records for {@code inputs}: SHA-256 over each input
   * file's path, length and modification time, so a pipeline can tell whether the input changed.
   */
  public static String inputFingerprint(Configuration conf, List<Path> inputs) throws IOException {
    return fingerprint(inputFiles(conf, inputs));
  }

  private static List<FileStatus> inputFiles(Configuration conf, List<Path> inputs)
      throws IOException {
    List<FileStatus> statuses = new ArrayList<>();
    for (Path input : inputs) {
      collectFiles(input.getFileSystem(conf), input, statuses);
    }
    statuses.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
    return statuses;
  }

  private static String fingerprint(List<FileStatus> statuses) {
    MessageDigest digest = sha256();
    for (FileStatus status : statuses) {
      digest.update(
          (status.getPath() + "\t" + status.getLen() + "\t" + status.getModificationTime() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The manifests of the inputs that are stage outputs, whole (each holds its own upstream), so a
   * stage's manifest traces its records back to the raw input.
   */
  private void upstream(Configuration conf, List<Path> inputs) throws IOException {
    ArrayNode upstream = null;
    for (Path input : inputs) {
      Path manifest = new Path(input, FILE_NAME);
      FileSystem fs = manifest.getFileSystem(conf);
      if (fs.isFile(manifest)) {
        if (upstream == null) {
          upstream = root.putArray("upstream");
        }
        upstream.add(JsonFiles.read(fs, manifest));
      }
    }
  }

  public Manifest counters(Counters counters) {
    ObjectNode groups = root.putObject("counters");
    for (CounterGroup group : counters) {
      ObjectNode values = groups.putObject(group.getName());
      for (Counter counter : group) {
        values.put(counter.getName(), counter.getValue());
      }
    }
    return this;
  }

  /** The record accounting that passed the conservation check. */
  public Manifest accounting(Conservation conservation) {
    this.conservation = conservation;
    ObjectNode records = root.putObject("records");
    records.put("in", conservation.recordsIn());
    conservation.outcomes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> records.put(entry.getKey(), entry.getValue()));
    return this;
  }

  public Manifest schema(Schema schema) {
    root.put("schema", schema.getFullName());
    root.put(
        "schemaFingerprint",
        String.format("%016x", SchemaNormalization.parsingFingerprint64(schema)));
    return this;
  }

  /** Any other stage-specific figure. */
  public Manifest put(String name, JsonNode value) {
    root.set(name, value);
    return this;
  }

  /**
   * What the stage wrote into {@code dir}: its record count (the main output's records, e.g.
   * documents kept) and every data file (hidden {@code _}/{@code .} names left out) with its size
   * in bytes, so a reader can tell a complete output from a changed one ({@link #checkFiles}).
   */
  public Manifest output(Configuration conf, Path dir, long records) throws IOException {
    ObjectNode output = root.putObject("output");
    output.put("records", records);
    ArrayNode files = output.putArray("files");
    dataFiles(dir.getFileSystem(conf), dir)
        .forEach(
            (path, bytes) -> {
              ObjectNode file = files.addObject();
              file.put("path", path);
              file.put("bytes", bytes);
            });
    return this;
  }

  /**
   * Compares the data files below {@code dir} with a manifest's {@code output.files}.
   *
   * @return null when they are the same files with the same sizes, else what differs, in words
   */
  public static String checkFiles(FileSystem fs, Path dir, JsonNode listed) throws IOException {
    Map<String, Long> present = dataFiles(fs, dir);
    for (JsonNode file : listed) {
      String path = file.path("path").asText();
      Long bytes = present.remove(path);
      if (bytes == null) {
        return path + " is missing";
      }
      if (bytes != file.path("bytes").asLong()) {
        return path + " has " + bytes + " bytes, the manifest says " + file.path("bytes").asLong();
      }
    }
    return present.isEmpty()
        ? null
        : present.keySet().iterator().next() + " is not in the manifest";
  }

  public void write(Configuration conf, Path output, Instant end) throws IOException {
    root.put("endTime", end.toString());
    JsonFiles.write(conf, new Path(output, FILE_NAME), root);
  }

  /**
   * The data files below {@code dir} (hidden names left out), by path relative to it, with their
   * sizes in bytes.
   */
  static Map<String, Long> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> statuses = new ArrayList<>();
    collectFiles(fs, dir, statuses);
    String prefix = fs.makeQualified(dir).toUri().getPath().replaceAll("/+$", "") + "/";
    Map<String, Long> files = new java.util.TreeMap<>();
    for (FileStatus status : statuses) {
      files.put(status.getPath().toUri().getPath().substring(prefix.length()), status.getLen());
    }
    return files;
  }

  private static void collectFiles(FileSystem fs, Path path, List<FileStatus> into)
      throws IOException {
    if (fs.getFileStatus(path).isFile()) {
      into.add(fs.getFileStatus(path));
      return;
    }
    for (FileStatus status : fs.listStatus(path)) {
      if (StageInputs.hidden(status.getPath().getName())) {
        continue;
      }
      if (status.isDirectory()) {
        collectFiles(fs, status.getPath(), into);
      } else {
        into.add(status);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
