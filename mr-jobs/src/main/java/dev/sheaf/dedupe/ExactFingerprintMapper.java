package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.mapred.AvroValue;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.mapreduce.Counter;

/**
 * Keys every document by the fingerprint of its normalised text (plus its id, for the secondary
 * sort); filters documents with nothing left after normalisation.
 */
public final class ExactFingerprintMapper extends DocumentMapper<FingerprintKey, AvroValue<Document>> {
  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();
  private final FingerprintKey key = new FingerprintKey();
  private final AvroValue<Document> value = new AvroValue<>();
  private Counter emptyAfterNormalization;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    emptyAfterNormalization = context.getCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION);
  }

  @Override
  protected void mapDocument(Document document, Context context) throws IOException, InterruptedException {
    if (!fingerprint.compute(normalizer.normalize(document.getText()))) {
      emptyAfterNormalization.increment(1);
      return;
    }
    key.set(fingerprint.high(), fingerprint.low(), document.getId(), tieBreak(document));
    value.datum(document);
    context.write(key, value);
  }

  /** Orders records sharing text and id by where they came from, never by task timing. */
  static long tieBreak(Document document) {
    String label = document.getLabel() == null ? "" : document.getLabel();
    byte[] bytes = (document.getSource() + '\u0000' + label).getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash128x64(bytes)[0];
  }
}
