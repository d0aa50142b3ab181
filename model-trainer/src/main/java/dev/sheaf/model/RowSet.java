package dev.sheaf.model;

import java.util.Arrays;

/**
 * A set of parameter rows: a bit per row (a 2^18-row model's set is 32 KiB, so membership tests
 * stay in cache) and the rows in the order they were added, so iterating and clearing cost the size
 * of the set, not of the model. Which rows a mini-batch or a task touched.
 */
public final class RowSet {
  private final long[] bits;
  private final int capacity;
  private int[] rows = new int[1024];
  private int size;

  public RowSet(int capacity) {
    this.capacity = capacity;
    this.bits = new long[(capacity + 63) >>> 6];
  }

  /** Adds {@code row} if absent. */
  public void add(int row) {
    long mask = 1L << row;
    int word = row >>> 6;
    if ((bits[word] & mask) == 0) {
      bits[word] |= mask;
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      rows[size++] = row;
    }
  }

  public boolean contains(int row) {
    return (bits[row >>> 6] & (1L << row)) != 0;
  }

  public int size() {
    return size;
  }

  /** The {@code i}-th row added. */
  public int row(int i) {
    return rows[i];
  }

  /** The rows, ascending. */
  public int[] sortedRows() {
    int[] sorted;
    if (size > capacity / 64) {
      // many rows (a map task's whole split): one pass over the bits beats sorting
      sorted = new int[size];
      int next = 0;
      for (int word = 0; word < bits.length; word++) {
        for (long w = bits[word]; w != 0; w &= w - 1) {
          sorted[next++] = (word << 6) + Long.numberOfTrailingZeros(w);
        }
      }
    } else {
      sorted = Arrays.copyOf(rows, size);
      Arrays.sort(sorted);
    }
    return sorted;
  }

  public void clear() {
    if (size > bits.length) {
      Arrays.fill(bits, 0);
    } else {
      for (int i = 0; i < size; i++) {
        bits[rows[i] >>> 6] = 0;
      }
    }
    size = 0;
  }
}
