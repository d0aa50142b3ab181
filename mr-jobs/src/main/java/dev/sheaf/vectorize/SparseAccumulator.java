package dev.sheaf.vectorize;

import java.util.Arrays;

/**
 * Sums values by int index for one document, then hands them out sorted by index, zeros dropped
 * (signed hashing can cancel a feature out). Open addressing with a generation stamp, so clearing
 * is O(1) and nothing is allocated per document once the tables have grown to the largest one.
 */
final class SparseAccumulator {
  private int[] keys = new int[256];
  private float[] sums = new float[256];
  private int[] stamps = new int[256];
  private int generation = 1;
  private int[] used = new int[128];
  private int size;
  private int[] sortedIndices = new int[128];
  private float[] sortedValues = new float[128];

  void clear() {
    size = 0;
    if (++generation == Integer.MAX_VALUE) {
      Arrays.fill(stamps, 0);
      generation = 1;
    }
  }

  void add(int index, float value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = mix(index) & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] != generation) {
        stamps[slot] = generation;
        keys[slot] = index;
        sums[slot] = value;
        if (size == used.length) {
          used = Arrays.copyOf(used, size * 2);
        }
        used[size++] = slot;
        return;
      }
      if (keys[slot] == index) {
        sums[slot] += value;
        return;
      }
    }
  }

  /** Sorts the non-zero sums by index; returns how many there are. */
  int sort() {
    if (sortedIndices.length < size) {
      sortedIndices = new int[Math.max(size, sortedIndices.length * 2)];
      sortedValues = new float[sortedIndices.length];
    }
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (sums[used[i]] != 0f) {
        sortedIndices[n++] = keys[used[i]];
      }
    }
    Arrays.sort(sortedIndices, 0, n);
    int mask = keys.length - 1;
    for (int i = 0; i < n; i++) {
      int index = sortedIndices[i];
      int slot = mix(index) & mask;
      while (keys[slot] != index || stamps[slot] != generation) {
        slot = (slot + 1) & mask;
      }
      sortedValues[i] = sums[slot];
    }
    return n;
  }

  /** After {@link #sort}: the indices, ascending, in [0, size). */
  int[] indices() {
    return sortedIndices;
  }

  /**
   * After {@link #sort}: the values, aligned with {@link #indices}; the caller may rescale them.
   */
  float[] values() {
    return sortedValues;
  }

  private void grow() {
    int[] oldKeys = keys;
    float[] oldSums = sums;
    int[] oldUsed = used;
    int oldSize = size;
    keys = new int[oldKeys.length * 2];
    sums = new float[keys.length];
    stamps = new int[keys.length];
    generation = 1;
    size = 0;
    for (int i = 0; i < oldSize; i++) {
      add(oldKeys[oldUsed[i]], oldSums[oldUsed[i]]);
    }
  }

  private static int mix(int index) {
    int h = index * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
