package dev.sheaf.train;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A map task's output key: the parameter slice, then the map task's index. Partitioned and grouped
 * by slice, sorted by task within it, so a reducer sums the tasks' updates in the same order on
 * every run, whatever order the map tasks finished in.
 */
public final class SliceKey implements WritableComparable<SliceKey> {
  private int slice;
  private int task;

  public SliceKey() {}

  public SliceKey(int slice, int task) {
    set(slice, task);
  }

  public SliceKey set(int slice, int task) {
    this.slice = slice;
    this.task = task;
    return this;
  }

  public int slice() {
    return slice;
  }

  public int task() {
    return task;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(slice);
    out.writeInt(task);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    slice = in.readInt();
    task = in.readInt();
  }

  @Override
  public int compareTo(SliceKey other) {
    int bySlice = Integer.compare(slice, other.slice);
    return bySlice != 0 ? bySlice : Integer.compare(task, other.task);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SliceKey key && key.slice == slice && key.task == task;
  }

  @Override
  public int hashCode() {
    return slice * 31 + task;
  }

  @Override
  public String toString() {
    return "slice " + slice + " task " + task;
  }

  /** Sends slice s to reducer s mod R. */
  public static final class SlicePartitioner extends Partitioner<SliceKey, SliceUpdate> {
    @Override
    public int getPartition(SliceKey key, SliceUpdate value, int partitions) {
      return key.slice % partitions;
    }
  }

  /** Groups a slice's records from every task into one reduce call. */
  public static final class BySlice extends WritableComparator {
    public BySlice() {
      super(SliceKey.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return Integer.compare(((SliceKey) a).slice, ((SliceKey) b).slice);
    }
  }
}
