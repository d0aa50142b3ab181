package dev.sheaf.model;

import dev.sheaf.common.AvroCursor;

/**
 * One {@code Example} decoded from its Avro binary encoding into reused primitive arrays: label,
 * weight and the sparse features, without a boxed value or a new array per record. Walks the
 * Example schema's encoding (string id, int label, float weight, array of int, array of float).
 */
public final class SparseExample {
  public int label;
  public float weight;
  public int size;
  public int[] indices = new int[64];
  public float[] values = new float[64];
  private final AvroCursor cursor = new AvroCursor();

  /** Decodes the datum at {@code start}; returns the offset just past it. */
  public int parse(byte[] data, int start) {
    AvroCursor in = cursor.at(data, start);
    in.skip(in.readLong()); // the id
    label = (int) in.readLong();
    weight = in.readFloat();
    size = 0;
    for (long count = in.readLong(); count != 0; count = in.readLong()) {
      if (count < 0) {
        count = -count;
        in.readLong(); // the block's byte size
      }
      ensureCapacity(size + (int) count);
      for (long i = 0; i < count; i++) {
        indices[size++] = (int) in.readLong();
      }
    }
    int valueCount = 0;
    for (long count = in.readLong(); count != 0; count = in.readLong()) {
      if (count < 0) {
        count = -count;
        in.readLong();
      }
      ensureCapacity(valueCount + (int) count);
      for (long i = 0; i < count; i++) {
        values[valueCount++] = in.readFloat();
      }
    }
    if (valueCount != size) {
      throw new IllegalArgumentException(
          "an example with " + size + " indices and " + valueCount + " values");
    }
    return in.position();
  }

  /** Sets this example from arrays (tests, and callers holding decoded examples). */
  public SparseExample set(int label, float weight, int[] indices, float[] values) {
    return set(label, weight, indices, values, indices.length);
  }

  /** Sets this example from the first {@code size} entries of arrays (a vectorizer's buffers). */
  public SparseExample set(int label, float weight, int[] indices, float[] values, int size) {
    this.label = label;
    this.weight = weight;
    this.size = size;
    ensureCapacity(size);
    System.arraycopy(indices, 0, this.indices, 0, size);
    System.arraycopy(values, 0, this.values, 0, size);
    return this;
  }

  /** Copies {@code other} into this example's own arrays. */
  public void copyFrom(SparseExample other) {
    label = other.label;
    weight = other.weight;
    size = other.size;
    if (indices.length < size) {
      // nothing to keep: new arrays, not copies of the old
      indices = new int[Math.max(size, indices.length * 2)];
      values = new float[indices.length];
    }
    System.arraycopy(other.indices, 0, indices, 0, size);
    System.arraycopy(other.values, 0, values, 0, size);
  }

  private void ensureCapacity(int capacity) {
    if (indices.length < capacity) {
      int grown = Math.max(capacity, indices.length * 2);
      indices = java.util.Arrays.copyOf(indices, grown);
      values = java.util.Arrays.copyOf(values, grown);
    }
  }
}
