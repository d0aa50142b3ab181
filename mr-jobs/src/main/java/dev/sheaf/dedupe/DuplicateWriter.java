package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * Writes a reduce task's {@link Duplicate} records to {@code <output>/_duplicates/part-*.avro}
 * and counts them by kind ({@link DedupeCounters#EXACT_DUPLICATES}, {@link DedupeCounters#NEAR_DUPLICATES}).
 */
final class DuplicateWriter {
  static final String NAMED_OUTPUT = "duplicates";
  static final String DIRECTORY = "_duplicates";
  private static final String BASE_PATH = DIRECTORY + "/part";

  private final AvroMultipleOutputs outputs;
  private final Duplicate duplicate = new Duplicate();
  private final AvroKey<Duplicate> key = new AvroKey<>();
  private final Counter exact;
  private final Counter near;

  DuplicateWriter(TaskInputOutputContext<?, ?, ?, ?> context, AvroMultipleOutputs outputs) {
    this.outputs = outputs;
    this.exact = context.getCounter(DedupeCounters.EXACT_DUPLICATES);
    this.near = context.getCounter(DedupeCounters.NEAR_DUPLICATES);
  }

  /** Declares the duplicates output on a job. */
  static void declare(Job job) {
    AvroMultipleOutputs.addNamedOutput(job, NAMED_OUTPUT, AvroKeyOutputFormat.class, Duplicate.getClassSchema());
  }

  void write(Document dropped, String representativeId, DuplicateKind kind, float similarity)
      throws IOException, InterruptedException {
    duplicate.setId(dropped.getId());
    duplicate.setDuplicateOf(representativeId);
    duplicate.setKind(kind);
    duplicate.setSimilarity(similarity);
    duplicate.setSource(dropped.getSource());
    key.datum(duplicate);
    outputs.write(NAMED_OUTPUT, key, NullWritable.get(), BASE_PATH);
    (kind == DuplicateKind.exact ? exact : near).increment(1);
  }
}
