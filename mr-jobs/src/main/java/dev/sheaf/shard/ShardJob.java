package dev.sheaf.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Example;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.OutputOption;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageEnding;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOutput;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import dev.sheaf.vectorize.Vectorizer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;

/**
 * {@code sheaf shard}: vectorize's examples into train/valid/test shards. Each example's split and
 * place in the shuffle come from a hash of (seed, id); a counting pass (two with --stratify) gives
 * every split's order histogram, from which the shard job's reducers (one per shard, or contiguous
 * ranges of shards with {@value #REDUCERS}) know each example's exact rank: shard sizes within a
 * split differ by at most one, and the files' bytes are the same whatever the number of map tasks.
 * {@code --verify DIR} checks a shard set ({@link ShardVerifier}).
 *
 * <p>It does one thing: drives the shard stage (its counting passes, the shard job and the manifest
 * of the shard set).
 */
public final class ShardJob extends SheafCommand {
  public static final String NAME = "shard";
  static final String PLAN = "sheaf.shard.plan";
  static final String CODEC = "sheaf.shard.codec";
  static final String TOTAL_SHARDS = "sheaf.shard.total-shards";

  /**
   * Reduce tasks of the shard job; 0 (the default) is one per shard. Embedded mode uses the cores.
   */
  public static final String REDUCERS = "sheaf.shard.reducers";

  /**
   * Snappy: the trainer reads every train shard once an epoch, and decodes snappy about 5x faster
   * than deflate (258,000 vs 48,600 examples/s of 359 non-zeros, bench/train-hot-loop.sh).
   */
  static final String DEFAULT_CODEC = "snappy";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ShardJob() {
    super(NAME, "Split and shuffle examples into balanced, checksummed train/valid/test shards.");
  }

  @Override
  protected String synopsis() {
    return ShardOption.INPUT.flag()
        + " DIR "
        + OutputOption.OUTPUT.flag()
        + " DIR [options] | "
        + ShardOption.VERIFY.flag()
        + " DIR";
  }

  @Override
  protected Options options() {
    return ShardOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    if (ShardOption.VERIFY.isSet(line)) {
      return ShardVerifier.verify(getConf(), new Path(ShardOption.VERIFY.value(line)));
    }
    Instant start = Instant.now();
    ShardOptions options = ShardOptions.parse(line);
    Configuration conf = getConf();
    StageInputs checked = StageInputs.check(conf, options.inputs());
    List<Path> inputs = checked.paths();
    Path vectorizer = vectorizer(conf, options, inputs);
    FileSystem fs = vectorizer.getFileSystem(conf);
    StageOutput staged = StageOutput.prepare(conf, options.output(), inputs, options.overwrite());
    Path output = staged.path();
    Path work = staged.work();
    fs.delete(work, true);
    Path planFile = new Path(work, "plan.bin");

    ShardPlan plan = stratify(conf, options, inputs, work, planFile);
    plan.write(conf, planFile);
    SplitCounts counted = countSplits(conf, inputs, plan, planFile, work, vectorizer);
    plan.write(conf, planFile);
    Counters counters = writeShards(conf, options, inputs, fs.makeQualified(planFile), output);
    ArrayNode shards = readSidecars(fs, output);
    long[] splitRecords = splitRecords(shards);
    FileUtil.copy(fs, vectorizer, fs, new Path(output, Vectorizer.DIRECTORY), false, conf);
    fs.delete(work, true);

    long in = counted.counters().findCounter(StageCounters.RECORDS_IN).getValue();
    checked.checkRecordsRead(NAME, in, "vectorize output");
    Conservation conservation = conservation(in, splitRecords);
    List<String> empty = emptySplits(options, in, splitRecords);
    JsonNode summary =
        summary(shards, counted.labelNames(), readSpec(fs, vectorizer), counted.labelsBySplit());
    Manifest manifest =
        Manifest.ofStage(start, options.describe(), conf, inputs, counters, conservation)
            .schema(Example.getClassSchema())
            .put("shard", summary)
            .put("emptySplits", JSON.valueToTree(empty));
    String details = String.format("; %d shards per split", options.shards());
    StageEnding.finish(conf, manifest, staged, in, options.output(), details);
    warnEmpty(options, empty);
    return 0;
  }

