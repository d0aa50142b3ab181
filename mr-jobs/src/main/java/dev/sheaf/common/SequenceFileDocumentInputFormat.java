package dev.sheaf.common;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * {@code --format sequencefile}: Hadoop SequenceFiles (uncompressed, record- or block-compressed)
 * whose values are {@link Text} or {@link BytesWritable} holding a document's text, as Mahout's
 * {@code seqdirectory} writes them (key: the file's name, value: its text). The key is the id:
 * {@code Text}'s string, or any other {@link Writable}'s {@code toString()}; an empty or {@link
 * NullWritable} key gives {@code <file>:<position>} (the reader's byte position before the record).
 * No label. The value's bytes are decoded as the line formats decode a line ({@link
 * RecordTextDecoder}: UTF-8, broken sequences kept as U+FFFD and counted, a legacy charset detected
 * when the bytes are not mostly UTF-8).
 *
 * <p>Split as Hadoop's {@code SequenceFileInputFormat} splits: at least {@link
 * SequenceFile#SYNC_INTERVAL} bytes a split, each reading the records after the first sync marker
 * at or after its start, up to the first sync marker after its end.
 *
 * <p>Rejects: {@link RejectReason#EMPTY_TEXT}, {@link RejectReason#RECORD_TOO_LARGE} (a value over
 * {@code --max-record-bytes}). A file that breaks (0 bytes, truncated, a corrupt compressed block)
 * is an {@link RejectReason#UNREADABLE_FILE} reject after its records before the break, as for
 * every format. A file whose value class is neither Text nor BytesWritable, or that is no
 * SequenceFile at all, is the wrong input for this format, as a file that is no Avro file is for
 * {@code --format avro}: the stage fails in one line naming the file and the class.
 */
public final class SequenceFileDocumentInputFormat extends DocumentInputFormat {
  @Override
  protected long getFormatMinSplitSize() {
    return SequenceFile.SYNC_INTERVAL;
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new SequenceFileDocumentReader();
  }

  private static final class SequenceFileDocumentReader extends ParsedRecordReader {
    private final RecordTextDecoder decoder = new RecordTextDecoder(null);
    private SequenceFile.Reader in;
    private Writable key;
    private Writable value;
    private long start;
    private long end;
    private long fileLength;
    private boolean more;
    private String source;
    private int maxRecordBytes;
    // named in full: FileInputFormat.Counter (an enum) shadows the name in this nested class
    // the full name: FileInputFormat.Counter, inherited, shadows the simple one
    private org.apache.hadoop.mapreduce.Counter guessed;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      FileSplit split = (FileSplit) genericSplit;
      Configuration conf = context.getConfiguration();
      Path file = split.getPath();
      source = SourceNames.of(conf, file);
      maxRecordBytes =
          conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
      guessed = context.getCounter(StageCounters.CHARSET_GUESSED);
      try {
        in = new SequenceFile.Reader(conf, SequenceFile.Reader.file(file));
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).endsWith("not a SequenceFile")) {
          // the wrong input, not a broken file: thrown without its cause, so it fails the stage
          throw new IOException(source + " is not a SequenceFile: check --format");
        }
        throw e;
      }
      Class<?> valueClass = in.getValueClass();
      if (valueClass != Text.class && valueClass != BytesWritable.class) {
        throw new IOException(
            source
                + " holds "
                + valueClass.getName()
                + " values; --format sequencefile reads Text or BytesWritable values");
      }
      key = (Writable) ReflectionUtils.newInstance(in.getKeyClass(), conf);
      value = (Writable) ReflectionUtils.newInstance(valueClass, conf);
      fileLength = file.getFileSystem(conf).getFileStatus(file).getLen();
      end = split.getStart() + split.getLength();
      if (split.getStart() > in.getPosition()) {
        in.sync(split.getStart());
      }
      start = in.getPosition();
      more = start < end;
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      current = null;
      if (!more) {
        return false;
      }
      long position = in.getPosition();
      boolean read;
      try {
        read = in.next(key, value);
      } catch (EOFException e) {
        // at the file's end: the file was cut inside a record; before it, the file system failed
        // to deliver (a premature end of a block transfer), which a task retry may cure
        if (in.getPosition() >= fileLength) {
          throw new BrokenDataException("the file ends inside the record at byte " + position, e);
        }
        throw e;
      }
      // a record starting after the split's end belongs to the next split once a sync marker is
      // passed
      more = read && !(position >= end && in.syncSeen());
      if (!more) {
        return false;
      }
      current = toRecord(position);
      return true;
    }

    private ParsedRecord toRecord(long position) {
      byte[] bytes =
          value instanceof Text text ? text.getBytes() : ((BytesWritable) value).getBytes();
      int length =
          value instanceof Text text ? text.getLength() : ((BytesWritable) value).getLength();
      if (length > maxRecordBytes) {
        return ParsedRecord.rejected(
            RejectReason.RECORD_TOO_LARGE,
            source,
            position,
            "value of " + length + " bytes, longer than --max-record-bytes",
            decoder.decode(bytes, Math.min(length, Utf8Text.EXCERPT_CHARS)));
      }
      String text = decoder.decode(bytes, length);
      if (decoder.lastWasGuessed()) {
        guessed.increment(1);
      }
      String id = key instanceof NullWritable ? "" : key.toString();
      if (id.isEmpty()) {
        id = source + ":" + position;
      }
      if (text.isBlank()) {
        return ParsedRecord.rejected(
            RejectReason.EMPTY_TEXT,
            source,
            position,
            "the value of key '" + id + "' is empty",
            text);
      }
      return ParsedRecord.document(id, text, null, source, Map.of(), decoder.lastHadInvalidUtf8());
    }

    @Override
    public float getProgress() throws IOException {
      if (end == start) {
        return 0f;
      }
      return Math.min(1f, (in.getPosition() - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }
}
