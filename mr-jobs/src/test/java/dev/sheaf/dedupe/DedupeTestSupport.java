package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectWriter;
import java.io.IOException;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;

/** The dedupe job's task configuration and small record builders for the driver tests. */
final class DedupeTestSupport {
  private DedupeTestSupport() {}

  static Configuration jobConfiguration(int reducers) throws IOException {
    Job job = Job.getInstance(new Configuration());
    DedupeJob.configureTasks(job);
    RejectWriter.declare(job);
    job.setNumReduceTasks(reducers);
    job.getConfiguration().set(DocumentMapper.STAGE, DedupeJob.NAME);
    return job.getConfiguration();
  }

  /** A near-dedupe job configuration: the settings tasks read, the shuffle, and the outputs. */
  static Configuration nearConfiguration(int reducers, float threshold, int maxBucketSize)
      throws IOException {
    Job job = Job.getInstance(new Configuration());
    new DedupeOptions.Near(
            threshold,
            5,
            128,
            LshBands.forRecall(threshold, 128),
            KeepPolicy.SMALLEST_ID,
            maxBucketSize,
            DedupeOptions.DEFAULT_SKETCH_SIZE)
        .applyTo(job.getConfiguration());
    PairKey.configureShuffle(job);
    RejectWriter.declare(job);
    job.setNumReduceTasks(reducers);
    job.getConfiguration().set(DocumentMapper.STAGE, DedupeJob.NAME);
    return job.getConfiguration();
  }

  static Document document(String id, String text) {
    return Document.newBuilder()
        .setId(id)
        .setText(text)
        .setLabel(null)
        .setSource("in.jsonl")
        .setMeta(new HashMap<>())
        .build();
  }

  static ParsedRecord parsed(String id, String text) {
    return ParsedRecord.of(document(id, text), false);
  }
}
