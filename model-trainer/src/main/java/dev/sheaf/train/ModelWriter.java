package dev.sheaf.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.SheafVersion;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.ShardSet;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.TrainedModel;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * Writes a trained model directory's answer: {@code params/} (the chosen checkpoint's parameters as
 * one slice), {@code _vectorizer/} (copied from the shard set, so predict can featurise raw text)
 * and {@code model.json}: the geometry, the labels, the epoch chosen and why, its metrics, the
 * training options, the OpenBLAS settings the map tasks had, and the shard set and upstream stages
 * it came from.
 */
record ModelWriter(
    Configuration conf, TrainOptions options, ShardSet shards, SparseModel model, Path modelDir) {
  private static final ObjectMapper JSON = JsonFiles.mapper();

  /**
   * Writes the model of {@code checkpoint} (epoch {@code chosen}, of {@code last} trained), chosen
   * by {@code selectedBy}.
   */
  void write(Path checkpoint, TrainingState chosen, TrainingState last, String selectedBy)
      throws IOException {
    FileSystem fs = modelDir.getFileSystem(conf);
    Path params = new Path(modelDir, TrainedModel.PARAMS);
    fs.delete(params, true);
    ModelSlices.Weights weights = ModelSlices.read(conf, checkpoint, model, 0, model.rows(), 0);
    ModelSlices.writeAll(conf, new Path(params, "params" + ModelSlices.SUFFIX), model, 0, weights);
    Path vectorizer = new Path(modelDir, ShardSet.VECTORIZER);
    fs.delete(vectorizer, true);
    Path source = new Path(shards.dir(), ShardSet.VECTORIZER);
    if (source.getFileSystem(conf).exists(source)) {
      FileUtil.copy(source.getFileSystem(conf), source, fs, vectorizer, false, conf);
    }
    ObjectNode info = JSON.createObjectNode();
    info.put("format", 1);
    info.put("tool", "sheaf");
    info.put("version", SheafVersion.get());
    info.put("created", Instant.now().toString());
    model.spec().writeTo(info);
    info.put("outputs", model.outputs());
    info.set("labels", JSON.valueToTree(shards.labels()));
    info.put("parameters", model.parameterCount());
    info.put("epoch", chosen.epoch());
    info.put("epochsTrained", last.epoch());
    info.put("selectedBy", selectedBy);
    info.set("metrics", JSON.valueToTree(chosen));
    info.set("training", JSON.valueToTree(options.modelParameters(model.arch())));
    info.put("trainingEpochs", options.epochs());
    // the OpenBLAS settings this run gave its map tasks (a resumed run: its own): the MLP's bytes
    // follow the kernel
    info.set("blas", JSON.valueToTree(BlasEnvironment.mapTaskKernel(conf, System.getenv())));
    ObjectNode data = info.putObject("shards");
    data.put("path", shards.dir().toString());
    data.put("manifestSha256", shards.fingerprint());
    data.put("train", shards.records("train"));
    data.put("valid", shards.records("valid"));
    data.put("test", shards.records("test"));
    info.set("vectorizer", shards.vectorizer());
    info.set("clean", shards.upstreamParameters("clean"));
    info.put("params", TrainedModel.PARAMS + "/");
    TrainedModel.writeInfo(conf, modelDir, info);
  }
}
