package dev.sheaf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.UsageException;
import java.io.IOException;
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

  public static TrainedModel load(Configuration conf, Path dir) throws IOException {
    Path infoFile = new Path(dir, INFO);
    FileSystem fs = infoFile.getFileSystem(conf);
    if (!fs.isFile(infoFile)) {
      throw new UsageException(
          "--model "
              + dir
              + " is not a trained model (no "
              + INFO
              + "; train one with sheaf train)");
    }
    JsonNode info = JsonFiles.read(fs, infoFile);
    List<String> labels = new ArrayList<>();
    info.path("labels").forEach(label -> labels.add(label.asText()));
    ModelSpec spec = ModelSpec.read(info, labels.size());
    if (spec == null) {
      throw new UsageException(
          dir
              + "/"
              + INFO
              + " names an architecture this version does not know: "
              + info.path("arch").asText());
    }
    SparseModel model = spec.model();
    float[] params =
        ModelSlices.read(conf, new Path(dir, PARAMS), model, 0, model.rows(), 0).params();
    return new TrainedModel(info, model, labels, params);
  }

  /** Writes {@code info} as {@code dir/model.json}. */
  public static void writeInfo(Configuration conf, Path dir, ObjectNode info) throws IOException {
    JsonFiles.write(conf, new Path(dir, INFO), info);
  }
}
