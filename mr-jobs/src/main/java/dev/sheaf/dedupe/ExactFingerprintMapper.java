package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.mapreduce.Counter;

/**
 * Exact dedupe map: keys every document (fingerprint of its normalised text, rank), so each group
 * of identical texts reaches one reduce call with the document to keep first; filters documents
 * with nothing left after normalisation.
 */
public final class ExactFingerprintMapper extends DocumentMapper<PairKey, AvroValue<Document>> {
  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();
  private final PairKey key = new PairKey();
  private final AvroValue<Document> value = new AvroValue<>();
  private KeepPolicy keep;
  private Counter emptyAfterNormalization;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    keep = DedupeOptions.keepPolicy(context.getConfiguration());
    emptyAfterNormalization = context.getCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION);
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    if (!fingerprint.compute(normalizer.normalize(document.getText()))) {
      emptyAfterNormalization.increment(1);
      return;
    }
    value.datum(document);
    context.write(key.set(fingerprint.hex(), keep.rank(document)), value);
  }
}