  /**
   * The input's {@code _vectorizer/}.
   *
   * @throws UsageException when the input is not vectorize's output, or its features were fitted on
   *     a train split other than the one these options assign
   */
  private static Path vectorizer(Configuration conf, ShardOptions options, List<Path> inputs)
      throws IOException {
    Path vectorizer = new Path(inputs.get(0), Vectorizer.DIRECTORY);
    if (!vectorizer.getFileSystem(conf).exists(vectorizer)) {
      throw new UsageException(
          ShardOption.INPUT.flag()
              + " "
              + options.inputs().get(0)
              + " has no "
              + Vectorizer.DIRECTORY
              + "/: give the output of sheaf vectorize");
    }
    SplitRule fitted = SplitRule.readFrom(conf, vectorizer);
    if (fitted != null && (options.stratify() || !fitted.equals(options.splitRule()))) {
      throw new UsageException(
          ShardOption.INPUT.flag()
              + " "
              + options.inputs().get(0)
              + " was vectorized with features fitted on the train "
              + "split of "
              + ShardOption.SPLIT.flag()
              + " "
              + fitted.describe()
              + " "
              + ShardOption.SEED.flag()
              + " "
              + fitted.seed()
              + (options.stratify()
                  ? "; "
                      + ShardOption.STRATIFY.flag()
                      + " assigns other splits: vectorize with --fit-on all"
                  : "; shard with the same split and seed"));
    }
    return vectorizer;
  }

  /** The plan; with {@code --stratify}, after a pass that gives each label's cuts. */
  private static ShardPlan stratify(
      Configuration conf, ShardOptions options, List<Path> inputs, Path work, Path planFile)
      throws IOException, InterruptedException {
    ShardPlan plan =
        new ShardPlan(options.seed(), options.shards(), options.cumulative(), Map.of());
    if (!options.stratify()) {
      return plan;
    }
    plan.write(conf, planFile);
    Path histograms = new Path(work, "stratify");
    count(conf, inputs, planFile, histograms, true);
    Map<Integer, long[]> byLabel = new HashMap<>();
    for (String entry : TextFiles.readAllLines(conf, new Path(histograms, "part-r-*"))) {
      String[] fields = entry.substring(1).split("\t");
      byLabel
              .computeIfAbsent(
                  Integer.parseInt(fields[0]), label -> new long[ShardKeys.STRATIFY_BUCKETS])[
              Integer.parseInt(fields[1])] =
          Long.parseLong(fields[2]);
    }
    return new ShardPlan(
        options.seed(),
        options.shards(),
        options.cumulative(),
        ShardPlan.stratifyCuts(byLabel, options.cumulative()));
  }

  /**
   * The counting job's counters, the vectorizer's label names, and each split's examples per label
   * name.
   */
  private record SplitCounts(
      Counters counters, List<String> labelNames, Map<String, Map<String, Long>> labelsBySplit) {}

  /** The counting pass: fills {@code plan}'s order histograms and counts each split's labels. */
  private static SplitCounts countSplits(
      Configuration conf,
      List<Path> inputs,
      ShardPlan plan,
      Path planFile,
      Path work,
      Path vectorizer)
      throws IOException, InterruptedException {
    Path countsDir = new Path(work, "counts");
    Counters counters = count(conf, inputs, planFile, countsDir, false);
    plan.orderCounts = new long[ShardKeys.SPLITS.length][ShardKeys.ORDER_BUCKETS];
    List<String> labelNames = TextFiles.readLines(conf, new Path(vectorizer, "labels.txt"));
    Map<String, Map<String, Long>> labelsBySplit = new TreeMap<>();
    for (String entry : TextFiles.readAllLines(conf, new Path(countsDir, "part-r-*"))) {
      String[] fields = entry.substring(1).split("\t");
      int split = Integer.parseInt(fields[0]);
      if (entry.charAt(0) == 'O') {
        plan.orderCounts[split][Integer.parseInt(fields[1])] = Long.parseLong(fields[2]);
      } else {
        int label = Integer.parseInt(fields[1]);
        String name =
            label >= 0 && label < labelNames.size() ? labelNames.get(label) : "(unlabeled)";
        labelsBySplit
            .computeIfAbsent(ShardKeys.SPLITS[split], s -> new TreeMap<>())
            .put(name, Long.parseLong(fields[2]));
      }
    }
    return new SplitCounts(counters, labelNames, labelsBySplit);
  }

