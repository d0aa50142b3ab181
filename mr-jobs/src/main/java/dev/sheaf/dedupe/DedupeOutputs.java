package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.common.StageCounters;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * What a dedupe reduce task writes, in both modes: kept documents to the main output ({@link
 * DedupeCounters#KEPT}, {@link StageCounters#RECORDS_OUT}) and one {@link Duplicate} per dropped
 * document to {@code <output>/_duplicates/part-*.avro}, counted by kind.
 */
final class DedupeOutputs {
  static final String NAMED_OUTPUT = "duplicates";
  static final String DIRECTORY = "_duplicates";
  private static final String BASE_PATH = DIRECTORY + "/part";

  private final TaskInputOutputContext<?, ?, AvroKey<Document>, NullWritable> context;
  private final AvroMultipleOutputs outputs;
  private final AvroKey<Document> keptKey = new AvroKey<>();
  private final Duplicate duplicate = new Duplicate();
  private final AvroKey<Duplicate> duplicateKey = new AvroKey<>();
  private final Counter kept;
  private final Counter recordsOut;
  private final Counter exact;
  private final Counter near;

  DedupeOutputs(TaskInputOutputContext<?, ?, AvroKey<Document>, NullWritable> context) {
    this.context = context;
    this.outputs = new AvroMultipleOutputs(context);
    this.kept = context.getCounter(DedupeCounters.KEPT);
    this.recordsOut = context.getCounter(StageCounters.RECORDS_OUT);
    this.exact = context.getCounter(DedupeCounters.EXACT_DUPLICATES);
    this.near = context.getCounter(DedupeCounters.NEAR_DUPLICATES);
  }

  /** Declares the duplicates output on a job. */
  static void declare(Job job) {
    AvroMultipleOutputs.addNamedOutput(
        job, NAMED_OUTPUT, AvroKeyOutputFormat.class, Duplicate.getClassSchema());
  }

  void keep(Document document) throws IOException, InterruptedException {
    keptKey.datum(document);
    context.write(keptKey, NullWritable.get());
    kept.increment(1);
    recordsOut.increment(1);
  }

  void drop(Document dropped, String representativeId, DuplicateKind kind, float similarity)
      throws IOException, InterruptedException {
    duplicate.setId(dropped.getId());
    duplicate.setDuplicateOf(representativeId);
    duplicate.setKind(kind);
    duplicate.setSimilarity(similarity);
    duplicate.setSource(dropped.getSource());
    duplicateKey.datum(duplicate);
    outputs.write(NAMED_OUTPUT, duplicateKey, NullWritable.get(), BASE_PATH);
    (kind == DuplicateKind.exact ? exact : near).increment(1);
  }

  void close() throws IOException, InterruptedException {
    outputs.close();
  }
}
