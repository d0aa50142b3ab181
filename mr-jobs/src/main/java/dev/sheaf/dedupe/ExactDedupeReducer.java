package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.DuplicateKind;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Exact dedupe reduce: one call per group of documents with the same fingerprint, in rank order (a
 * {@link PairKey} secondary sort): keeps the first document and writes a duplicate record for each
 * of the others to {@code _duplicates/}. Holds one id at a time, whatever the group's size.
 */
public final class ExactDedupeReducer
    extends Reducer<PairKey, AvroValue<Document>, AvroKey<Document>, NullWritable> {
  private DedupeOutputs outputs;

  @Override
  protected void setup(Context context) {
    outputs = new DedupeOutputs(context);
  }

  @Override
  protected void reduce(PairKey key, Iterable<AvroValue<Document>> documents, Context context)
      throws IOException, InterruptedException {
    String keptId = null;
    for (AvroValue<Document> value : documents) {
      Document document = value.datum();
      if (keptId == null) {
        keptId = document.getId();
        outputs.keep(document);
      } else {
        outputs.drop(document, keptId, DuplicateKind.exact, 1.0f);
      }
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
