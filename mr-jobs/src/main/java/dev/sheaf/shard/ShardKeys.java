package dev.sheaf.shard;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Where an example goes, from a hash of (seed, id) only, so that it never depends on the other
 * examples: its split (from the first 64 bits, as a number u in [0, 1)) and its place in the
 * shuffled order (the second 64 bits, compared unsigned; its top {@value #ORDER_BITS} bits are its
 * order bucket).
 */
final class ShardKeys {
  static final String[] SPLITS = {"train", "valid", "test"};
  static final int ORDER_BITS = 16;
  static final int ORDER_BUCKETS = 1 << ORDER_BITS;

  /** Stratification resolves a label's split boundaries to one of this many u buckets. */
  static final int STRATIFY_BITS = 12;

  static final int STRATIFY_BUCKETS = 1 << STRATIFY_BITS;

  private ShardKeys() {}

  static long[] hash(String id, int seed) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    return hash(bytes, 0, bytes.length, seed);
  }

  /** The same hash of an id given as its UTF-8 bytes. */
  static long[] hash(byte[] id, int offset, int length, int seed) {
    return MurmurHash3.hash128x64(id, offset, length, seed);
  }

  /** u in [0, 1) from the split hash. */
  static double unit(long splitHash) {
    return (splitHash >>> 11) * 0x1.0p-53;
  }

  static int orderBucket(long orderHash) {
    return (int) (orderHash >>> (64 - ORDER_BITS));
  }

  static int stratifyBucket(long splitHash) {
    return (int) (splitHash >>> (64 - STRATIFY_BITS));
  }

  /** The split of {@code u} given the cumulative fractions (train, train + valid). */
  static int split(double u, double[] cumulative) {
    for (int s = 0; s < cumulative.length; s++) {
      if (u < cumulative[s]) {
        return s;
      }
    }
    return SPLITS.length - 1;
  }

  /**
   * The first rank of shard {@code k} of {@code shards} over {@code total} records: sizes differ by
   * at most one.
   */
  static long shardStart(long total, int shards, int k) {
    return total * k / shards;
  }

  /** The shard holding rank {@code rank}. */
  static int shardOf(long total, int shards, long rank) {
    int k = (int) (rank * shards / total);
    while (k + 1 < shards && shardStart(total, shards, k + 1) <= rank) {
      k++;
    }
    while (k > 0 && shardStart(total, shards, k) > rank) {
      k--;
    }
    return k;
  }
}
