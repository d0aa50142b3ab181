package dev.sheaf.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hadoop.io.Writable;

/**
 * What a map task sends one slice's reducer: its example count n and, for each row it touched in
 * the slice (ascending), a weight c (in average mode the number of the task's examples that touched
 * the row: n for rows every example touches, such as biases) and {@code width} values: c × its
 * parameter delta (and optimizer state deltas) in average mode, its summed gradient in gradient
 * mode. All are sums, so two updates add ({@link #add}); the reducer divides a row's values by its
 * summed weight in average mode, by the total n in gradient mode. A task that touched no row of the
 * slice still sends its n, and every update carries the task's summed weighted loss in double
 * (L-BFGS's objective; the job counters only hold it in millionths).
 */
public final class SliceUpdate implements Writable {
  private long examples;
  private double lossSum;
  private int width;
  private int rowCount;
  private int[] rows = new int[0];
  private double[] weights = new double[0];
  private double[] values = new double[0];
  private ByteBuffer io;

  public SliceUpdate() {}

  /** Starts an update of {@code examples} examples with room for {@code capacity} rows. */
  public SliceUpdate reset(long examples, int width, int capacity) {
    this.examples = examples;
    this.lossSum = 0;
    this.width = width;
    this.rowCount = 0;
    ensureCapacity(capacity);
    return this;
  }

  /**
   * Appends a row of weight n (rows must come ascending); returns where its values start in {@link
   * #values}.
   */
  public int addRow(int row) {
    return addRow(row, examples);
  }

  /**
   * Appends a row of weight {@code weight} (rows must come ascending); returns where its values
   * start.
   */
  public int addRow(int row, double weight) {
    ensureCapacity(rowCount + 1);
    rows[rowCount] = row;
    weights[rowCount] = weight;
    int at = rowCount * width;
    Arrays.fill(values, at, at + width, 0);
    rowCount++;
    return at;
  }

  public long examples() {
    return examples;
  }

  /** The summed weighted loss of the examples ({@link #examples}) this update covers. */
  public double lossSum() {
    return lossSum;
  }

  public SliceUpdate lossSum(double value) {
    lossSum = value;
    return this;
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

  /** The weight of the {@code i}-th row: its examples in average mode. */
  public double weight(int i) {
    return weights[i];
  }

  /** The values, row after row, {@link #width} each. */
  public double[] values() {
    return values;
  }

  /**
   * This update plus {@code other} (the same slice): counts add, rows merge, values of shared rows
   * add.
   */
  public void add(SliceUpdate other) {
    if (other.width != width && other.rowCount > 0 && rowCount > 0) {
      throw new IllegalArgumentException(
          "updates of " + width + " and " + other.width + " values a row");
    }
    int merged = 0;
    int[] mergedRows = new int[rowCount + other.rowCount];
    double[] mergedWeights = new double[rowCount + other.rowCount];
    double[] mergedValues = new double[(rowCount + other.rowCount) * Math.max(width, other.width)];
    int w = Math.max(width, other.width);
    int i = 0;
    int j = 0;
    while (i < rowCount || j < other.rowCount) {
      int a = i < rowCount ? rows[i] : Integer.MAX_VALUE;
      int b = j < other.rowCount ? other.rows[j] : Integer.MAX_VALUE;
      int row = Math.min(a, b);
      mergedRows[merged] = row;
      mergedWeights[merged] = (a == row ? weights[i] : 0) + (b == row ? other.weights[j] : 0);
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
    lossSum += other.lossSum;
    width = w;
    rowCount = merged;
    rows = mergedRows;
    weights = mergedWeights;
    values = mergedValues;
  }

  /** A copy (the framework reuses the instance it reads values into). */
  public SliceUpdate copy() {
    SliceUpdate copy = new SliceUpdate().reset(examples, width, rowCount);
    System.arraycopy(rows, 0, copy.rows, 0, rowCount);
    System.arraycopy(weights, 0, copy.weights, 0, rowCount);
    System.arraycopy(values, 0, copy.values, 0, rowCount * width);
    copy.rowCount = rowCount;
    copy.lossSum = lossSum;
    return copy;
  }

  private void ensureCapacity(int capacity) {
    if (rows.length < capacity) {
      int grown = Math.max(capacity, rows.length * 2);
      rows = Arrays.copyOf(rows, grown);
      weights = Arrays.copyOf(weights, grown);
    }
    if (values.length < capacity * width) {
      values = Arrays.copyOf(values, Math.max(capacity * width, values.length * 2));
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(examples);
    out.writeDouble(lossSum);
    out.writeInt(width);
    out.writeInt(rowCount);
    // whole arrays through one byte buffer: a DataOutput call per value costs more than the shuffle
    int length = rowCount * 12 + rowCount * width * 8;
    ByteBuffer bytes = buffer(length);
    bytes.asIntBuffer().put(rows, 0, rowCount);
    bytes.position(rowCount * 4);
    bytes.asDoubleBuffer().put(weights, 0, rowCount);
    bytes.position(rowCount * 12);
    bytes.asDoubleBuffer().put(values, 0, rowCount * width);
    out.write(bytes.array(), 0, length);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    examples = in.readLong();
    lossSum = in.readDouble();
    width = in.readInt();
    int count = in.readInt();
    rowCount = 0;
    ensureCapacity(count);
    int length = count * 12 + count * width * 8;
    ByteBuffer bytes = buffer(length);
    in.readFully(bytes.array(), 0, length);
    bytes.asIntBuffer().get(rows, 0, count);
    bytes.position(count * 4);
    bytes.asDoubleBuffer().get(weights, 0, count);
    bytes.position(count * 12);
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
