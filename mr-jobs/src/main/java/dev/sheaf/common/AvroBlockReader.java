package dev.sheaf.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
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
 *
 * <p>A file written with another version of the schema is read through Avro's schema resolution
 * (the Avro specification's "Schema Resolution": fields the reader lacks are skipped, fields the
 * writer lacked take their defaults): each block is decoded with the writer's schema resolved to
 * this version's and encoded again in this version's schema, so {@link #parse} always sees this
 * version's encoding. Files of this version's schema (compared by parsing fingerprint) take the
 * fast path unchanged; a schema that cannot be resolved (checked with {@link SchemaCompatibility})
 * is an {@link IOException} naming the incompatibility.
 */
public abstract class AvroBlockReader<K> extends RecordReader<K, NullWritable> {
  private final Schema schema;
  private DataFileReader<Object> reader;
  private long start;
  private long end;
  private byte[] block = new byte[0];
  private int position;
  private long remaining;

  /**
   * Set when the file's schema differs from this version's: decodes resolving, encodes as this
   * version.
   */
  private GenericDatumReader<Object> resolving;

  private GenericDatumWriter<Object> current;
  private BinaryDecoder decoder;
  private BinaryEncoder encoder;
  private Object datum;
  private final ByteArrayOutputStream reencoded = new ByteArrayOutputStream();

  /** Files hold {@code schema} or a schema that resolves to it. */
  protected AvroBlockReader(Schema schema) {
    this.schema = schema;
  }

  /**
   * Reads the datum at {@code position} of {@code block} into the current record; returns the
   * position past it.
   */
  protected abstract int parse(byte[] block, int position);

  @Override
  public void initialize(InputSplit inputSplit, TaskAttemptContext context) throws IOException {
    FileSplit split = (FileSplit) inputSplit;
    open(context.getConfiguration(), split.getPath(), split.getStart(), split.getLength());
  }

  /**
   * Opens the part of {@code path} from {@code start} on, {@code length} bytes long (whole blocks).
   */
  public void open(Configuration conf, Path path, long start, long length) throws IOException {
    reader = new DataFileReader<>(new FsInput(path, conf), new GenericDatumReader<>());
    Schema written = reader.getSchema();
    if (SchemaNormalization.parsingFingerprint64(written)
        != SchemaNormalization.parsingFingerprint64(schema)) {
      SchemaCompatibility.SchemaPairCompatibility compatibility =
          SchemaCompatibility.checkReaderWriterCompatibility(schema, written);
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        reader.close();
        throw new IOException(
            path
                + " holds "
                + written.getFullName()
                + " records this version cannot read as its "
                + schema.getName()
                + " ("
                + compatibility.getResult().getIncompatibilities().get(0).getMessage()
                + " at "
                + compatibility.getResult().getIncompatibilities().get(0).getLocation()
                + "); run the stage that wrote it again with this version");
      }
      resolving = new GenericDatumReader<>(written, schema);
      current = new GenericDatumWriter<>(schema);
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
      if (resolving != null) {
        reencode(limit);
      }
    }
    position = parse(block, position);
    remaining--;
    return true;
  }

  /**
   * Replaces the block's {@code remaining} datums, written in the file's schema, by this version's
   * encoding.
   */
  private void reencode(int length) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(block, 0, length, decoder);
    reencoded.reset();
    encoder = EncoderFactory.get().binaryEncoder(reencoded, encoder);
    for (long i = 0; i < remaining; i++) {
      datum = resolving.read(datum, decoder);
      current.write(datum, encoder);
    }
    encoder.flush();
    block = reencoded.toByteArray();
  }

  @Override
  public NullWritable getCurrentValue() {
    return NullWritable.get();
  }

  @Override
  public float getProgress() throws IOException {
    return end == start
        ? 1f
        : Math.min(1f, (reader.previousSync() - start) / (float) (end - start));
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
