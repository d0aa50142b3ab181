package dev.sheaf.dedupe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * Shuffle key of exact dedupe: (fingerprint, id, tie-break). Sorting on all three and grouping on
 * the fingerprint alone (secondary sort) hands each reduce call a group's documents smallest id
 * first, so the reducer keeps the first and streams the rest as duplicates. The tie-break (a hash
 * of source and label) orders records that share text and id, so the choice never depends on
 * the order map tasks finished in.
 *
 * <p>Serialized as {@code high(8) low(8) vint(idLength) idUtf8 tieBreak(8)}; the comparators
 * work on those bytes. Ids compare by their UTF-8 bytes, i.e. in code-point order.
 */
public final class FingerprintKey implements WritableComparable<FingerprintKey> {
  private static final int FINGERPRINT_BYTES = 16;

  private long high;
  private long low;
  private final Text id = new Text();
  private long tieBreak;

  public void set(long high, long low, String id, long tieBreak) {
    this.high = high;
    this.low = low;
    this.id.set(id);
    this.tieBreak = tieBreak;
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  public String id() {
    return id.toString();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(high);
    out.writeLong(low);
    id.write(out);
    out.writeLong(tieBreak);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    high = in.readLong();
    low = in.readLong();
    id.readFields(in);
    tieBreak = in.readLong();
  }

  @Override
  public int compareTo(FingerprintKey other) {
    int byFingerprint = compareFingerprint(other);
    if (byFingerprint != 0) {
      return byFingerprint;
    }
    int byId = id.compareTo(other.id);
    return byId != 0 ? byId : Long.compare(tieBreak, other.tieBreak);
  }

  private int compareFingerprint(FingerprintKey other) {
    // unsigned, to agree with the byte comparison of the serialized form
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FingerprintKey other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + id.hashCode();
  }

  @Override
  public String toString() {
    return String.format("%016x%016x/%s", high, low, id);
  }

  /** Sorts on the whole key, on the serialized bytes. */
  public static final class SortComparator extends WritableComparator {
    public SortComparator() {
      super(FingerprintKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int byFingerprint = compareBytes(b1, s1, FINGERPRINT_BYTES, b2, s2, FINGERPRINT_BYTES);
      if (byFingerprint != 0) {
        return byFingerprint;
      }
      try {
        int idStart1 = s1 + FINGERPRINT_BYTES;
        int idStart2 = s2 + FINGERPRINT_BYTES;
        int vint1 = WritableUtils.decodeVIntSize(b1[idStart1]);
        int vint2 = WritableUtils.decodeVIntSize(b2[idStart2]);
        int length1 = readVInt(b1, idStart1);
        int length2 = readVInt(b2, idStart2);
        int byId = compareBytes(b1, idStart1 + vint1, length1, b2, idStart2 + vint2, length2);
        if (byId != 0) {
          return byId;
        }
        return Long.compare(readLong(b1, idStart1 + vint1 + length1), readLong(b2, idStart2 + vint2 + length2));
      } catch (IOException e) {
        throw new IllegalArgumentException("corrupt FingerprintKey", e);
      }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((FingerprintKey) a).compareTo((FingerprintKey) b);
    }
  }

  /** Groups on the fingerprint alone: one reduce call per group of identical texts. */
  public static final class GroupingComparator extends WritableComparator {
    public GroupingComparator() {
      super(FingerprintKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      return compareBytes(b1, s1, FINGERPRINT_BYTES, b2, s2, FINGERPRINT_BYTES);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((FingerprintKey) a).compareFingerprint((FingerprintKey) b);
    }
  }

  /** Partitions on the fingerprint alone, so a group never spans two reducers. */
  public static final class FingerprintPartitioner<V> extends Partitioner<FingerprintKey, V> {
    @Override
    public int getPartition(FingerprintKey key, V value, int numPartitions) {
      return (int) Long.remainderUnsigned(key.high ^ key.low, numPartitions);
    }
  }
}
