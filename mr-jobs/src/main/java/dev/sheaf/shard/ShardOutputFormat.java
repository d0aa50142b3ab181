package dev.sheaf.shard;

import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The shard job's output format: no records of its own (each reducer writes its shard file itself),
 * only the file output committer that promotes the task's work directory on success.
 */
public class ShardOutputFormat extends FileOutputFormat<NullWritable, NullWritable> {
  @Override
  public RecordWriter<NullWritable, NullWritable> getRecordWriter(TaskAttemptContext context) {
    return new RecordWriter<>() {
      @Override
      public void write(NullWritable key, NullWritable value) {}

      @Override
      public void close(TaskAttemptContext context) {}
    };
  }
}
