package dev.sheaf.dedupe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageEnding;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code sheaf dedupe}: removes documents whose normalised text another document already has,
 * keeping the smallest id of each group. Output: kept {@code Document}s in {@code part-*.avro}, one
 * {@code Duplicate} per dropped document in {@code _duplicates/}, malformed input in {@code
 * _rejects/}, and {@code _MANIFEST.json}. The same records whatever the number of tasks.
 */
public final class DedupeJob extends SheafCommand {
  public static final String NAME = "dedupe";

  public DedupeJob() {
    super(
        NAME,
        "Remove exact and near-duplicate documents from raw input (any --format: jsonl, text, email, csv, ...).");
  }

  @Override
  protected Options options() {
    return DedupeOptions.options();
  }

  /**
   * The exact mode's mapper, shuffle (secondary sort on rank) and reducer, shared with the tests.
   */
  static void configureTasks(Job job) {
    job.setMapperClass(ExactFingerprintMapper.class);
    PairKey.configureShuffle(job);
    AvroJob.setMapOutputValueSchema(job, Document.getClassSchema());
    job.setReducerClass(ExactDedupeReducer.class);
    StageJobs.avroOutput(job, Document.getClassSchema());
    DedupeOutputs.declare(job);
  }

  /** LSH parameters, rounds, graph sizes and the component-size histogram, for the manifest. */
  private static ObjectNode nearSummary(
      DedupeOptions.Near near, NearDedupe chain, Counters counters) {
    int rounds = chain.rounds();
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("bands", near.bands().bands());
    summary.put("rows", near.bands().rows());
    summary.put(
        "graph",
        chain.graphInDriver()
            ? "in the driver (pairs, verification, components, labels)"
            : "MapReduce jobs (buckets, candidates, verify, representatives)");
    summary.put(
        "connectedComponents",
        rounds == 0 ? "union-find in the driver" : "large-star/small-star rounds");
    summary.put("connectedComponentRounds", rounds);
    summary.put(
        "lastPass",
        chain.labelsInMemory()
            ? "map-side, labels in memory"
            : "reduce-side join of labels and documents");
    summary.put("sketchSize", near.sketchSize());
    summary.put("bucketPairs", counters.findCounter(DedupeCounters.BUCKET_PAIRS).getValue());
    summary.put("candidatePairs", counters.findCounter(DedupeCounters.CANDIDATE_PAIRS).getValue());
    summary.put("edges", counters.findCounter(DedupeCounters.EDGES).getValue());
    summary.put(
        "characterShingledDocuments",
        counters.findCounter(DedupeCounters.CHARACTER_SHINGLED).getValue());
    summary.put("bucketAnchors", BucketPairing.ANCHORS);
    summary.put(
        "bucketPairsSkipped", counters.findCounter(DedupeCounters.BUCKET_PAIRS_SKIPPED).getValue());
    summary.put("bucketsCapped", counters.findCounter(DedupeCounters.BUCKETS_CAPPED).getValue());
    summary.put("components", counters.findCounter(DedupeCounters.COMPONENTS).getValue());
    ObjectNode sizes = summary.putObject("componentSizes");
    List<String> bins = new ArrayList<>();
    counters
        .getGroup(Representatives.CLUSTER_SIZES)
        .forEach(counter -> bins.add(counter.getName()));
    bins.sort(java.util.Comparator.comparingInt(bin -> Integer.parseInt(bin.split("-")[0])));
    for (String bin : bins) {
      sizes.put(bin, counters.findCounter(Representatives.CLUSTER_SIZES, bin).getValue());
    }
    return summary;
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Instant start = Instant.now();
    DedupeOptions options = DedupeOptions.parse(line);
    Configuration conf = getConf();
    StageInputs inputs = StageInputs.check(conf, options.input().inputs());
    StageOutput output =
        StageOutput.prepare(conf, options.output(), inputs.paths(), options.overwrite());

    Counters counters;
    NearDedupe near = null;
    if (options.near() == null) {
      counters = runExact(conf, options, inputs, output);
    } else {
      near = new NearDedupe(conf, options);
      counters = near.run(inputs.paths(), output.path(), output.work());
    }
    inputs.checkRecordsRead(NAME, counters, options.input().describe());

    Conservation conservation = conservation(counters, near != null);
    Manifest manifest =
        Manifest.ofStage(start, options.describe(), conf, inputs.paths(), counters, conservation)
            .schema(Document.getClassSchema());
    if (near != null) {
      manifest.put("nearDedupe", nearSummary(options.near(), near, counters));
    }
    long kept = counters.findCounter(DedupeCounters.KEPT).getValue();
    StageEnding.finish(conf, manifest, output, kept, options.output(), "");
    return 0;
  }

  /** The exact mode's one job, into the staging directory; returns its counters. */
  private static Counters runExact(
      Configuration conf, DedupeOptions options, StageInputs inputs, StageOutput output)
      throws IOException, InterruptedException {
    Job job = StageJobs.newJob(conf, NAME, options.input(), inputs.paths());
    DedupeOptions.setKeepPolicy(job.getConfiguration(), options.keep());
    configureTasks(job);
    FileOutputFormat.setOutputPath(job, output.path());
    StageJobs.run(job);
    return job.getCounters();
  }

  /** Kept, exact (and in near mode near) duplicates, empty after normalization, rejected. */
  private static Conservation conservation(Counters counters, boolean near) {
    Conservation conservation =
        new Conservation(NAME, counters.findCounter(StageCounters.RECORDS_IN).getValue())
            .add("kept", counters.findCounter(DedupeCounters.KEPT).getValue())
            .add(
                "exact duplicates",
                counters.findCounter(DedupeCounters.EXACT_DUPLICATES).getValue());
    if (near) {
      conservation.add(
          "near duplicates", counters.findCounter(DedupeCounters.NEAR_DUPLICATES).getValue());
    }
    return conservation
        .add(
            "empty after normalization",
            counters.findCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION).getValue())
        .add("rejected", counters.findCounter(StageCounters.REJECTED).getValue());
  }
}
