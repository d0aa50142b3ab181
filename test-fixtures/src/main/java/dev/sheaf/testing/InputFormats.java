package dev.sheaf.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Reads everything an input format yields for a job's input paths, split by split, as tasks would.
 */
public final class InputFormats {
  private InputFormats() {}

  /**
   * The values of every split in order, each passed through {@code copy} (readers may reuse them);
   * counters the readers increment land in {@code counters}.
   */
  public static <K, V, T> List<T> readAll(
      InputFormat<K, V> format, Job job, Counters counters, Function<V, T> copy)
      throws IOException, InterruptedException {
    List<T> values = new ArrayList<>();
    List<InputSplit> splits = format.getSplits(job);
    for (int i = 0; i < splits.size(); i++) {
      Configuration conf = job.getConfiguration();
      TaskAttemptContext context =
          new TaskAttemptContextImpl(
              conf,
              new TaskAttemptID("sheaf-test", 1, TaskType.MAP, i, 0),
              TaskHarness.reporter(counters));
      try (RecordReader<K, V> reader = format.createRecordReader(splits.get(i), context)) {
        reader.initialize(splits.get(i), context);
        while (reader.nextKeyValue()) {
          values.add(copy.apply(reader.getCurrentValue()));
        }
      }
    }
    return values;
  }

  /** How many splits the format makes of the job's input. */
  public static int splitCount(InputFormat<?, ?> format, Job job)
      throws IOException, InterruptedException {
    return format.getSplits(job).size();
  }
}
