package dev.sheaf.dedupe;

/** What became of each document dedupe read (rejects are counted by the common counters). */
public enum DedupeCounters {
  /** Documents kept: the representative of each group of duplicates, and every unique document. */
  KEPT,
  /** Documents dropped because their normalised text equals the representative's. */
  EXACT_DUPLICATES,
  /** Documents dropped because they are in the representative's near-duplicate component. */
  NEAR_DUPLICATES,
  /**
   * Documents with nothing left after normalisation (only punctuation or white space): filtered.
   */
  EMPTY_AFTER_NORMALIZATION,
  /**
   * Documents shingled by characters (a script without spaces), not words; see {@link MinHasher}.
   */
  CHARACTER_SHINGLED,
  /** Documents joined to the leader of their exact-duplicate group without a MinHash comparison. */
  EXACT_EDGES,
  /** Pairs (anchor, member) the LSH buckets proposed, counted once per bucket. */
  BUCKET_PAIRS,
  /** Pairs of members past a bucket's anchors, which share the bucket but were not compared. */
  BUCKET_PAIRS_SKIPPED,
  /** Distinct candidate pairs whose sketches were compared. */
  CANDIDATE_PAIRS,
  /** Compared pairs whose similarity reached the threshold: edges of the graph. */
  EDGES,
  /** LSH buckets with more than --max-bucket-size members (the rest of each were not compared). */
  BUCKETS_CAPPED,
  /** Bucket members not compared because their bucket was capped. */
  BUCKET_MEMBERS_SKIPPED,
  /** Connected components of two or more documents. */
  COMPONENTS,
  /** Edges a large-star round changed (0 in the last round). */
  LARGE_STAR_CHANGES,
  /** Edges a small-star round changed (0 in the last round). */
  SMALL_STAR_CHANGES
}
