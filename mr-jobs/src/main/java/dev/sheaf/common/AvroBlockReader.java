package dev.sheaf.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads an Avro container split block by block (decompressed, not decoded) and hands each datum's
 * bytes to {@link #parse}, which fills the reused current record: the fast path for records whose
 * encoding a stage walks itself. Splits follow the sync markers like AvroKeyInputFormat's, so each
 * block is read by exactly one task. Also usable outside a job ({@link #open}).
 */
public abstract class AvroBlockReader<K> extends RecordReader<K, NullWritable> {
  private final Schema schema;
  private DataFileReader<Object> reader;
  private long start;
  private long end;
  private byte[] block = new byte[0];
  private int position;
  private long remaining;

  /** Files must hold {@code schema} (compared by parsing fingerprint). */
  protected AvroBlockReader(Schema schema) {
    this.schema = schema;
  }

  /** Reads the datum at {@code position} of {@code block} into the current record; returns the position past it. */
  protected abstract int parse(byte[] block, int position);

  @Override
  public void initialize(InputSplit inputSplit, TaskAttemptContext context) throws IOException {
    FileSplit split = (FileSplit) inputSplit;
    open(context.getConfiguration(), split.getPath(), split.getStart(), split.getLength());
  }

  /** Opens the part of {@code path} from {@code start} on, {@code length} bytes long (whole blocks). */
  public void open(Configuration conf, Path path, long start, long length) throws IOException {
    reader = new DataFileReader<>(new FsInput(path, conf), new GenericDatumReader<>());
    if (SchemaNormalization.parsingFingerprint64(reader.getSchema())
        != SchemaNormalization.parsingFingerprint64(schema)) {
      reader.close();
      throw new IOException(path + " holds records of another schema than this version's " + schema.getName()
          + " (" + reader.getSchema().getFullName() + "); run the stage that wrote it again with this version");
    }
    this.start = start;
    this.end = start + length;
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
      int limit = buffer.remaining();
      if (block.length < limit) {
        block = new byte[Math.max(limit, block.length * 2)];
      }
      buffer.get(block, 0, limit);
      position = 0;
    }
    position = parse(block, position);
    remaining--;
    return true;
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
