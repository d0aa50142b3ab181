package dev.sheaf.dedupe;

import java.util.Arrays;

/**
 * The k smallest distinct top halves ({@code hash >> 32}, signed) of an array of 64-bit hashes,
 * ascending (the bottom-k sketch of {@link ShingleSketch}), by a bucket sort on the hashes' top
 * bits: one counting pass, one scatter pass, then the buckets in order, each sorted alone (about
 * one value a bucket), until k distinct values are out. Expected O(n + k) for hashes spread
 * uniformly over 64 bits, as MurmurHash3's finalizer makes them, against O(n log n) for sorting
 * them all (Cormen et al., "Introduction to Algorithms", 3rd ed., 8.4 "Bucket sort"). A bucket
 * holding many values (repeated shingles share one hash) is sorted with {@link Arrays#sort}, so no
 * input is quadratic. One instance per task: its arrays are reused, grown to the largest input
 * seen; no allocation per call after that.
 */
final class BottomK {
  /** Buckets larger than this are sorted by {@link Arrays#sort}, smaller ones by insertion. */
  private static final int INSERTION_LIMIT = 32;

  private int[] starts = new int[1025];
  private long[] scattered = new long[1024];

  /**
   * Writes the at most {@code k} smallest distinct top halves of {@code values[0, n)} ({@code value
   * >> 32}: 32-bit values in longs) into {@code into}, ascending (signed order); returns how many.
   * {@code values} is left as it was.
   *
   * @throws IllegalArgumentException when {@code k} is negative or {@code into} is shorter than
   *     {@code min(k, n)}
   */
  int select(long[] values, int n, int k, long[] into) {
    if (k < 0 || into.length < Math.min(k, n)) {
      throw new IllegalArgumentException("k " + k + " for an output of " + into.length);
    }
    if (n == 0 || k == 0) {
      return 0;
    }
    // about one value a bucket: 2^bits >= n buckets, indexed by the top bits of the value with its
    // sign flipped (signed order = unsigned order of the flipped values)
    int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    int buckets = 1 << bits;
    int shift = 64 - bits;
    if (starts.length < buckets + 1) {
      starts = new int[buckets + 1];
    }
    if (scattered.length < n) {
      scattered = new long[Math.max(n, scattered.length * 2)];
    }
    Arrays.fill(starts, 0, buckets + 1, 0);
    for (int i = 0; i < n; i++) {
      starts[(int) ((values[i] ^ Long.MIN_VALUE) >>> shift) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      starts[b + 1] += starts[b];
    }
    // scatter: starts[b] moves from the start of bucket b to its end (the start of bucket b + 1)
    for (int i = 0; i < n; i++) {
      scattered[starts[(int) ((values[i] ^ Long.MIN_VALUE) >>> shift)]++] = values[i];
    }
    int length = 0;
    int from = 0;
    for (int b = 0; b < buckets && length < k; b++) {
      int to = starts[b];
      if (to - from > INSERTION_LIMIT) {
        Arrays.sort(scattered, from, to);
      } else {
        insertionSort(scattered, from, to);
      }
      // sorted by the whole value, so by the top half too: equal halves are neighbours
      for (int i = from; i < to && length < k; i++) {
        long half = scattered[i] >> 32;
        if (length == 0 || half != into[length - 1]) {
          into[length++] = half;
        }
      }
      from = to;
    }
    return length;
  }

  private static void insertionSort(long[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long value = a[i];
      int j = i - 1;
      while (j >= from && a[j] > value) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = value;
    }
  }
}
