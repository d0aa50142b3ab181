package dev.sheaf.model;

import java.util.Arrays;

/**
 * A set of parameter rows that remembers what it holds in insertion order and clears in time
 * proportional to its size: which rows a mini-batch or a task touched, each row's slot in packed
 * arrays ({@link #slot}), and the rows in ascending order when a task emits them.
 */
public final class RowSet {
  private final int[] slotOf;
  private int[] rows = new int[1024];
  private int size;

  public RowSet(int capacity) {
    slotOf = new int[capacity];
    Arrays.fill(slotOf, -1);
  }

  /** Adds {@code row} if absent; returns its slot (the order it was first added in). */
  public int add(int row) {
    int slot = slotOf[row];
    if (slot < 0) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      slot = size;
      rows[size++] = row;
      slotOf[row] = slot;
    }
    return slot;
  }

  public boolean contains(int row) {
    return slotOf[row] >= 0;
  }

  public int size() {
    return size;
  }

  /** The row in {@code slot}. */
  public int row(int slot) {
    return rows[slot];
  }

  /** The rows, ascending (reorders the slots). */
  public int[] sortedRows() {
    int[] sorted;
    if (size > slotOf.length / 16) {
      // most rows touched (a map task's whole split): one pass over the slots beats sorting
      sorted = new int[size];
      int next = 0;
      for (int row = 0; row < slotOf.length; row++) {
        if (slotOf[row] >= 0) {
          sorted[next++] = row;
        }
      }
    } else {
      sorted = Arrays.copyOf(rows, size);
      Arrays.sort(sorted);
    }
    for (int i = 0; i < size; i++) {
      rows[i] = sorted[i];
      slotOf[sorted[i]] = i;
    }
    return sorted;
  }

  public void clear() {
    for (int i = 0; i < size; i++) {
      slotOf[rows[i]] = -1;
    }
    size = 0;
  }
}
