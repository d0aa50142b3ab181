package dev.sheaf.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Example;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageOutput;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import dev.sheaf.vectorize.Vectorizer;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
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
 * place in the shuffle come from a hash of (seed, id); a counting pass (two with --stratify)
 * gives every split's order histogram, from which the shard job's reducers (one per shard, or
 * contiguous ranges of shards with {@value #REDUCERS}) know each example's exact rank: shard sizes within a split differ by at most one, and the files'
 * bytes are the same whatever the number of map tasks. {@code --verify DIR} checks a shard set.
 */
public final class ShardJob extends SheafCommand {
  public static final String NAME = "shard";
  static final String PLAN = "sheaf.shard.plan";
  static final String CODEC = "sheaf.shard.codec";
  static final String TOTAL_SHARDS = "sheaf.shard.total-shards";
  /** Reduce tasks of the shard job; 0 (the default) is one per shard. Embedded mode uses the cores. */
  public static final String REDUCERS = "sheaf.shard.reducers";
  /**
   * Snappy: the trainer reads every train shard once an epoch, and decodes snappy about 5x faster
   * than deflate (258,000 vs 48,600 examples/s of 359 non-zeros, bench/train-hot-loop.sh).
   */
  static final String DEFAULT_CODEC = "snappy";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Split and shuffle examples into balanced, checksummed train/valid/test shards.";
  }

  @Override
  protected String synopsis() {
    return "--input DIR --output DIR [options] | --verify DIR";
  }

  @Override
  protected Options options() {
    return ShardOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    if (line.hasOption("verify")) {
      return verify(new Path(line.getOptionValue("verify")));
    }
    Instant start = Instant.now();
    ShardOptions options = ShardOptions.parse(line);
    Configuration conf = getConf();
    StageInputs checked = StageInputs.check(conf, options.inputs());
    List<Path> inputs = checked.paths();
    Path vectorizer = new Path(inputs.get(0), Vectorizer.DIRECTORY);
    FileSystem fs = vectorizer.getFileSystem(conf);
    if (!fs.exists(vectorizer)) {
      throw new UsageException("--input " + options.inputs().get(0) + " has no " + Vectorizer.DIRECTORY
          + "/: give the output of sheaf vectorize");
    }
    SplitRule fitted = SplitRule.readFrom(conf, vectorizer);
    if (fitted != null && (options.stratify() || !fitted.equals(options.splitRule()))) {
      throw new UsageException("--input " + options.inputs().get(0) + " was vectorized with features fitted on the train "
          + "split of --split " + fitted.describe() + " --seed " + fitted.seed() + (options.stratify()
          ? "; --stratify assigns other splits: vectorize with --fit-on all" : "; shard with the same split and seed"));
    }
    StageOutput staged = StageOutput.prepare(conf, options.output(), inputs, options.overwrite());
    Path output = staged.path();
    Path work = staged.work();
    fs.delete(work, true);
    Path planFile = new Path(work, "plan.bin");

    ShardPlan plan = new ShardPlan(options.seed(), options.shards(), options.cumulative(), Map.of());
    if (options.stratify()) {
      plan.write(conf, planFile);
      Path histograms = new Path(work, "stratify");
      count(conf, inputs, planFile, histograms, true);
      Map<Integer, long[]> byLabel = new HashMap<>();
      for (String entry : TextFiles.readAllLines(conf, new Path(histograms, "part-r-*"))) {
        String[] fields = entry.substring(1).split("\t");
        byLabel.computeIfAbsent(Integer.parseInt(fields[0]), label -> new long[ShardKeys.STRATIFY_BUCKETS])
            [Integer.parseInt(fields[1])] = Long.parseLong(fields[2]);
      }
      plan = new ShardPlan(options.seed(), options.shards(), options.cumulative(),
          ShardPlan.stratifyCuts(byLabel, options.cumulative()));
    }
    plan.write(conf, planFile);
    Path countsDir = new Path(work, "counts");
    Counters countCounters = count(conf, inputs, planFile, countsDir, false);
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
        String name = label >= 0 && label < labelNames.size() ? labelNames.get(label) : "(unlabeled)";
        labelsBySplit.computeIfAbsent(ShardKeys.SPLITS[split], s -> new TreeMap<>()).put(name, Long.parseLong(fields[2]));
      }
    }
    plan.write(conf, planFile);

    Job job = StageJobs.baseJob(conf, NAME);
    Configuration jobConf = job.getConfiguration();
    jobConf.set(PLAN, fs.makeQualified(planFile).toString());
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

    Path sidecars = new Path(output, ShardReducer.SIDECARS);
    ArrayNode shards = JsonNodeFactory.instance.arrayNode();
    FileStatus[] sidecarFiles = fs.listStatus(sidecars);
    java.util.Arrays.sort(sidecarFiles);
    long[] splitRecords = new long[ShardKeys.SPLITS.length];
    for (FileStatus sidecar : sidecarFiles) {
      try (InputStream in = fs.open(sidecar.getPath())) {
        JsonNode shard = JSON.readTree(in);
        shards.add(shard);
        splitRecords[List.of(ShardKeys.SPLITS).indexOf(shard.get("split").asText())] += shard.get("records").asLong();
      }
    }
    fs.delete(sidecars, true);
    FileUtil.copy(fs, vectorizer, fs, new Path(output, Vectorizer.DIRECTORY), false, conf);
    fs.delete(work, true);

    long in = countCounters.findCounter(StageCounters.RECORDS_IN).getValue();
    checked.checkRecordsRead(NAME, in, "vectorize output");
    Conservation conservation = new Conservation(NAME, in);
    for (int s = 0; s < ShardKeys.SPLITS.length; s++) {
      conservation.add(ShardKeys.SPLITS[s], splitRecords[s]);
    }
    conservation.check();
    Instant end = Instant.now();
    JsonNode spec;
    try (InputStream specIn = fs.open(new Path(vectorizer, "vectorizer.json"))) {
      spec = JSON.readTree(specIn);
    }
    List<String> empty = emptySplits(options, in, splitRecords);
    new Manifest(NAME, start).parameters(options.describe()).inputs(conf, inputs).counters(job.getCounters())
        .accounting(conservation).schema(Example.getClassSchema())
        .put("shard", summary(shards, labelNames, spec, labelsBySplit))
        .put("emptySplits", JSON.valueToTree(empty))
        .output(conf, output, in)
        .write(conf, output, end);
    staged.publish();
    System.out.printf("%s: %d in -> %s; %d shards per split; %s (%.1f s)%n", NAME, in, conservation.describe(),
        options.shards(), options.output(), Duration.between(start, end).toMillis() / 1000.0);
    if (!empty.isEmpty()) {
      System.err.printf("%s: warning: no example in %s, though --split %d/%d/%d gives %s a share%s%n", NAME,
          String.join(" and ", empty), options.percents()[0], options.percents()[1], options.percents()[2],
          empty.size() == 1 ? "it" : "them", options.stratify()
              ? " (--stratify splits each label alone: a label of a few examples goes to train whole)" : "");
    }
    return 0;
  }

  private static Counters count(Configuration conf, List<Path> inputs, Path plan, Path output, boolean stratifyPass)
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

  /** The splits with a share in {@code --split} that got no example (none when there was no input). */
  static List<String> emptySplits(ShardOptions options, long in, long[] splitRecords) {
    List<String> empty = new ArrayList<>();
    for (int s = 0; s < ShardKeys.SPLITS.length; s++) {
      if (in > 0 && options.percents()[s] > 0 && splitRecords[s] == 0) {
        empty.add(ShardKeys.SPLITS[s]);
      }
    }
    return empty;
  }

  private static ObjectNode summary(ArrayNode shards, List<String> labelNames, JsonNode spec,
      Map<String, Map<String, Long>> splitLabels) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("dim", spec.get("dim").asInt());
    summary.set("labels", JSON.valueToTree(labelNames));
    summary.set("splitLabels", JSON.valueToTree(splitLabels));
    summary.set("vectorizer", spec);
    summary.set("shards", shards);
    return summary;
  }

  /** Recomputes each shard's records, bytes and SHA-256 and compares them with the manifest. */
  private int verify(Path directory) throws IOException {
    Configuration conf = getConf();
    FileSystem fs = directory.getFileSystem(conf);
    Path manifestFile = new Path(directory, Manifest.FILE_NAME);
    if (!fs.exists(manifestFile)) {
      throw new UsageException("--verify " + directory + ": no " + Manifest.FILE_NAME + " (not a shard set)");
    }
    JsonNode manifest;
    try (InputStream in = fs.open(manifestFile)) {
      manifest = JSON.readTree(in);
    }
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (JsonNode shard : manifest.at("/shard/shards")) {
      Path file = new Path(directory, shard.get("path").asText());
      checked++;
      if (!fs.exists(file)) {
        problems.add(shard.get("path").asText() + ": missing");
        continue;
      }
      MessageDigest digest = ShardReducer.CountingDigestStream.sha256();
      long records = 0;
      try (DigestInputStream in = new DigestInputStream(fs.open(file), digest);
          DataFileStream<Example> reader = new DataFileStream<>(in, new SpecificDatumReader<>(Example.class))) {
        while (reader.hasNext()) {
          reader.next();
          records++;
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException | RuntimeException e) {
        problems.add(shard.get("path").asText() + ": unreadable (" + e.getMessage() + ")");
        continue;
      }
      long bytes = fs.getFileStatus(file).getLen();
      String sha = HexFormat.of().formatHex(digest.digest());
      if (records != shard.get("records").asLong()) {
        problems.add(shard.get("path").asText() + ": " + records + " records, manifest says " + shard.get("records"));
      }
      if (bytes != shard.get("bytes").asLong()) {
        problems.add(shard.get("path").asText() + ": " + bytes + " bytes, manifest says " + shard.get("bytes"));
      }
      if (!sha.equals(shard.get("sha256").asText())) {
        problems.add(shard.get("path").asText() + ": SHA-256 differs from the manifest's");
      }
    }
    if (checked == 0) {
      throw new UsageException("--verify " + directory + ": the manifest lists no shards");
    }
    if (!problems.isEmpty()) {
      throw new StageFailedException("shard --verify: " + problems.size() + " problem(s) in " + directory + ": "
          + String.join("; ", problems));
    }
    System.out.printf("shard --verify: %d shards OK (records, bytes, SHA-256); %s%n", checked, directory);
    return 0;
  }
}
