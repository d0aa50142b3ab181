package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, job 1 reduce: one call per LSH bucket, member ranks ascending. The first {@link
 * #ANCHORS} distinct members of a bucket are its anchors: every member is paired with each anchor
 * before it, so a bucket of up to {@link #ANCHORS} members yields all its pairs, and a pair that
 * shares a bucket is compared whatever else is in the bucket (a star around the first member alone
 * misses a near pair whose centre is near neither). In a bigger bucket the members past the anchors
 * are compared with every anchor but not with each other: those pairs are counted ({@link
 * DedupeCounters#BUCKET_PAIRS_SKIPPED}), so the cost stays linear in the bucket size. Past
 * --max-bucket-size members a bucket is cut short and counted. A rank seen twice is the same record
 * twice and needs no pair. Emits (earlier rank, later rank). Memory: {@link #ANCHORS} ranks.
 */
public final class CandidateReducer extends Reducer<PairKey, NullWritable, Text, Text> {
  /** Members of a bucket compared with all others (then at most this many pairs per member). */
  static final int ANCHORS = 64;

  private final Text[] anchors = new Text[ANCHORS];
  private final Text previous = new Text();
  private int maxBucketSize;
  private Counter bucketPairs;
  private Counter pairsSkipped;
  private Counter bucketsCapped;
  private Counter membersSkipped;

  @Override
  protected void setup(Context context) {
    maxBucketSize = DedupeOptions.Near.from(context.getConfiguration()).maxBucketSize();
    bucketPairs = context.getCounter(DedupeCounters.BUCKET_PAIRS);
    pairsSkipped = context.getCounter(DedupeCounters.BUCKET_PAIRS_SKIPPED);
    bucketsCapped = context.getCounter(DedupeCounters.BUCKETS_CAPPED);
    membersSkipped = context.getCounter(DedupeCounters.BUCKET_MEMBERS_SKIPPED);
    for (int i = 0; i < ANCHORS; i++) {
      anchors[i] = new Text();
    }
  }

  @Override
  protected void reduce(PairKey key, Iterable<NullWritable> members, Context context)
      throws IOException, InterruptedException {
    int seen = 0;
    for (NullWritable ignored : members) {
      Text member = key.second();
      if (seen > 0 && member.equals(previous)) {
        continue;
      }
      previous.set(member);
      if (++seen > maxBucketSize) {
        if (seen == maxBucketSize + 1) {
          bucketsCapped.increment(1);
        }
        membersSkipped.increment(1);
        continue;
      }
      int compared = Math.min(seen - 1, ANCHORS);
      for (int a = 0; a < compared; a++) {
        context.write(anchors[a], member);
      }
      bucketPairs.increment(compared);
      pairsSkipped.increment(seen - 1 - compared);
      if (seen <= ANCHORS) {
        anchors[seen - 1].set(member);
      }
    }
  }
}
