package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;

/**
 * Near dedupe, job 1 map: normalises each document, computes its exact fingerprint and MinHash
 * signature, writes it as a graph node (with the document) to {@code nodes/}, and sends its
 * signature to each of its b LSH buckets, keyed (bucket, rank) so a bucket's members arrive
 * smallest rank first.
 */
public final class MinHashMapper extends DocumentMapper<PairKey, AvroValue<DedupeNode>> {
  static final String NODES_OUTPUT = "nodes";
  static final String NODES_DIRECTORY = "nodes";

  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();
  private final PairKey key = new PairKey();
  private final AvroValue<DedupeNode> value = new AvroValue<>();
  private final AvroKey<DedupeNode> nodeKey = new AvroKey<>();
  private final DedupeNode node = new DedupeNode();
  private final DedupeNode signatureOnly = new DedupeNode();
  private final byte[] bucket = new byte[20];
  private DedupeOptions.Near near;
  private MinHasher minHasher;
  private int[] signature;
  private ByteBuffer signatureBytes;
  private Counter emptyAfterNormalization;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    near = DedupeOptions.Near.from(context.getConfiguration());
    minHasher = new MinHasher(near.numPerm(), near.shingleSize());
    signature = new int[near.numPerm()];
    emptyAfterNormalization = context.getCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION);
  }

  @Override
  protected void mapDocument(Document document, Context context) throws IOException, InterruptedException {
    CharSequence normalized = normalizer.normalize(document.getText());
    if (!fingerprint.compute(normalized)) {
      emptyAfterNormalization.increment(1);
      return;
    }
    minHasher.signature(normalized, signature);
    signatureBytes = Signatures.toBytes(signature, signatureBytes);
    String rank = near.keep().rank(document);

    node.setRank(rank);
    node.setId(document.getId());
    node.setFingerprintHigh(fingerprint.high());
    node.setFingerprintLow(fingerprint.low());
    node.setSignature(signatureBytes);
    node.setDocument(document);
    nodeKey.datum(node);
    multipleOutputs().write(NODES_OUTPUT, nodeKey, NullWritable.get(), NODES_DIRECTORY + "/part");

    signatureOnly.setRank(rank);
    signatureOnly.setId(document.getId());
    signatureOnly.setFingerprintHigh(fingerprint.high());
    signatureOnly.setFingerprintLow(fingerprint.low());
    signatureOnly.setSignature(signatureBytes);
    signatureOnly.setDocument(null);
    value.datum(signatureOnly);
    for (int band = 0; band < near.bands().bands(); band++) {
      near.bands().bucket(band, signature, bucket);
      context.write(key.set(bucket, bucket.length, rank), value);
    }
  }
}
