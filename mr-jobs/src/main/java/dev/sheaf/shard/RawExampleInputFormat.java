package dev.sheaf.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads {@code Example} container files as {@link RawExample}s: whole decompressed blocks, each
 * datum's id and label read from its bytes and the bytes handed on as they are. Splits follow
 * Avro's sync markers like AvroKeyInputFormat's, so each block is read by exactly one task.
 */
public class RawExampleInputFormat extends FileInputFormat<RawExample, NullWritable> {
  @Override
  protected java.util.List<FileStatus> listStatus(JobContext job) throws IOException {
    java.util.List<FileStatus> avro = new java.util.ArrayList<>();
    for (FileStatus status : super.listStatus(job)) {
      if (status.getPath().getName().endsWith(".avro")) {
        avro.add(status);
      }
    }
    return avro;
  }

  @Override
  public RecordReader<RawExample, NullWritable> createRecordReader(InputSplit split, TaskAttemptContext context) {
    return new Reader();
  }

  private static final class Reader extends RecordReader<RawExample, NullWritable> {
    private DataFileReader<Object> reader;
    private long start;
    private long end;
    private final RawExample current = new RawExample();
    private byte[] block = new byte[0];
    private int position;
    private int limit;
    private long remaining;

    @Override
    public void initialize(InputSplit inputSplit, TaskAttemptContext context) throws IOException {
      FileSplit split = (FileSplit) inputSplit;
      reader = new DataFileReader<>(new FsInput(split.getPath(), context.getConfiguration()), new GenericDatumReader<>());
      if (SchemaNormalization.parsingFingerprint64(reader.getSchema()) != RawExample.SCHEMA_FINGERPRINT) {
        throw new IOException(split.getPath() + " holds records of another schema than this version's Example "
            + "(" + reader.getSchema().getFullName() + "); vectorize again with this version");
      }
      start = split.getStart();
      end = start + split.getLength();
      reader.sync(start);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      while (remaining == 0) {
        if (!reader.hasNext() || reader.pastSync(end)) {
          return false;
        }
        remaining = reader.getBlockCount();
        ByteBuffer buffer = reader.nextBlock();
        limit = buffer.remaining();
        if (block.length < limit) {
          block = new byte[Math.max(limit, block.length * 2)];
        }
        buffer.get(block, 0, limit);
        position = 0;
      }
      position = current.parse(block, position);
      remaining--;
      return true;
    }

    @Override
    public RawExample getCurrentKey() {
      return current;
    }

    @Override
    public NullWritable getCurrentValue() {
      return NullWritable.get();
    }

    @Override
    public float getProgress() throws IOException {
      return end == start ? 1f : Math.min(1f, (reader.previousSync() - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
