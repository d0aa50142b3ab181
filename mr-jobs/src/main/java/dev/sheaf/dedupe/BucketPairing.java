package dev.sheaf.dedupe;

import java.io.IOException;
import java.util.function.Function;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;

/**
 * The pairs of one LSH bucket, its members given in ascending rank order one at a time (the rule of
 * {@link CandidateReducer}, shared with {@link DriverGraph}): the first {@link #ANCHORS} distinct
 * members are the bucket's anchors, and every member is paired with each anchor before it, so a
 * bucket of up to {@link #ANCHORS} members yields all its pairs; members past the anchors are
 * compared with every anchor but not with each other (those pairs are counted as skipped), and
 * members past {@code maxBucketSize} are not compared at all (the bucket is counted as capped). A
 * rank given twice in a row is the same record twice and makes no pair. Keeps running totals for
 * the counters. Memory: {@link #ANCHORS} ranks.
 */
final class BucketPairing {
  /** Members of a bucket compared with all others (then at most this many pairs per member). */
  static final int ANCHORS = 64;

  /** Where the pairs go, (anchor, member): the anchor has the smaller rank. */
  interface Sink {
    void pair(Text anchor, Text member) throws IOException, InterruptedException;
  }

  private final Text[] anchors = new Text[ANCHORS];
  private final Text previous = new Text();
  private final int maxBucketSize;
  private int seen;
  private long pairs;
  private long pairsSkipped;
  private long bucketsCapped;
  private long membersSkipped;

  BucketPairing(int maxBucketSize) {
    this.maxBucketSize = maxBucketSize;
    for (int i = 0; i < ANCHORS; i++) {
      anchors[i] = new Text();
    }
  }

  /** Starts a new bucket. */
  void startBucket() {
    seen = 0;
  }

  /** The bucket's next member, its rank not below the one before; its pairs go to {@code sink}. */
  void add(Text member, Sink sink) throws IOException, InterruptedException {
    if (seen > 0 && member.equals(previous)) {
      return;
    }
    previous.set(member);
    if (++seen > maxBucketSize) {
      if (seen == maxBucketSize + 1) {
        bucketsCapped++;
      }
      membersSkipped++;
      return;
    }
    int compared = Math.min(seen - 1, ANCHORS);
    for (int a = 0; a < compared; a++) {
      sink.pair(anchors[a], member);
    }
    pairs += compared;
    pairsSkipped += seen - 1 - compared;
    if (seen <= ANCHORS) {
      anchors[seen - 1].set(member);
    }
  }

  /**
   * Adds the totals so far to the counters {@code counter} gives: pairs proposed ({@link
   * DedupeCounters#BUCKET_PAIRS}), pairs past the anchors not compared ({@link
   * DedupeCounters#BUCKET_PAIRS_SKIPPED}), buckets cut short ({@link
   * DedupeCounters#BUCKETS_CAPPED}) and their members not compared ({@link
   * DedupeCounters#BUCKET_MEMBERS_SKIPPED}).
   */
  void addCountsTo(Function<DedupeCounters, Counter> counter) {
    counter.apply(DedupeCounters.BUCKET_PAIRS).increment(pairs);
    counter.apply(DedupeCounters.BUCKET_PAIRS_SKIPPED).increment(pairsSkipped);
    counter.apply(DedupeCounters.BUCKETS_CAPPED).increment(bucketsCapped);
    counter.apply(DedupeCounters.BUCKET_MEMBERS_SKIPPED).increment(membersSkipped);
  }
}
