package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Near dedupe, job 1 reduce: one call per exact-duplicate group (same normalised text), ranks
 * ascending. The first document, the group's leader, goes on: its summary to {@code leaders/} and
 * its (bucket, rank) entries to the LSH buckets. Every other is joined to the leader by an edge in
 * {@code exact/}: exact duplicates need no MinHash comparison, and a corpus with many copies does
 * not flood the buckets. Memory: one rank.
 */
public final class ExactGroupReducer extends Reducer<PairKey, AvroValue<DedupeNode>, Text, Text> {
  static final String LEADERS_OUTPUT = "leaders";
  static final String LEADERS_DIRECTORY = "leaders";
  static final String EXACT_OUTPUT = "exact";
  static final String EXACT_DIRECTORY = "exact";

  private final Text leader = new Text();
  private final Text member = new Text();
  private final Text bucketKey = new Text();
  private final byte[] bucket = new byte[20];
  private final AvroKey<DedupeNode> leaderKey = new AvroKey<>();
  private final ByteBuffer empty = ByteBuffer.allocate(0);
  private AvroMultipleOutputs leaders;
  private MultipleOutputs<Text, Text> exactEdges;
  private Counter exactEdgeCount;

  @Override
  protected void setup(Context context) {
    leaders = new AvroMultipleOutputs(context);
    exactEdges = new MultipleOutputs<>(context);
    exactEdgeCount = context.getCounter(DedupeCounters.EXACT_EDGES);
  }

  @Override
  protected void reduce(PairKey key, Iterable<AvroValue<DedupeNode>> group, Context context)
      throws IOException, InterruptedException {
    boolean first = true;
    for (AvroValue<DedupeNode> value : group) {
      DedupeNode node = value.datum();
      if (first) {
        first = false;
        leader.set(node.getRank());
        ByteBuffer bandHashes = node.getBandHashes().duplicate();
        for (int band = 0; bandHashes.remaining() >= Long.BYTES; band++) {
          LshBands.bucket(band, bandHashes.getLong(), bucket);
          bucketKey.set(bucket);
          context.write(bucketKey, leader);
        }
        node.setBandHashes(empty);
        leaderKey.datum(node);
        leaders.write(LEADERS_OUTPUT, leaderKey, NullWritable.get(), LEADERS_DIRECTORY + "/part");
      } else {
        member.set(node.getRank());
        exactEdges.write(EXACT_OUTPUT, leader, member, EXACT_DIRECTORY + "/part");
        exactEdgeCount.increment(1);
      }
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    leaders.close();
    exactEdges.close();
  }
}
