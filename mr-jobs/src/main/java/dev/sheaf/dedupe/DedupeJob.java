package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StagePaths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code sheaf dedupe}: removes documents whose normalised text another document already has,
 * keeping the smallest id of each group. Output: kept {@code Document}s in {@code part-*.avro},
 * one {@code Duplicate} per dropped document in {@code _duplicates/}, malformed input in
 * {@code _rejects/}, and {@code _MANIFEST.json}. The same records whatever the number of tasks.
 */
public final class DedupeJob extends SheafCommand {
  public static final String NAME = "dedupe";
  /** Avro codec of the stage's output files. */
  static final String OUTPUT_CODEC = "snappy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Remove duplicate documents from raw input (jsonl, text, email, avro); writes Avro documents.";
  }

  @Override
  protected Options options() {
    return DedupeOptions.options();
  }

  /** The mapper, shuffle (secondary sort on id) and reducer setup, shared with the tests. */
  static void configureTasks(Job job) {
    job.setMapperClass(ExactFingerprintMapper.class);
    job.setMapOutputKeyClass(FingerprintKey.class);
    AvroJob.setMapOutputValueSchema(job, Document.getClassSchema());
    job.setPartitionerClass(FingerprintKey.FingerprintPartitioner.class);
    job.setSortComparatorClass(FingerprintKey.SortComparator.class);
    job.setGroupingComparatorClass(FingerprintKey.GroupingComparator.class);
    job.setReducerClass(ExactDedupeReducer.class);
    job.setOutputFormatClass(AvroKeyOutputFormat.class);
    AvroJob.setOutputKeySchema(job, Document.getClassSchema());
    AvroMultipleOutputs.addNamedOutput(job, ExactDedupeReducer.DUPLICATES_OUTPUT, AvroKeyOutputFormat.class,
        Duplicate.getClassSchema());
    FileOutputFormat.setCompressOutput(job, true);
    job.getConfiguration().set(AvroJob.CONF_OUTPUT_CODEC, OUTPUT_CODEC);
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Instant start = Instant.now();
    DedupeOptions options = DedupeOptions.parse(line);
    Configuration conf = getConf();
    List<Path> inputs = StagePaths.checkInputs(conf, options.input().inputs());
    Path output = StagePaths.prepareOutput(conf, options.output(), options.overwrite());

    Job job = StageJobs.newJob(conf, NAME, options.input(), inputs);
    configureTasks(job);
    FileOutputFormat.setOutputPath(job, output);
    StageJobs.run(job);

    Counters counters = job.getCounters();
    Conservation conservation = new Conservation(NAME, counters.findCounter(StageCounters.RECORDS_IN).getValue())
        .add("kept", counters.findCounter(DedupeCounters.KEPT).getValue())
        .add("exact duplicates", counters.findCounter(DedupeCounters.EXACT_DUPLICATES).getValue())
        .add("empty after normalization", counters.findCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION).getValue())
        .add("rejected", counters.findCounter(StageCounters.REJECTED).getValue());
    StageJobs.checkConservation(conf, output, conservation);
    Instant end = Instant.now();
    new Manifest(NAME, start).parameters(options.describe()).inputs(conf, inputs).counters(counters)
        .accounting(conservation).schema(Document.getClassSchema()).write(conf, output, end);
    System.out.printf("%s: %d in -> %s; %s (%.1f s)%n", NAME, conservation.recordsIn(), conservation.describe(),
        options.output(), Duration.between(start, end).toMillis() / 1000.0);
    return 0;
  }
}
