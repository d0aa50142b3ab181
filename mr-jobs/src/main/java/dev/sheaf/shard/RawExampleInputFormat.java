package dev.sheaf.shard;

import dev.sheaf.avro.Example;
import dev.sheaf.common.AvroBlockReader;
import dev.sheaf.common.AvroFileInputFormat;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads {@code Example} container files as {@link RawExample}s: each datum's id and label read from
 * its bytes and the bytes handed on as they are.
 */
public class RawExampleInputFormat extends AvroFileInputFormat<RawExample> {
  @Override
  public RecordReader<RawExample, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new Reader();
  }

  private static final class Reader extends AvroBlockReader<RawExample> {
    private final RawExample current = new RawExample();

    Reader() {
      super(Example.getClassSchema());
    }

    @Override
    protected int parse(byte[] block, int position) {
      return current.parse(block, position);
    }

    @Override
    public RawExample getCurrentKey() {
      return current;
    }
  }
}
