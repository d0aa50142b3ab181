package dev.sheaf.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hadoop.io.Writable;

/**
 * What a map task sends one slice's reducer: its example count n and, for each row it touched in
 * the slice (ascending), {@code width} values: n × its parameter delta (and optimizer state
 * deltas) in average mode, its summed gradient in gradient mode. Both are sums, so two updates
 * add ({@link #add}) and the reducer divides by the total n. Rows a task did not touch count as
 * zero, so a task that touched no row of the slice still sends its n.
 */
public final class SliceUpdate implements Writable {
  private long examples;
  private int width;
  private int rowCount;
  private int[] rows = new int[0];
  private double[] values = new double[0];
  private ByteBuffer io;

  public SliceUpdate() {}

  /** Starts an update of {@code examples} examples with room for {@code capacity} rows. */
  public SliceUpdate reset(long examples, int width, int capacity) {
    this.examples = examples;
    this.width = width;
    this.rowCount = 0;
    ensureCapacity(capacity);
    return this;
  }

  /** Appends a row (rows must come ascending); returns where its values start in {@link #values}. */
  public int addRow(int row) {
    ensureCapacity(rowCount + 1);
    rows[rowCount] = row;
    int at = rowCount * width;
    Arrays.fill(values, at, at + width, 0);
    rowCount++;
    return at;
  }

  public long examples() {
    return examples;
  }

  public int width() {
    return width;
  }

  public int rowCount() {
    return rowCount;
  }

  public int row(int i) {
    return rows[i];
  }

  /** The values, row after row, {@link #width} each. */
  public double[] values() {
    return values;
  }

  /** This update plus {@code other} (the same slice): counts add, rows merge, values of shared rows add. */
  public void add(SliceUpdate other) {
    if (other.width != width && other.rowCount > 0 && rowCount > 0) {
      throw new IllegalArgumentException("updates of " + width + " and " + other.width + " values a row");
    }
    int merged = 0;
    int[] mergedRows = new int[rowCount + other.rowCount];
    double[] mergedValues = new double[(rowCount + other.rowCount) * Math.max(width, other.width)];
    int w = Math.max(width, other.width);
    int i = 0;
    int j = 0;
    while (i < rowCount || j < other.rowCount) {
      int a = i < rowCount ? rows[i] : Integer.MAX_VALUE;
      int b = j < other.rowCount ? other.rows[j] : Integer.MAX_VALUE;
      int row = Math.min(a, b);
      mergedRows[merged] = row;
      for (int k = 0; k < w; k++) {
        double sum = 0;
        if (a == row) {
          sum += values[i * w + k];
        }
        if (b == row) {
          sum += other.values[j * w + k];
        }
        mergedValues[merged * w + k] = sum;
      }
      if (a == row) {
        i++;
      }
      if (b == row) {
        j++;
      }
      merged++;
    }
    examples += other.examples;
    width = w;
    rowCount = merged;
    rows = mergedRows;
    values = mergedValues;
  }

  /** A copy (the framework reuses the instance it reads values into). */
  public SliceUpdate copy() {
    SliceUpdate copy = new SliceUpdate().reset(examples, width, rowCount);
    System.arraycopy(rows, 0, copy.rows, 0, rowCount);
    System.arraycopy(values, 0, copy.values, 0, rowCount * width);
    copy.rowCount = rowCount;
    return copy;
  }

  private void ensureCapacity(int capacity) {
    if (rows.length < capacity) {
      int grown = Math.max(capacity, rows.length * 2);
      rows = Arrays.copyOf(rows, grown);
    }
    if (values.length < capacity * width) {
      values = Arrays.copyOf(values, Math.max(capacity * width, values.length * 2));
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(examples);
    out.writeInt(width);
    out.writeInt(rowCount);
    // whole arrays through one byte buffer: a DataOutput call per value costs more than the shuffle
    ByteBuffer bytes = buffer(rowCount * 4 + rowCount * width * 8);
    bytes.asIntBuffer().put(rows, 0, rowCount);
    bytes.position(rowCount * 4);
    bytes.asDoubleBuffer().put(values, 0, rowCount * width);
    out.write(bytes.array(), 0, rowCount * 4 + rowCount * width * 8);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    examples = in.readLong();
    width = in.readInt();
    int count = in.readInt();
    rowCount = 0;
    ensureCapacity(count);
    ByteBuffer bytes = buffer(count * 4 + count * width * 8);
    in.readFully(bytes.array(), 0, count * 4 + count * width * 8);
    bytes.asIntBuffer().get(rows, 0, count);
    bytes.position(count * 4);
    bytes.asDoubleBuffer().get(values, 0, count * width);
    rowCount = count;
  }

  private ByteBuffer buffer(int length) {
    if (io == null || io.capacity() < length) {
      io = ByteBuffer.allocate(Math.max(length, io == null ? 0 : io.capacity() * 2));
    }
    io.clear();
    return io;
  }

  @Override
  public String toString() {
    return "SliceUpdate(n=" + examples + ", rows=" + rowCount + ")";
  }
}
