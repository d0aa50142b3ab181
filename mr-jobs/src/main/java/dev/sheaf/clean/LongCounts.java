package dev.sheaf.clean;

import dev.sheaf.common.Hashes;

/**
 * Counts of 64-bit keys (hashes of lines, paragraphs, n-grams) in an open-addressing table that is
 * reused from document to document: {@link #clear} is O(1) (a generation stamp), and the table
 * grows only to the largest document seen.
 */
final class LongCounts {
  private long[] keys = new long[1024];
  private int[] values = new int[1024];
  private int[] stamps = new int[1024];
  private int generation = 1;
  private int size;

  void clear() {
    size = 0;
    if (++generation == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamps, 0);
      generation = 1;
    }
  }

  /** Adds one to {@code key}'s count and returns the new count. */
  int increment(long key) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = (int) Hashes.fmix64(key) & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] != generation) {
        stamps[slot] = generation;
        keys[slot] = key;
        values[slot] = 1;
        size++;
        return 1;
      }
      if (keys[slot] == key) {
        return ++values[slot];
      }
    }
  }

  /** The count of {@code key}, 0 when it was not added since the last {@link #clear}. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int slot = (int) Hashes.fmix64(key) & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] != generation) {
        return 0;
      }
      if (keys[slot] == key) {
        return values[slot];
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    int[] oldStamps = stamps;
    int oldGeneration = generation;
    keys = new long[oldKeys.length * 2];
    values = new int[keys.length];
    stamps = new int[keys.length];
    generation = 1;
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldStamps[i] == oldGeneration) {
        int slot = (int) Hashes.fmix64(oldKeys[i]) & mask;
        while (stamps[slot] == generation) {
          slot = (slot + 1) & mask;
        }
        stamps[slot] = generation;
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
