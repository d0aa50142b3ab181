package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, bucket job reduce: one call per LSH bucket, member ranks ascending, paired by {@link
 * BucketPairing} (all pairs up to {@link BucketPairing#ANCHORS} members, then each member with the
 * anchors; a cap at --max-bucket-size; what is left out is counted). Emits (earlier rank, later
 * rank). Memory: {@link BucketPairing#ANCHORS} ranks.
 */
public final class CandidateReducer extends Reducer<PairKey, NullWritable, Text, Text> {
  private BucketPairing pairing;
  private BucketPairing.Sink sink;

  @Override
  protected void setup(Context context) {
    pairing =
        new BucketPairing(DedupeOptions.Near.from(context.getConfiguration()).maxBucketSize());
    sink = context::write;
  }

  @Override
  protected void reduce(PairKey key, Iterable<NullWritable> members, Context context)
      throws IOException, InterruptedException {
    pairing.startBucket();
    for (NullWritable ignored : members) {
      pairing.add(key.second(), sink);
    }
  }

  @Override
  protected void cleanup(Context context) {
    pairing.addCountsTo(context::getCounter);
  }
}
