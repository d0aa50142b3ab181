package dev.sheaf.train;

import dev.sheaf.common.Conservation;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageJobs;
import dev.sheaf.model.ExampleInputFormat;
import dev.sheaf.model.ShardSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * One pass over the train shards as a MapReduce job ({@link EpochMapper} → {@link SliceKey} slices
 * → a reducer per slice), and the checks of its accounting: every example read is trained on or
 * counted as skipped, the read count is the shard manifest's, and every slice's reducer saw every
 * trained example. {@code --sync average} and {@code gradient} run one an epoch with {@link
 * SliceReducer}; {@code lbfgs} one per line-search trial with {@link LbfgsReducer}.
 */
final class EpochPass {
  private EpochPass() {}

  /**
   * Runs the pass with {@code settings} (and {@code extra} configuration) into {@code output}.
   *
   * @return the job's counters ({@link TrainCounters})
   * @throws StageFailedException when the job fails or its accounting does not add up
   */
  static Counters run(
      Configuration conf,
      TrainOptions options,
      ShardSet shards,
      EpochSettings settings,
      Class<? extends Reducer<?, ?, ?, ?>> reducer,
      Map<String, String> extra,
      Path output)
      throws Exception {
    Job job = StageJobs.baseJob(conf, "train epoch " + settings.epoch() + "/" + options.epochs());
    job.setJarByClass(TrainJob.class);
    Configuration jobConf = job.getConfiguration();
    settings.applyTo(jobConf);
    extra.forEach(jobConf::set);
    TaskMemory.apply(jobConf, settings);
    // ND4J uses the cores the task was given, and the MLP's products the client's OpenBLAS kernel
    BlasEnvironment.apply(jobConf, System.getenv());
    options.gpu().applyTo(jobConf);
    job.setInputFormatClass(ExampleInputFormat.class);
    FileInputFormat.addInputPath(job, shards.split("train"));
    job.setMapperClass(EpochMapper.class);
    job.setMapOutputKeyClass(SliceKey.class);
    job.setMapOutputValueClass(SliceUpdate.class);
    if (jobConf.getBoolean(TrainJob.COMBINER, false)) {
      job.setCombinerClass(SliceCombiner.class);
    }
    job.setPartitionerClass(SliceKey.SlicePartitioner.class);
    job.setGroupingComparatorClass(SliceKey.BySlice.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<? extends Reducer> reducerClass = (Class) reducer;
    job.setReducerClass(reducerClass);
    job.setNumReduceTasks(settings.slices());
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    StageJobs.run(job);
    Counters counters = job.getCounters();
    long in = counters.findCounter(TrainCounters.EXAMPLES_IN).getValue();
    long trained = counters.findCounter(TrainCounters.TRAINED).getValue();
    new Conservation("train epoch " + settings.epoch(), in)
        .add("trained", trained)
        .add("unlabeled", counters.findCounter(TrainCounters.UNLABELED).getValue())
        .add("bad label", counters.findCounter(TrainCounters.BAD_LABEL).getValue())
        .check();
    if (in != shards.records("train")) {
      throw new StageFailedException(
          "train epoch "
              + settings.epoch()
              + ": read "
              + in
              + " train examples, the shard"
              + " manifest says "
              + shards.records("train")
              + "; the shard set is damaged (sheaf shard --verify)");
    }
    if (trained == 0) {
      throw new StageFailedException(
          "train: no labeled train examples in " + shards.split("train"));
    }
    long sliceExamples = counters.findCounter(TrainCounters.SLICE_EXAMPLES).getValue();
    if (sliceExamples != trained * settings.slices()) {
      throw new StageFailedException(
          "train epoch "
              + settings.epoch()
              + ": the reducers averaged over "
              + sliceExamples
              + " examples, expected "
              + settings.slices()
              + " slices x "
              + trained
              + "; an update went missing");
    }
    return counters;
  }

  /** The mean weighted loss of a pass's examples (NaN when a task's sum was not finite). */
  static double meanLoss(Counters counters) {
    long trained = counters.findCounter(TrainCounters.TRAINED).getValue();
    return counters.findCounter(TrainCounters.NONFINITE_LOSSES).getValue() > 0
        ? Double.NaN
        : counters.findCounter(TrainCounters.LOSS_MICROS).getValue() / 1e6 / Math.max(1, trained);
  }
}
