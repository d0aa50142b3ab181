package dev.sheaf.clean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.DecodeCounters;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageEnding;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOutput;
import java.time.Instant;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code sheaf clean}: a map-only job from {@code Document} to {@code Document} that extracts text
 * (raw e-mail, HTML), normalises it, removes quoting and boilerplate lines, applies the Gopher
 * quality rules and an optional language filter, masks personal data and caps the length. Every
 * dropped document is counted under the rule that dropped it (and kept in {@code _filtered/} with
 * {@code --keep-filtered}); the manifest lists the counts per rule and per kind of personal data
 * masked.
 */
public final class CleanJob extends SheafCommand {
  public static final String NAME = "clean";

  public CleanJob() {
    super(NAME, "Extract, normalise and filter document text; mask personal data.");
  }

  @Override
  protected Options options() {
    return CleanOptions.options();
  }

  /** The map-only task and its outputs, shared with the tests. */
  static void configureTasks(Job job) {
    job.setMapperClass(CleanMapper.class);
    job.setNumReduceTasks(0);
    StageJobs.avroOutput(job, Document.getClassSchema());
    CleanMapper.declare(job);
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Instant start = Instant.now();
    Configuration conf = getConf();
    CleanOptions options = CleanOptions.parse(line, conf);
    StageInputs inputs = StageInputs.check(conf, options.input().inputs());
    StageOutput output =
        StageOutput.prepare(conf, options.output(), inputs.paths(), options.overwrite());

    Job job = StageJobs.newJob(conf, NAME, options.input(), inputs.paths());
    options.settings().applyTo(job.getConfiguration());
    configureTasks(job);
    FileOutputFormat.setOutputPath(job, output.path());
    StageJobs.run(job);
    Counters counters = job.getCounters();
    inputs.checkRecordsRead(NAME, counters, options.input().describe());

    Conservation conservation = conservation(counters);
    Manifest manifest =
        Manifest.ofStage(start, options.describe(), conf, inputs.paths(), counters, conservation)
            .schema(Document.getClassSchema())
            .put("clean", summary(counters));
    long kept = counters.findCounter(CleanCounters.KEPT).getValue();
    StageEnding.finish(conf, manifest, output, kept, options.output(), "");
    return 0;
  }

  /** Kept, filtered by each rule that dropped any, rejected. */
  private static Conservation conservation(Counters counters) {
    Conservation conservation =
        new Conservation(NAME, counters.findCounter(StageCounters.RECORDS_IN).getValue())
            .add("kept", counters.findCounter(CleanCounters.KEPT).getValue());
    for (FilterRule rule : FilterRule.values()) {
      long dropped = counters.findCounter(rule).getValue();
      if (dropped > 0) {
        conservation.add("filtered " + rule.name(), dropped);
      }
    }
    return conservation.add("rejected", counters.findCounter(StageCounters.REJECTED).getValue());
  }

  /** Drops per rule, masks per kind, and what the steps changed, each by name. */
  private static ObjectNode summary(Counters counters) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    ObjectNode rules = summary.putObject("filteredByRule");
    for (FilterRule rule : FilterRule.values()) {
      rules.put(rule.name(), counters.findCounter(rule).getValue());
    }
    ObjectNode pii = summary.putObject("piiMasked");
    for (PiiType type : PiiType.values()) {
      pii.put(type.name(), counters.findCounter(type).getValue());
    }
    ObjectNode changes = summary.putObject("changes");
    for (CleanCounters counter : CleanCounters.values()) {
      if (counter != CleanCounters.KEPT && counter != CleanCounters.FILTERED) {
        changes.put(counter.name(), counters.findCounter(counter).getValue());
      }
    }
    ObjectNode decoding = summary.putObject("decoding");
    for (DecodeCounters counter : DecodeCounters.values()) {
      decoding.put(counter.name(), counters.findCounter(counter).getValue());
    }
    for (StageCounters counter :
        new StageCounters[] {
          StageCounters.CHARSET_GUESSED,
          StageCounters.BYTE_ORDER_MARKS_SKIPPED,
          StageCounters.INVALID_UTF8_REPLACED,
          StageCounters.LONE_SURROGATES_REPLACED
        }) {
      decoding.put(counter.name(), counters.findCounter(counter).getValue());
    }
    return summary;
  }
}
