package dev.sheaf.predict;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Prediction;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageEnding;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOutput;
import dev.sheaf.model.TrainedModel;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code sheaf predict}: a map-only job from raw documents (any input format) to {@code Prediction}
 * records, through the model's own clean settings, vectorizer and parameters. Every document in is
 * predicted, dropped with a reason (in {@code _dropped/}) or rejected as malformed (in {@code
 * _rejects/}), and the job checks that they add up.
 */
public final class PredictJob extends SheafCommand {
  public static final String NAME = "predict";

  public PredictJob() {
    super(
        NAME,
        "Apply a trained model to raw documents: its clean and vectorize steps, then the model.");
  }

  @Override
  protected String synopsis() {
    return "--model DIR --input PATH [--format FORMAT] --output DIR [OPTIONS]";
  }

  @Override
  protected Options options() {
    return PredictOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Instant start = Instant.now();
    Configuration conf = getConf();
    PredictOptions options = PredictOptions.parse(line, conf);
    Path modelDir = new Path(options.settings().model());
    // fail here, in one line, on a model predict cannot use: not in a thousand map tasks
    TrainedModel model = TrainedModel.load(conf, modelDir);
    ModelFeatures.load(conf, modelDir, model, options.settings().filter()).close();
    StageInputs inputs = StageInputs.check(conf, options.input().inputs());
    StageOutput output =
        StageOutput.prepare(
            conf,
            options.output(),
            withModel(inputs.paths(), modelDir.getFileSystem(conf).makeQualified(modelDir)),
            options.overwrite());

    Counters counters = runPredict(conf, options, inputs, output);
    inputs.checkRecordsRead(NAME, counters, options.input().describe());

    Conservation conservation = conservation(counters);
    Manifest manifest =
        Manifest.ofStage(start, options.describe(), conf, inputs.paths(), counters, conservation)
            .schema(Prediction.getClassSchema())
            .put("model", modelSummary(modelDir, model));
    long predicted = counters.findCounter(PredictCounters.PREDICTED).getValue();
    long belowThreshold = counters.findCounter(PredictCounters.BELOW_THRESHOLD).getValue();
    String details =
        belowThreshold > 0 ? " (" + belowThreshold + " below --threshold, label null)" : "";
    StageEnding.finish(conf, manifest, output, predicted, options.output(), details);
    return 0;
  }

  /**
   * The map-only job from documents to predictions, into the staging directory; returns its
   * counters.
   */
  private static Counters runPredict(
      Configuration conf, PredictOptions options, StageInputs inputs, StageOutput output)
      throws IOException, InterruptedException {
    Job job = StageJobs.newJob(conf, NAME, options.input(), inputs.paths());
    options.settings().applyTo(job.getConfiguration());
    job.setJarByClass(PredictJob.class);
    job.setMapperClass(PredictMapper.class);
    job.setNumReduceTasks(0);
    StageJobs.avroOutput(job, Prediction.getClassSchema());
    FileOutputFormat.setOutputPath(job, output.path());
    StageJobs.run(job);
    return job.getCounters();
  }

  /** Predicted, dropped (by reason), rejected. */
  private static Conservation conservation(Counters counters) {
    Conservation conservation =
        new Conservation(NAME, counters.findCounter(StageCounters.RECORDS_IN).getValue())
            .add("predicted", counters.findCounter(PredictCounters.PREDICTED).getValue());
    for (Counter reason : counters.getGroup(PredictMapper.DROPPED_GROUP)) {
      conservation.add("dropped " + reason.getName(), reason.getValue());
    }
    return conservation.add("rejected", counters.findCounter(StageCounters.REJECTED).getValue());
  }

  /** The model the predictions came from, for the manifest. */
  private static ObjectNode modelSummary(Path modelDir, TrainedModel model) {
    ObjectNode used = JsonNodeFactory.instance.objectNode();
    used.put("path", modelDir.toString());
    used.put("arch", model.model().arch().optionName());
    used.put("epoch", model.info().path("epoch").asInt());
    used.set("labels", model.info().path("labels"));
    used.put("shardsManifestSha256", model.info().path("shards").path("manifestSha256").asText());
    return used;
  }

  /** The paths the output must stay apart from: the inputs and the model. */
  private static List<Path> withModel(List<Path> inputs, Path model) {
    List<Path> all = new java.util.ArrayList<>(inputs);
    all.add(model);
    return all;
  }
}
