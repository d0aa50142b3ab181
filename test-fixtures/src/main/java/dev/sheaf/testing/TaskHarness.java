package dev.sheaf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapred.AvroWrapper;
import org.apache.avro.specific.SpecificData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * What the drivers share: real Hadoop counters, a real {@link FileOutputCommitter} over a temporary
 * output directory (so {@code MultipleOutputs} write real files, committed as a job would), and an
 * output collector that copies records, since tasks reuse their output objects.
 */
final class TaskHarness {
  private static final JobID JOB_ID = new JobID("sheaf-test", 1);

  final Configuration conf;
  final Counters counters;
  final java.nio.file.Path outputDirectory;

  TaskHarness(Configuration conf, Counters counters, java.nio.file.Path outputDirectory) {
    this.conf = conf;
    this.counters = counters;
    this.outputDirectory = outputDirectory;
    conf.set(FileOutputFormat.OUTDIR, new Path(outputDirectory.toUri()).toString());
  }

  static java.nio.file.Path newOutputDirectory() {
    try {
      java.nio.file.Path parent = Files.createTempDirectory("sheaf-driver-");
      parent.toFile().deleteOnExit();
      return parent.resolve("out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JobContext jobContext() {
    return new JobContextImpl(conf, JOB_ID);
  }

  TaskAttemptID attempt(TaskType type, int task) {
    return new TaskAttemptID(JOB_ID.getJtIdentifier(), JOB_ID.getId(), type, task, 0);
  }

  StatusReporter reporter() {
    return reporter(counters);
  }

  /** A task reporter whose counters are {@code counters}. */
  static StatusReporter reporter(Counters counters) {
    return new StatusReporter() {
      @Override
      public Counter getCounter(Enum<?> name) {
        return counters.findCounter(name);
      }

      @Override
      public Counter getCounter(String group, String name) {
        return counters.findCounter(group, name);
      }

      @Override
      public void progress() {}

      @Override
      public float getProgress() {
        return 0;
      }

      @Override
      public void setStatus(String status) {}
    };
  }

  FileOutputCommitter committer(TaskAttemptContext task) throws IOException {
    FileOutputCommitter committer =
        new FileOutputCommitter(new Path(outputDirectory.toUri()), task);
    committer.setupJob(jobContext());
    committer.setupTask(task);
    return committer;
  }

  TaskAttemptContext taskContext(TaskAttemptID attempt) {
    return new TaskAttemptContextImpl(conf, attempt);
  }

  void commit(FileOutputCommitter committer, TaskAttemptContext task) throws IOException {
    if (committer.needsTaskCommit(task)) {
      committer.commitTask(task);
    }
    committer.commitJob(jobContext());
  }

  /** Collects copies of what a task writes. */
  final class Collector<K, V> extends RecordWriter<K, V> {
    final List<Record<K, V>> records = new ArrayList<>();

    @Override
    public void write(K key, V value) {
      records.add(new Record<>(copy(key), copy(value)));
    }

    @Override
    public void close(TaskAttemptContext context) {}
  }

  @SuppressWarnings("unchecked")
  <T> T copy(T object) {
    if (object instanceof AvroWrapper<?> wrapper) {
      Object datum = wrapper.datum();
      Object copied =
          datum instanceof GenericContainer container
              ? SpecificData.get().deepCopy(container.getSchema(), datum)
              : datum;
      return (T) (object instanceof AvroValue<?> ? new AvroValue<>(copied) : new AvroKey<>(copied));
    }
    if (object instanceof Writable writable) {
      return (T) WritableUtils.clone(writable, conf);
    }
    return object;
  }
}
