package dev.sheaf.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Partitioner;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Runs a whole job in memory, MRUnit style: the inputs split over {@code mapTasks} map tasks (in
 * contiguous runs), map outputs partitioned by the job's partitioner over its number of reduce
 * tasks, and each partition shuffled into a {@link ReduceDriver}. Returns the reduce outputs in
 * partition order; all tasks share one output directory and one set of counters.
 */
public final class MapReduceDriver<KI, VI, KM, VM, KO, VO>
    extends DriverBase<MapReduceDriver<KI, VI, KM, VM, KO, VO>> {
  private final Supplier<? extends Mapper<KI, VI, KM, VM>> mappers;
  private final Supplier<? extends Reducer<KM, VM, KO, VO>> reducers;
  private final List<Map.Entry<KI, VI>> inputs = new ArrayList<>();
  private int mapTasks = 1;

  private MapReduceDriver(
      Supplier<? extends Mapper<KI, VI, KM, VM>> mappers,
      Supplier<? extends Reducer<KM, VM, KO, VO>> reducers) {
    this.mappers = mappers;
    this.reducers = reducers;
  }

  /** Takes factories: every task gets a fresh mapper or reducer, as in a real job. */
  public static <KI, VI, KM, VM, KO, VO> MapReduceDriver<KI, VI, KM, VM, KO, VO> of(
      Supplier<? extends Mapper<KI, VI, KM, VM>> mappers,
      Supplier<? extends Reducer<KM, VM, KO, VO>> reducers) {
    return new MapReduceDriver<>(mappers, reducers);
  }

  public MapReduceDriver<KI, VI, KM, VM, KO, VO> withInput(KI key, VI value) {
    inputs.add(Map.entry(key, value));
    return this;
  }

  public MapReduceDriver<KI, VI, KM, VM, KO, VO> withMapTasks(int count) {
    this.mapTasks = count;
    return this;
  }

  @SuppressWarnings("unchecked")
  public List<Record<KO, VO>> run() throws IOException, InterruptedException {
    ensureOutputDirectory();
    JobContextImpl job = new JobContextImpl(conf, null);
    int reduceTasks = Math.max(1, job.getNumReduceTasks());
    Partitioner<KM, VM> partitioner;
    try {
      partitioner =
          (Partitioner<KM, VM>) ReflectionUtils.newInstance(job.getPartitionerClass(), conf);
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
    List<List<Record<KM, VM>>> partitions = new ArrayList<>();
    for (int r = 0; r < reduceTasks; r++) {
      partitions.add(new ArrayList<>());
    }
    int perTask = (inputs.size() + mapTasks - 1) / Math.max(1, mapTasks);
    for (int m = 0; m < mapTasks; m++) {
      List<Map.Entry<KI, VI>> split =
          inputs.subList(
              Math.min(inputs.size(), m * perTask), Math.min(inputs.size(), (m + 1) * perTask));
      List<Record<KM, VM>> mapped =
          MapDriver.of((Mapper<KI, VI, KM, VM>) mappers.get())
              .withConfiguration(conf)
              .withInputs(split)
              .withTaskIndex(m)
              .withCounters(counters)
              .withOutputDirectory(outputDirectory)
              .run();
      for (Record<KM, VM> record : mapped) {
        partitions
            .get(partitioner.getPartition(record.key(), record.value(), reduceTasks))
            .add(record);
      }
    }
    List<Record<KO, VO>> output = new ArrayList<>();
    for (int r = 0; r < reduceTasks; r++) {
      ReduceDriver<KM, VM, KO, VO> reduce =
          ReduceDriver.of((Reducer<KM, VM, KO, VO>) reducers.get())
              .withConfiguration(conf)
              .withTaskIndex(r)
              .withCounters(counters)
              .withOutputDirectory(outputDirectory);
      for (Record<KM, VM> record : partitions.get(r)) {
        reduce.withInput(record.key(), record.value());
      }
      output.addAll(reduce.run());
    }
    return output;
  }
}