  /**
   * The shard job: one reducer per shard (or {@value #REDUCERS}) writes the shards into {@code
   * output}.
   */
  private static Counters writeShards(
      Configuration conf, ShardOptions options, List<Path> inputs, Path planFile, Path output)
      throws IOException, InterruptedException {
    Job job = StageJobs.baseJob(conf, NAME);
    Configuration jobConf = job.getConfiguration();
    jobConf.set(PLAN, planFile.toString());
    jobConf.set(CODEC, options.codec());
    job.setInputFormatClass(RawExampleInputFormat.class);
    for (Path input : inputs) {
      FileInputFormat.addInputPath(job, input);
    }
    job.setMapperClass(ShardMapper.class);
    job.setMapOutputKeyClass(BytesWritable.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setPartitionerClass(ShardMapper.ShardPartitioner.class);
    job.setReducerClass(ShardReducer.class);
    int shardCount = ShardKeys.SPLITS.length * options.shards();
    int reducers = jobConf.getInt(REDUCERS, 0);
    jobConf.setInt(TOTAL_SHARDS, shardCount);
    job.setNumReduceTasks(reducers > 0 ? Math.min(reducers, shardCount) : shardCount);
    job.setOutputFormatClass(ShardOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    StageJobs.run(job);
    return job.getCounters();
  }

  /**
   * The shards' sidecars (path, records, bytes, SHA-256 of each), in file order; removes them from
   * the output.
   */
  private static ArrayNode readSidecars(FileSystem fs, Path output) throws IOException {
    Path sidecars = new Path(output, ShardReducer.SIDECARS);
    ArrayNode shards = JsonNodeFactory.instance.arrayNode();
    FileStatus[] sidecarFiles = fs.listStatus(sidecars);
    java.util.Arrays.sort(sidecarFiles);
    for (FileStatus sidecar : sidecarFiles) {
      try (InputStream in = fs.open(sidecar.getPath())) {
        shards.add(JSON.readTree(in));
      }
    }
    fs.delete(sidecars, true);
    return shards;
  }

  /** Every example read is in one split. */
  private static Conservation conservation(long in, long[] splitRecords) {
    Conservation conservation = new Conservation(NAME, in);
    for (int s = 0; s < ShardKeys.SPLITS.length; s++) {
      conservation.add(ShardKeys.SPLITS[s], splitRecords[s]);
    }
    return conservation;
  }

  /** The records of each split, in {@link ShardKeys#SPLITS} order. */
  private static long[] splitRecords(ArrayNode shards) {
    long[] splitRecords = new long[ShardKeys.SPLITS.length];
    for (JsonNode shard : shards) {
      splitRecords[List.of(ShardKeys.SPLITS).indexOf(shard.get("split").asText())] +=
          shard.get("records").asLong();
    }
    return splitRecords;
  }

  private static JsonNode readSpec(FileSystem fs, Path vectorizer) throws IOException {
    try (InputStream specIn = fs.open(new Path(vectorizer, "vectorizer.json"))) {
      return JSON.readTree(specIn);
    }
  }

  /** Warns on stderr about {@code empty}, the splits with a share that got no example. */
  private static void warnEmpty(ShardOptions options, List<String> empty) {
    if (!empty.isEmpty()) {
      System.err.printf(
          "%s: warning: no example in %s, though "
              + ShardOption.SPLIT.flag()
              + " %d/%d/%d gives %s a share%s%n",
          NAME,
          String.join(" and ", empty),
          options.percents()[0],
          options.percents()[1],
          options.percents()[2],
          empty.size() == 1 ? "it" : "them",
          options.stratify()
              ? " ("
                  + ShardOption.STRATIFY.flag()
                  + " splits each label alone: a label of a few examples goes to train whole)"
              : "");
    }
  }

  private static Counters count(
      Configuration conf, List<Path> inputs, Path plan, Path output, boolean stratifyPass)
      throws IOException, InterruptedException {
    Job job = StageJobs.baseJob(conf, NAME + (stratifyPass ? " stratify" : " count"));
    job.getConfiguration().set(PLAN, plan.getFileSystem(conf).makeQualified(plan).toString());
    job.getConfiguration().setBoolean(ShardCountMapper.STRATIFY_PASS, stratifyPass);
    job.setInputFormatClass(RawExampleInputFormat.class);
    for (Path input : inputs) {
      FileInputFormat.addInputPath(job, input);
    }
    job.setMapperClass(ShardCountMapper.class);
    job.setCombinerClass(LongSumReducer.class);
    job.setReducerClass(LongSumReducer.class);
    job.setNumReduceTasks(1);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    StageJobs.run(job);
    return job.getCounters();
  }

  /**
   * The splits with a share in {@code --split} that got no example (none when there was no input).
   */
  static List<String> emptySplits(ShardOptions options, long in, long[] splitRecords) {
    List<String> empty = new ArrayList<>();
    for (int s = 0; s < ShardKeys.SPLITS.length; s++) {
      if (in > 0 && options.percents()[s] > 0 && splitRecords[s] == 0) {
        empty.add(ShardKeys.SPLITS[s]);
      }
    }
    return empty;
  }

  private static ObjectNode summary(
      ArrayNode shards,
      List<String> labelNames,
      JsonNode spec,
      Map<String, Map<String, Long>> splitLabels) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("dim", spec.get("dim").asInt());
    summary.set("labels", JSON.valueToTree(labelNames));
    summary.set("splitLabels", JSON.valueToTree(splitLabels));
    summary.set("vectorizer", spec);
    summary.set("shards", shards);
    return summary;
  }
}
