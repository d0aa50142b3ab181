package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.common.StageCounters;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Exact dedupe reduce: one call per group of documents with the same fingerprint, in rank order
 * (a {@link PairKey} secondary sort): writes the first document and a duplicate record for each
 * of the others to {@code _duplicates/}. Holds one id at a time, whatever the group's size.
 */
public final class ExactDedupeReducer
    extends Reducer<PairKey, AvroValue<Document>, AvroKey<Document>, NullWritable> {
  private final AvroKey<Document> keptKey = new AvroKey<>();
  private AvroMultipleOutputs outputs;
  private DuplicateWriter duplicates;
  private Counter kept;
  private Counter recordsOut;

  @Override
  protected void setup(Context context) {
    outputs = new AvroMultipleOutputs(context);
    kept = context.getCounter(DedupeCounters.KEPT);
    recordsOut = context.getCounter(StageCounters.RECORDS_OUT);
    duplicates = new DuplicateWriter(context, outputs);
  }

  @Override
  protected void reduce(PairKey key, Iterable<AvroValue<Document>> documents, Context context)
      throws IOException, InterruptedException {
    String keptId = null;
    for (AvroValue<Document> value : documents) {
      Document document = value.datum();
      if (keptId == null) {
        keptId = document.getId();
        keptKey.datum(document);
        context.write(keptKey, NullWritable.get());
        kept.increment(1);
        recordsOut.increment(1);
      } else {
        duplicates.write(document, keptId, DuplicateKind.exact, 1.0f);
      }
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
