package dev.sheaf.evaluate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.io.Writable;

/**
 * Counts an evaluation adds up: under the summary key the confusion matrix (true label major) and
 * the summed log loss; under a score key the negatives and positives that got that score.
 */
public final class EvaluateCounts implements Writable {
  private long[] counts = new long[0];
  private double lossSum;

  public EvaluateCounts() {}

  public EvaluateCounts(long[] counts, double lossSum) {
    this.counts = counts;
    this.lossSum = lossSum;
  }

  public long[] counts() {
    return counts;
  }

  public double lossSum() {
    return lossSum;
  }

  /** Adds {@code other} (same shape) to this. */
  public void add(EvaluateCounts other) {
    if (counts.length == 0) {
      counts = new long[other.counts.length];
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    lossSum += other.lossSum;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(counts.length);
    for (long count : counts) {
      out.writeLong(count);
    }
    out.writeDouble(lossSum);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int length = in.readInt();
    if (counts.length != length) {
      counts = new long[length];
    }
    for (int i = 0; i < length; i++) {
      counts[i] = in.readLong();
    }
    lossSum = in.readDouble();
  }

  @Override
  public String toString() {
    return Arrays.toString(counts) + " loss " + lossSum;
  }
}
