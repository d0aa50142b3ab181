package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;

/**
 * Near dedupe, job 1 map: normalises each document and computes its exact fingerprint, MinHash band
 * hashes and shingle sketch. Writes the node with its document and without its sketch to {@code
 * nodes/} (read once, by the last job, which computes the sketch again for the few near duplicates
 * that report a similarity: a sketch is incompressible, up to 4 KiB a document) and sends a summary
 * with the sketch and without the document to its exact-duplicate group, keyed (fingerprint, rank),
 * so that only one document per distinct text enters the LSH buckets. A rank ends with the record's
 * position (its input split and ordinal, hashed), so identical records are distinct nodes, joined
 * as exact duplicates.
 */
public final class MinHashMapper extends DocumentMapper<PairKey, AvroValue<DedupeNode>> {
  static final String NODES_OUTPUT = "nodes";
  static final String NODES_DIRECTORY = "nodes";

  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();
  private final PairKey key = new PairKey();
  private final AvroKey<DedupeNode> nodeKey = new AvroKey<>();
  private final AvroValue<DedupeNode> value = new AvroValue<>();
  private final DedupeNode node = new DedupeNode();
  private final DedupeNode summary = new DedupeNode();
  private final ByteBuffer empty = ByteBuffer.allocate(0);
  private DedupeOptions.Near near;
  private MinHasher minHasher;
  private int[] signature;
  private long[] sketch;
  private ByteBuffer sketchBytes;
  private ByteBuffer bandHashes;
  private AvroMultipleOutputs outputs;
  private Counter emptyAfterNormalization;
  private Counter characterShingled;

  /** A hash of this task's input split and the documents read from it: a record's position. */
  private long splitHash;

  private long documentsRead;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    near = DedupeOptions.Near.from(context.getConfiguration());
    minHasher = new MinHasher(near.numPerm(), near.shingleSize());
    signature = new int[near.numPerm()];
    sketch = new long[near.sketchSize()];
    bandHashes = ByteBuffer.allocate(near.bands().bands() * Long.BYTES);
    outputs = multipleOutputs();
    emptyAfterNormalization = context.getCounter(DedupeCounters.EMPTY_AFTER_NORMALIZATION);
    characterShingled = context.getCounter(DedupeCounters.CHARACTER_SHINGLED);
    // the split's description names its file(s), start and length: the same on every attempt
    String split = String.valueOf(context.getInputSplit());
    splitHash = Hashes.fnv1a64(split, 0, split.length());
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    long position = Hashes.fmix64(splitHash + documentsRead++);
    CharSequence normalized = normalizer.normalize(document.getText());
    if (!fingerprint.compute(normalized)) {
      emptyAfterNormalization.increment(1);
      return;
    }
    minHasher.signature(normalized, signature);
    if (minHasher.characterShingles()) {
      characterShingled.increment(1);
    }
    int sketchLength = minHasher.sketch(near.sketchSize(), sketch);
    sketchBytes = ShingleSketch.toBytes(sketch, sketchLength, sketchBytes);
    bandHashes.clear();
    for (int band = 0; band < near.bands().bands(); band++) {
      bandHashes.putLong(near.bands().bandHash(band, signature));
    }
    bandHashes.flip();
    String rank = near.keep().rank(document, position);

    fill(node, rank, document.getId(), empty, empty);
    node.setDocument(document);
    nodeKey.datum(node);
    outputs.write(NODES_OUTPUT, nodeKey, NullWritable.get(), NODES_DIRECTORY + "/part");

    fill(summary, rank, document.getId(), sketchBytes, bandHashes);
    summary.setDocument(null);
    value.datum(summary);
    context.write(key.set(fingerprint.hex(), rank), value);
  }

  private void fill(
      DedupeNode target, String rank, String id, ByteBuffer sketch, ByteBuffer bands) {
    target.setRank(rank);
    target.setId(id);
    target.setFingerprintHigh(fingerprint.high());
    target.setFingerprintLow(fingerprint.low());
    target.setSketch(sketch);
    target.setBandHashes(bands);
  }
}
