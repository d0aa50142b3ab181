package dev.sheaf.common;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * Reads one record per line from a file split, like Hadoop's LineRecordReader (a split owns the
 * lines that start in it), but never drops a line silently: a line over {@code --max-record-bytes}
 * becomes a {@code RECORD_TOO_LARGE} reject, and blank lines are counted. Compressed files are read
 * whole (their input formats do not split them).
 *
 * <p>Encodings ({@link TextEncoding}): a UTF-8 byte order mark is skipped (it is not part of the
 * first record); a UTF-16 or UTF-32 file (known by its byte order mark) is read whole and decoded
 * as such, its offsets then counting bytes of its UTF-8 form. Every other line is decoded as UTF-8;
 * a line that is not UTF-8 and not mostly UTF-8 either ({@link Utf8Text#mostlyUtf8}: a legacy 8-bit
 * or CJK encoding, not broken UTF-8) is decoded with the charset ICU4J detects in the file's first
 * {@value TextEncoding#SNIFFED_BYTES} bytes (or in the line, when those are UTF-8) and counted as
 * {@link StageCounters#CHARSET_GUESSED}; broken UTF-8 keeps U+FFFD replacements, counted as {@link
 * StageCounters#INVALID_UTF8_REPLACED}.
 */
abstract class LineRecordReaderBase extends ParsedRecordReader {
  private final Text line = new Text();
  private final Utf8Text utf8 = new Utf8Text();
  private LineReader reader;
  private InputStream stream;
  private FSDataInputStream fileStream;
  private long start;
  private long end;
  private long position;
  private int maxRecordBytes;
  private String source;
  private Counter blankLines;
  private Counter guessed;
  private RecordTextDecoder decoder;

  @Override
  public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
    FileSplit split = (FileSplit) genericSplit;
    Configuration conf = context.getConfiguration();
    Path file = split.getPath();
    maxRecordBytes =
        conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
    source = SourceNames.of(conf, file);
    blankLines = context.getCounter(StageCounters.BLANK_LINES_SKIPPED);
    configure(conf);

    fileStream = SourceNames.open(conf, file);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    TextEncoding encoding = TextEncoding.of(fileStream, codec);
    fileStream.seek(0);
    guessed = context.getCounter(StageCounters.CHARSET_GUESSED);
    decoder = new RecordTextDecoder(encoding.guessed());
    if (codec != null || encoding.wholeFile()) {
      stream = encoding.decoded(codec == null ? fileStream : codec.createInputStream(fileStream));
      start = encoding.byteOrderMarkLength();
      end = Long.MAX_VALUE;
    } else {
      start = Math.max(split.getStart(), encoding.byteOrderMarkLength());
      end = split.getStart() + split.getLength();
      fileStream.seek(start);
      stream = fileStream;
    }
    if (encoding.byteOrderMarkLength() > 0 && split.getStart() == 0) {
      context.getCounter(StageCounters.BYTE_ORDER_MARKS_SKIPPED).increment(1);
    }
    reader = new LineReader(stream, conf);
    if (start != 0 && start == split.getStart()) {
      // the line that starts before this split belongs to the previous split
      start += reader.readLine(new Text(), 0, Integer.MAX_VALUE);
    }
    position = start;
  }

  /** Reads the reader's options from the job configuration. */
  protected abstract void configure(Configuration conf);

  /** Turns one non-blank line into a record. */
  protected abstract ParsedRecord parse(
      String line, boolean invalidUtf8, String source, long offset);

  @Override
  public boolean nextKeyValue() throws IOException {
    while (position <= end) {
      long offset = position;
      int consumed = reader.readLine(line, maxRecordBytes + 1, Integer.MAX_VALUE);
      if (consumed == 0) {
        break;
      }
      position += consumed;
      if (line.getLength() > maxRecordBytes) {
        current =
            ParsedRecord.rejected(
                RejectReason.RECORD_TOO_LARGE,
                source,
                offset,
                "line longer than " + maxRecordBytes + " bytes (--max-record-bytes)",
                utf8.decode(
                    line.getBytes(), 0, Math.min(line.getLength(), Utf8Text.EXCERPT_CHARS)));
        return true;
      }
      String text = decoder.decode(line.getBytes(), line.getLength());
      if (decoder.lastWasGuessed()) {
        guessed.increment(1);
      }
      if (text.isBlank()) {
        blankLines.increment(1);
        continue;
      }
      current = parse(text, decoder.lastHadInvalidUtf8(), source, offset);
      return true;
    }
    current = null;
    return false;
  }

  @Override
  public float getProgress() throws IOException {
    if (end == Long.MAX_VALUE || end == start) {
      return current == null ? 1f : 0f;
    }
    return Math.min(1f, (position - start) / (float) (end - start));
  }

  @Override
  public void close() throws IOException {
    // the decoding stream, then the file under it (try-with-resources skips a null one)
    try (Closeable file = fileStream;
        Closeable decoding = stream) {
      // closed on leaving
    }
  }
}
