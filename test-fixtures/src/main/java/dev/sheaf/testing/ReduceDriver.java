package dev.sheaf.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.serializer.SerializationFactory;
import org.apache.hadoop.io.serializer.Serializer;
import org.apache.hadoop.mapred.RawKeyValueIterator;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.reduce.WrappedReducer;
import org.apache.hadoop.mapreduce.task.ReduceContextImpl;
import org.apache.hadoop.util.Progress;

/**
 * Runs one reducer as one reduce task, MRUnit style, like the real shuffle would feed it: the
 * map-output pairs are serialized with the job's serializations, sorted by the job's sort
 * comparator, grouped by its grouping comparator and read back through Hadoop's {@link
 * ReduceContextImpl}, which reuses key and value objects as the framework does.
 */
public final class ReduceDriver<KI, VI, KO, VO> extends DriverBase<ReduceDriver<KI, VI, KO, VO>> {
  private final Reducer<KI, VI, KO, VO> reducer;
  private final List<KI> keys = new ArrayList<>();
  private final List<VI> values = new ArrayList<>();
  private int taskIndex;

  private ReduceDriver(Reducer<KI, VI, KO, VO> reducer) {
    this.reducer = reducer;
  }

  public static <KI, VI, KO, VO> ReduceDriver<KI, VI, KO, VO> of(Reducer<KI, VI, KO, VO> reducer) {
    return new ReduceDriver<>(reducer);
  }

  /** One map-output pair; pairs may come in any order, the driver sorts and groups them. */
  public ReduceDriver<KI, VI, KO, VO> withInput(KI key, VI value) {
    keys.add(key);
    values.add(value);
    return this;
  }

  public ReduceDriver<KI, VI, KO, VO> withTaskIndex(int index) {
    this.taskIndex = index;
    return this;
  }

  @SuppressWarnings("unchecked")
  public List<Record<KO, VO>> run() throws IOException, InterruptedException {
    TaskHarness harness = harness();
    JobContext job = harness.jobContext();
    Class<KI> keyClass = (Class<KI>) job.getMapOutputKeyClass();
    Class<VI> valueClass = (Class<VI>) job.getMapOutputValueClass();
    List<byte[][]> pairs = serialize(keyClass, valueClass);
    RawComparator<?> sort = job.getSortComparator();
    pairs.sort((a, b) -> sort.compare(a[0], 0, a[0].length, b[0], 0, b[0].length));

    TaskAttemptID attempt = harness.attempt(TaskType.REDUCE, taskIndex);
    TaskAttemptContext task = harness.taskContext(attempt);
    FileOutputCommitter committer = harness.committer(task);
    TaskHarness.Collector<KO, VO> output = harness.new Collector<>();
    ReduceContextImpl<KI, VI, KO, VO> context =
        new ReduceContextImpl<>(
            conf,
            attempt,
            new SortedPairs(pairs),
            counters.findCounter(TaskCounter.REDUCE_INPUT_GROUPS),
            counters.findCounter(TaskCounter.REDUCE_INPUT_RECORDS),
            output,
            committer,
            harness.reporter(),
            (RawComparator<KI>) job.getGroupingComparator(),
            keyClass,
            valueClass);
    reducer.run(new WrappedReducer<KI, VI, KO, VO>().getReducerContext(context));
    harness.commit(committer, task);
    return output.records;
  }

  private List<byte[][]> serialize(Class<KI> keyClass, Class<VI> valueClass) throws IOException {
    SerializationFactory factory = new SerializationFactory(conf);
    Serializer<KI> keySerializer = factory.getSerializer(keyClass);
    Serializer<VI> valueSerializer = factory.getSerializer(valueClass);
    DataOutputBuffer keyBuffer = new DataOutputBuffer();
    DataOutputBuffer valueBuffer = new DataOutputBuffer();
    keySerializer.open(keyBuffer);
    valueSerializer.open(valueBuffer);
    List<byte[][]> pairs = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      keyBuffer.reset();
      valueBuffer.reset();
      keySerializer.serialize(keys.get(i));
      valueSerializer.serialize(values.get(i));
      pairs.add(
          new byte[][] {
            java.util.Arrays.copyOf(keyBuffer.getData(), keyBuffer.getLength()),
            java.util.Arrays.copyOf(valueBuffer.getData(), valueBuffer.getLength())
          });
    }
    keySerializer.close();
    valueSerializer.close();
    return pairs;
  }

  private static final class SortedPairs implements RawKeyValueIterator {
    private final List<byte[][]> pairs;
    private final DataInputBuffer key = new DataInputBuffer();
    private final DataInputBuffer value = new DataInputBuffer();
    private int next = -1;

    SortedPairs(List<byte[][]> pairs) {
      this.pairs = pairs;
    }

    @Override
    public DataInputBuffer getKey() {
      byte[] bytes = pairs.get(next)[0];
      key.reset(bytes, bytes.length);
      return key;
    }

    @Override
    public DataInputBuffer getValue() {
      byte[] bytes = pairs.get(next)[1];
      value.reset(bytes, bytes.length);
      return value;
    }

    @Override
    public boolean next() {
      return ++next < pairs.size();
    }

    @Override
    public void close() {}

    @Override
    public Progress getProgress() {
      return new Progress();
    }
  }
}
