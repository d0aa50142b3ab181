package dev.sheaf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A finished model directory: {@code model.json} (arch, dimensions, label names, the epoch chosen
 * and its metrics, the training options, the vectorizer and clean parameters, the shard set's
 * fingerprint, the OpenBLAS settings the map tasks were given), {@code params/} (the parameters as
 * slice files) and {@code _vectorizer/} (the vectorizer's files, so the directory alone can turn
 * raw text into features).
 */
public record TrainedModel(JsonNode info, SparseModel model, List<String> labels, float[] params) {
  public static final String INFO = "model.json";
  public static final String PARAMS = "params";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static TrainedModel load(Configuration conf, Path dir) throws IOException {
    Path infoFile = new Path(dir, INFO);
    FileSystem fs = infoFile.getFileSystem(conf);
    if (!fs.isFile(infoFile)) {
      throw new UsageException("--model " + dir + " is not a trained model (no " + INFO + "; train one with sheaf train)");
    }
    JsonNode info = readJson(conf, infoFile);
    List<String> labels = new ArrayList<>();
    info.path("labels").forEach(label -> labels.add(label.asText()));
    ModelSpec spec = ModelSpec.read(info, labels.size());
    if (spec == null) {
      throw new UsageException(dir + "/" + INFO + " names an architecture this version does not know: "
          + info.path("arch").asText());
    }
    SparseModel model = spec.model();
    float[] params = ModelSlices.read(conf, new Path(dir, PARAMS), model, 0, model.rows(), 0).params();
    return new TrainedModel(info, model, labels, params);
  }

  /** Writes {@code info} as {@code dir/model.json}. */
  public static void writeInfo(Configuration conf, Path dir, ObjectNode info) throws IOException {
    writeJson(conf, new Path(dir, INFO), info);
  }

  /** Writes {@code value} as indented JSON into {@code file}, replacing it. */
  public static void writeJson(Configuration conf, Path file, Object value) throws IOException {
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      JSON.writeValue(out, value);
    }
  }

  public static JsonNode readJson(Configuration conf, Path file) throws IOException {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return JSON.readTree(in);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
