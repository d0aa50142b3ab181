package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;

/**
 * Near dedupe, job 1 map: normalises each document, computes its exact fingerprint, MinHash
 * signature and shingle sketch, writes it as a graph node (with the document and the sketch) to
 * {@code nodes/}, and sends its rank to each of its b LSH buckets, keyed (bucket, rank) so a
 * bucket's members arrive smallest rank first. Only ranks travel to the buckets: sketches meet
 * later, once per candidate pair.
 */
public final class MinHashMapper extends DocumentMapper<PairKey, NullWritable> {
  static final String NODES_OUTPUT = "nodes";
  static final String NODES_DIRECTORY = "nodes";

  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();
  private final PairKey key = new PairKey();
  private final AvroKey<DedupeNode> nodeKey = new AvroKey<>();
  private final DedupeNode node = new DedupeNode();
  private final byte[] bucket = new byte[20];
  private DedupeOptions.Near near;
  private MinHasher minHasher;
  private int[] signature;
  private long[] sketch;
  private ByteBuffer sketchBytes;
  private AvroMultipleOutputs outputs;
  private Counter emptyAfterNormalization;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    near = DedupeOptions.Near.from(context.getConfiguration());
    minHasher = new MinHasher(near.numPerm(), near.shingleSize());
    signature = new int[near.numPerm()];
    sketch = new long[near.sketchSize()];
    outputs = multipleOutputs();
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
    int sketchLength = minHasher.sketch(near.sketchSize(), sketch);
    sketchBytes = ShingleSketch.toBytes(sketch, sketchLength, sketchBytes);
    String rank = near.keep().rank(document);

    node.setRank(rank);
    node.setId(document.getId());
    node.setFingerprintHigh(fingerprint.high());
    node.setFingerprintLow(fingerprint.low());
    node.setSketch(sketchBytes);
    node.setDocument(document);
    nodeKey.datum(node);
    outputs.write(NODES_OUTPUT, nodeKey, NullWritable.get(), NODES_DIRECTORY + "/part");

    for (int band = 0; band < near.bands().bands(); band++) {
      near.bands().bucket(band, signature, bucket);
      context.write(key.set(bucket, bucket.length, rank), NullWritable.get());
    }
  }
}
