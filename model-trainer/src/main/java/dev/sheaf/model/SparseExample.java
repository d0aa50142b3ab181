package dev.sheaf.model;

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

  /** Decodes the datum at {@code start}; returns the offset just past it. */
  public int parse(byte[] data, int start) {
    position = start;
    this.data = data;
    int idLength = (int) readLong(); // not position += readLong(): that adds to the position before the read
    position += idLength;
    label = (int) readLong();
    weight = readFloat();
    size = 0;
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        count = -count;
        readLong(); // the block's byte size
      }
      ensureCapacity(size + (int) count);
      for (long i = 0; i < count; i++) {
        indices[size++] = (int) readLong();
      }
    }
    int valueCount = 0;
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        count = -count;
        readLong();
      }
      ensureCapacity(valueCount + (int) count);
      for (long i = 0; i < count; i++) {
        values[valueCount++] = readFloat();
      }
    }
    if (valueCount != size) {
      throw new IllegalArgumentException("an example with " + size + " indices and " + valueCount + " values");
    }
    this.data = null;
    return position;
  }

  /** Sets this example from arrays (tests, and callers holding decoded examples). */
  public SparseExample set(int label, float weight, int[] indices, float[] values) {
    this.label = label;
    this.weight = weight;
    this.size = indices.length;
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

  private byte[] data;
  private int position;

  private long readLong() {
    long raw = 0;
    int shift = 0;
    byte b;
    do {
      b = data[position++];
      raw |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  private float readFloat() {
    int bits = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8 | (data[position + 2] & 0xff) << 16
        | (data[position + 3] & 0xff) << 24;
    position += 4;
    return Float.intBitsToFloat(bits);
  }
}
