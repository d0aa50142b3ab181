package dev.sheaf.model;

import dev.sheaf.avro.Example;
import dev.sheaf.common.AvroBlockReader;
import dev.sheaf.common.AvroFileInputFormat;
import dev.sheaf.common.TextFiles;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads {@code Example} files as {@link SparseExample}s, one reused instance, one whole file per
 * split: a shard is the trainer's unit of work, so the map tasks (and in average mode the local
 * models that get averaged) follow the shards the user asked for, not the file system's block size,
 * and embedded and cluster runs of the same shards train the same model.
 */
public class ExampleInputFormat extends AvroFileInputFormat<SparseExample> {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  public RecordReader<SparseExample, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new Reader();
  }

  /** The reader, also for whole files outside a job ({@link #forEach}). */
  public static final class Reader extends AvroBlockReader<SparseExample> {
    private final SparseExample current = new SparseExample();

    public Reader() {
      super(Example.getClassSchema());
    }

    @Override
    protected int parse(byte[] block, int position) {
      return current.parse(block, position);
    }

    @Override
    public SparseExample getCurrentKey() {
      return current;
    }
  }

  /** Something done with each example of a file set. */
  public interface ExampleConsumer {
    void accept(SparseExample example) throws IOException;
  }

  /**
   * Streams every example of the {@code part-*.avro} files in {@code dir}, file by file in name
   * order.
   */
  public static long forEach(Configuration conf, Path dir, ExampleConsumer consumer)
      throws IOException {
    long count = 0;
    for (FileStatus file : TextFiles.matching(conf, new Path(dir, "part-*.avro"))) {
      try (Reader reader = new Reader()) {
        reader.open(conf, file.getPath(), 0, file.getLen());
        while (reader.nextKeyValue()) {
          consumer.accept(reader.getCurrentKey());
          count++;
        }
      }
    }
    return count;
  }
}
