package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, job 1 reduce: one call per LSH bucket, members smallest rank first. Compares each
 * member with the first (a star, so a bucket costs one comparison per member, never pairs of
 * members) and emits the edge (centre, member) when their estimated Jaccard similarity reaches
 * the threshold. Members with the centre's rank are the same record and need no edge. Past
 * --max-bucket-size members a bucket is cut short and counted. Memory: one signature.
 */
public final class CandidateReducer extends Reducer<PairKey, AvroValue<DedupeNode>, Text, Text> {
  private final Text center = new Text();
  private final Text member = new Text();
  private int[] centerSignature;
  private int[] memberSignature;
  private float threshold;
  private int maxBucketSize;
  private Counter candidatePairs;
  private Counter edges;
  private Counter bucketsCapped;
  private Counter membersSkipped;

  @Override
  protected void setup(Context context) {
    DedupeOptions.Near near = DedupeOptions.Near.from(context.getConfiguration());
    threshold = near.threshold();
    maxBucketSize = near.maxBucketSize();
    centerSignature = new int[near.numPerm()];
    memberSignature = new int[near.numPerm()];
    candidatePairs = context.getCounter(DedupeCounters.CANDIDATE_PAIRS);
    edges = context.getCounter(DedupeCounters.EDGES);
    bucketsCapped = context.getCounter(DedupeCounters.BUCKETS_CAPPED);
    membersSkipped = context.getCounter(DedupeCounters.BUCKET_MEMBERS_SKIPPED);
  }

  @Override
  protected void reduce(PairKey key, Iterable<AvroValue<DedupeNode>> members, Context context)
      throws IOException, InterruptedException {
    int seen = 0;
    for (AvroValue<DedupeNode> value : members) {
      seen++;
      if (seen == 1) {
        center.set(key.second());
        Signatures.fromBytes(value.datum().getSignature(), centerSignature);
        continue;
      }
      if (seen > maxBucketSize) {
        if (seen == maxBucketSize + 1) {
          bucketsCapped.increment(1);
        }
        membersSkipped.increment(1);
        continue;
      }
      if (key.second().equals(center)) {
        continue;
      }
      candidatePairs.increment(1);
      Signatures.fromBytes(value.datum().getSignature(), memberSignature);
      if (MinHasher.similarity(centerSignature, memberSignature) >= threshold) {
        member.set(key.second());
        context.write(center, member);
        edges.increment(1);
      }
    }
  }
}
