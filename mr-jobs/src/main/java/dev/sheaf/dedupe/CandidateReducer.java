package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, job 1 reduce: one call per LSH bucket, member ranks ascending. Pairs every member
 * with the first (a star: one pair per member, never pairs of members) as a candidate
 * (centre, member) for verification. A rank seen twice is the same record twice and needs no
 * pair. Past --max-bucket-size members a bucket is cut short and counted. Memory: one rank.
 */
public final class CandidateReducer extends Reducer<PairKey, NullWritable, Text, Text> {
  private final Text center = new Text();
  private final Text previous = new Text();
  private int maxBucketSize;
  private Counter bucketPairs;
  private Counter bucketsCapped;
  private Counter membersSkipped;

  @Override
  protected void setup(Context context) {
    maxBucketSize = DedupeOptions.Near.from(context.getConfiguration()).maxBucketSize();
    bucketPairs = context.getCounter(DedupeCounters.BUCKET_PAIRS);
    bucketsCapped = context.getCounter(DedupeCounters.BUCKETS_CAPPED);
    membersSkipped = context.getCounter(DedupeCounters.BUCKET_MEMBERS_SKIPPED);
  }

  @Override
  protected void reduce(PairKey key, Iterable<NullWritable> members, Context context)
      throws IOException, InterruptedException {
    int seen = 0;
    for (NullWritable ignored : members) {
      Text member = key.second();
      if (seen == 0) {
        center.set(member);
        previous.set(member);
        seen = 1;
        continue;
      }
      if (member.equals(previous)) {
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
      context.write(center, member);
      bucketPairs.increment(1);
    }
  }
}
