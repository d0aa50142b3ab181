package dev.sheaf.dedupe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The shuffle key of the near-dedupe jobs: (first, second), sorted on both by UTF-8 bytes (code
 * point order), grouped and partitioned on {@code first} alone. A reduce call therefore sees one
 * {@code first} with its {@code second}s in ascending order, which the jobs use to stream: a
 * bucket's members smallest rank first, a node's neighbours smallest first, a record's tag ({@code
 * ""} or {@code "0"}) before its data. Serialized as two {@link Text}s.
 */
public final class PairKey implements WritableComparable<PairKey> {
  private final Text first = new Text();
  private final Text second = new Text();

  public PairKey set(Text first, Text second) {
    this.first.set(first);
    this.second.set(second);
    return this;
  }

  public PairKey set(String first, String second) {
    this.first.set(first);
    this.second.set(second);
    return this;
  }

  public PairKey set(byte[] first, int firstLength, String second) {
    this.first.set(first, 0, firstLength);
    this.second.set(second);
    return this;
  }

  public Text first() {
    return first;
  }

  public Text second() {
    return second;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    first.write(out);
    second.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    first.readFields(in);
    second.readFields(in);
  }

  @Override
  public int compareTo(PairKey other) {
    int byFirst = first.compareTo(other.first);
    return byFirst != 0 ? byFirst : second.compareTo(other.second);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairKey other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return first.hashCode() * 31 + second.hashCode();
  }

  @Override
  public String toString() {
    return first + "\t" + second;
  }

  /**
   * Makes a job shuffle on pair keys: sorted on both parts, grouped and partitioned on the first.
   */
  public static void configureShuffle(Job job) {
    job.setMapOutputKeyClass(PairKey.class);
    job.setPartitionerClass(FirstPartitioner.class);
    job.setSortComparatorClass(SortComparator.class);
    job.setGroupingComparatorClass(GroupingComparator.class);
  }

  /** Compares the serialized Texts that start at {@code s1} and {@code s2}, by their bytes. */
  private static int compareText(byte[] b1, int s1, byte[] b2, int s2) {
    return WritableComparator.compareBytes(
        b1,
        s1 + WritableUtils.decodeVIntSize(b1[s1]),
        textLength(b1, s1),
        b2,
        s2 + WritableUtils.decodeVIntSize(b2[s2]),
        textLength(b2, s2));
  }

  /** Where the serialized Text that starts at {@code s} ends. */
  private static int textEnd(byte[] b, int s) {
    return s + WritableUtils.decodeVIntSize(b[s]) + textLength(b, s);
  }

  private static int textLength(byte[] b, int s) {
    try {
      return WritableComparator.readVInt(b, s);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt PairKey", e);
    }
  }

  /** Sorts on both parts, on the serialized bytes. */
  public static final class SortComparator extends WritableComparator {
    public SortComparator() {
      super(PairKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int byFirst = compareText(b1, s1, b2, s2);
      return byFirst != 0 ? byFirst : compareText(b1, textEnd(b1, s1), b2, textEnd(b2, s2));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((PairKey) a).compareTo((PairKey) b);
    }
  }

  /** Groups on the first part. */
  public static final class GroupingComparator extends WritableComparator {
    public GroupingComparator() {
      super(PairKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      return compareText(b1, s1, b2, s2);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((PairKey) a).first.compareTo(((PairKey) b).first);
    }
  }

  /** Partitions on the first part (Text's hash: the same on every JVM). */
  public static final class FirstPartitioner<V> extends Partitioner<PairKey, V> {
    @Override
    public int getPartition(PairKey key, V value, int numPartitions) {
      return (key.first.hashCode() & Integer.MAX_VALUE) % numPartitions;
    }
  }
}
