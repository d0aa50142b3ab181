package dev.sheaf.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import dev.sheaf.model.ExampleInputFormat;
import dev.sheaf.model.ShardSet;
import dev.sheaf.model.TrainedModel;
import java.io.IOException;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * {@code sheaf evaluate}: scores one split of a shard set with a trained model in a MapReduce job
 * ({@link EvaluateMapper}, {@link EvaluateCombiner}, one {@link EvaluateReducer}) and writes
 * accuracy, macro and per-class precision/recall/F1, log loss, the confusion matrix and (binary)
 * the exact ROC AUC as JSON; prints a short table.
 */
public final class EvaluateJob extends SheafCommand {
  static final List<String> SPLITS = List.of("train", "valid", "test");
  static final String DEFAULT_SPLIT = "test";

  public EvaluateJob() {
    super(
        "evaluate",
        "Score a trained model on a split of a shard set: accuracy, F1, log loss, AUC, confusion.");
  }

  @Override
  protected String synopsis() {
    return EvaluateOption.MODEL.flag()
        + " DIR "
        + EvaluateOption.SHARDS.flag()
        + " DIR ["
        + EvaluateOption.SPLIT.flag()
        + " test] ["
        + EvaluateOption.OUTPUT.flag()
        + " FILE.json]";
  }

  @Override
  protected Options options() {
    return StageOption.toOptions(List.of(EvaluateOption.values()));
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Configuration conf = getConf();
    String split = EvaluateOption.SPLIT.value(line, DEFAULT_SPLIT);
    if (!SPLITS.contains(split)) {
      throw new UsageException(
          EvaluateOption.SPLIT.flag() + " must be train, valid or test (got '" + split + "')");
    }
    Path modelDir = new Path(EvaluateOption.MODEL.value(line));
    TrainedModel model = TrainedModel.load(conf, modelDir);
    ShardSet shards = ShardSet.open(conf, new Path(EvaluateOption.SHARDS.value(line)));
    if (shards.dim() != model.model().dim() || !shards.labels().equals(model.labels())) {
      throw new UsageException(
          String.format(
              "%s %s (dim %d, labels %s) was not made like the model's data (dim %d, labels %s)",
              EvaluateOption.SHARDS.flag(),
              shards.dir(),
              shards.dim(),
              shards.labels(),
              model.model().dim(),
              model.labels()));
    }
    Path output = output(conf, line, modelDir, split);
    FileSystem outFs = output.getFileSystem(conf);
    Path work = StagePaths.workDirectory(outFs.makeQualified(output));
    outFs.delete(work, true);

    Counters counters = runEvaluate(conf, modelDir, shards, split, work);
    checkCounts(counters, shards, split);
    List<String> lines = TextFiles.readAllLines(conf, new Path(work, "part-r-*"));
    JsonNode totals = JsonFiles.mapper().readTree(lines.get(0));
    ObjectNode metrics = Metrics.of(model.labels(), totals);
    metrics.put("split", split);
    metrics.put("shards", shards.dir().toString());
    metrics.put("model", modelDir.toString());
    JsonFiles.write(conf, output, metrics);
    outFs.delete(work, true);
    System.out.print(Metrics.table(metrics, split));
    System.out.println("evaluate: metrics -> " + output);
    return 0;
  }

  /**
   * {@code --output}, or {@code eval-<split>.json} in the model directory.
   *
   * @throws UsageException when {@code --output} exists and {@code --overwrite} is not given
   */
  private static Path output(Configuration conf, CommandLine line, Path modelDir, String split)
      throws IOException {
    if (!EvaluateOption.OUTPUT.isSet(line)) {
      return new Path(modelDir, "eval-" + split + ".json");
    }
    Path output = new Path(EvaluateOption.OUTPUT.value(line));
    if (output.getFileSystem(conf).exists(output) && !EvaluateOption.OVERWRITE.isSet(line)) {
      throw new UsageException(
          String.format(
              "output %s already exists; choose another %s or pass %s",
              output, EvaluateOption.OUTPUT.flag(), EvaluateOption.OVERWRITE.flag()));
    }
    return output;
  }

  /**
   * The evaluation job: the split's totals, in one reducer, into {@code work}; returns its
   * counters.
   */
  private static Counters runEvaluate(
      Configuration conf, Path modelDir, ShardSet shards, String split, Path work)
      throws IOException, InterruptedException {
    Job job = StageJobs.baseJob(conf, "evaluate " + split);
    job.setJarByClass(EvaluateJob.class);
    job.getConfiguration()
        .set(EvaluateMapper.MODEL, modelDir.getFileSystem(conf).makeQualified(modelDir).toString());
    job.setInputFormatClass(ExampleInputFormat.class);
    FileInputFormat.addInputPath(job, shards.split(split));
    job.setMapperClass(EvaluateMapper.class);
    job.setMapOutputKeyClass(LongWritable.class);
    job.setMapOutputValueClass(EvaluateCounts.class);
    job.setCombinerClass(EvaluateCombiner.class);
    job.setReducerClass(EvaluateReducer.class);
    job.setNumReduceTasks(
        1); // the AUC needs every score in one sorted pass; a record per distinct score
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, work);
    StageJobs.run(job);
    return job.getCounters();
  }

  /**
   * Checks that every example read is accounted for, that the split has as many as the shard
   * manifest says, and that some are labeled.
   */
  private static void checkCounts(Counters counters, ShardSet shards, String split) {
    long in = counters.findCounter(EvaluateCounters.EXAMPLES_IN).getValue();
    long evaluated = counters.findCounter(EvaluateCounters.EVALUATED).getValue();
    new Conservation("evaluate", in)
        .add("evaluated", evaluated)
        .add("unlabeled", counters.findCounter(EvaluateCounters.UNLABELED).getValue())
        .add("bad label", counters.findCounter(EvaluateCounters.BAD_LABEL).getValue())
        .check();
    if (in != shards.records(split)) {
      throw new StageFailedException(
          "evaluate: read "
              + in
              + " "
              + split
              + " examples, the shard manifest says "
              + shards.records(split)
              + "; the shard set is damaged (sheaf shard --verify)");
    }
    if (evaluated == 0) {
      throw new UsageException(
          EvaluateOption.SPLIT.flag()
              + " "
              + split
              + " of "
              + shards.dir()
              + " has no labeled examples to evaluate");
    }
  }
}
