package dev.sheaf.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.map.WrappedMapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.task.MapContextImpl;

/**
 * Runs one mapper as one map task, MRUnit style (records in, records and counters out), on Hadoop's
 * own {@link MapContextImpl}: setup, map per input, cleanup, real counters, and a real output
 * committer over {@link #outputDirectory()} so that {@code MultipleOutputs} (rejects) land in
 * files.
 */
public final class MapDriver<KI, VI, KO, VO> extends DriverBase<MapDriver<KI, VI, KO, VO>> {
  private final Mapper<KI, VI, KO, VO> mapper;
  private final List<Map.Entry<KI, VI>> inputs = new ArrayList<>();
  private int taskIndex;

  private MapDriver(Mapper<KI, VI, KO, VO> mapper) {
    this.mapper = mapper;
  }

  public static <KI, VI, KO, VO> MapDriver<KI, VI, KO, VO> of(Mapper<KI, VI, KO, VO> mapper) {
    return new MapDriver<>(mapper);
  }

  public MapDriver<KI, VI, KO, VO> withInput(KI key, VI value) {
    inputs.add(Map.entry(key, value));
    return this;
  }

  public MapDriver<KI, VI, KO, VO> withInputs(List<Map.Entry<KI, VI>> records) {
    inputs.addAll(records);
    return this;
  }

  /** Which map task this is (task ids appear in output file names). */
  public MapDriver<KI, VI, KO, VO> withTaskIndex(int index) {
    this.taskIndex = index;
    return this;
  }

  /** Runs the task and returns copies of what it wrote, in order. */
  public List<Record<KO, VO>> run() throws IOException, InterruptedException {
    TaskHarness harness = harness();
    TaskAttemptID attempt = harness.attempt(TaskType.MAP, taskIndex);
    TaskAttemptContext task = harness.taskContext(attempt);
    FileOutputCommitter committer = harness.committer(task);
    TaskHarness.Collector<KO, VO> output = harness.new Collector<>();
    MapContextImpl<KI, VI, KO, VO> context =
        new MapContextImpl<>(
            conf, attempt, new ListReader<>(inputs), output, committer, harness.reporter(), null);
    mapper.run(new WrappedMapper<KI, VI, KO, VO>().getMapContext(context));
    harness.commit(committer, task);
    return output.records;
  }

  private static final class ListReader<K, V> extends RecordReader<K, V> {
    private final List<Map.Entry<K, V>> records;
    private int next = -1;

    ListReader(List<Map.Entry<K, V>> records) {
      this.records = records;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {}

    @Override
    public boolean nextKeyValue() {
      return ++next < records.size();
    }

    @Override
    public K getCurrentKey() {
      return records.get(next).getKey();
    }

    @Override
    public V getCurrentValue() {
      return records.get(next).getValue();
    }

    @Override
    public float getProgress() {
      return records.isEmpty() ? 1f : Math.min(1f, (next + 1) / (float) records.size());
    }

    @Override
    public void close() {}
  }
}
