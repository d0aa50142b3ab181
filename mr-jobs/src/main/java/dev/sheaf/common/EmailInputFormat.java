package dev.sheaf.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * {@code --format email}: a file is one RFC 822 message (maildir, {@code .eml}), id = the file's
 * relative path; a file that starts with {@code "From "} is an mbox, split at its {@code From_}
 * lines (mboxrd {@code >From} unescaped), id = {@code <file>:<byte offset of the From_ line>}.
 * Files are never split. With {@code --label-from-dir} the label is the parent directory's name.
 */
public final class EmailInputFormat extends DocumentInputFormat {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new EmailRecordReader();
  }

  static final class EmailRecordReader extends ParsedRecordReader {
    private static final byte[] FROM_ = {'F', 'r', 'o', 'm', ' '};
    private static final byte[] NEWLINE = {'\n'};

    private final EmailParser parser = new EmailParser();
    private final Text line = new Text();
    private InputStream stream;
    private LineReader lines;
    private boolean mbox;
    private boolean done;
    private int maxRecordBytes;
    private String source;
    private String label;
    private byte[] message = new byte[64 * 1024];
    private int messageLength;
    private boolean messageTooLarge;
    private long position;
    /** Offset of a From_ line already read whose message is the next to return; -1 before the first. */
    private long nextFromLine = -1;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      Path file = ((FileSplit) genericSplit).getPath();
      Configuration conf = context.getConfiguration();
      maxRecordBytes = conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
      source = SourceNames.of(conf, file);
      label = conf.getBoolean(InputOptions.LABEL_FROM_DIR, false) ? SourceNames.directoryLabel(file) : null;
      InputStream in = SourceNames.open(conf, file);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
      if (codec != null) {
        in = codec.createInputStream(in);
      }
      PushbackInputStream pushback = new PushbackInputStream(in, FROM_.length);
      byte[] head = new byte[FROM_.length];
      int headLength = pushback.readNBytes(head, 0, head.length);
      pushback.unread(head, 0, headLength);
      mbox = headLength == FROM_.length && Arrays.equals(head, FROM_);
      stream = pushback;
      lines = new LineReader(stream, conf);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      current = null;
      while (current == null && !done) {
        current = mbox ? nextMboxMessage() : wholeFileMessage();
      }
      return current != null;
    }

    private ParsedRecord wholeFileMessage() throws IOException {
      done = true;
      messageLength = 0;
      messageTooLarge = false;
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = stream.read(buffer)) > 0; ) {
        append(buffer, 0, n);
      }
      if (messageLength == 0 && !messageTooLarge) {
        return ParsedRecord.rejected(RejectReason.EMPTY_TEXT, source, -1, "empty file", "");
      }
      return finishMessage(source, -1);
    }

    private ParsedRecord nextMboxMessage() throws IOException {
      messageLength = 0;
      messageTooLarge = false;
      long offset = nextFromLine;
      while (true) {
        long lineStart = position;
        int consumed = lines.readLine(line, maxRecordBytes + 1, Integer.MAX_VALUE);
        if (consumed == 0) {
          done = true;
          return offset >= 0 ? finishMessage(source + ":" + offset, offset) : null;
        }
        position += consumed;
        if (startsWith(line, FROM_, 0)) {
          if (offset >= 0) {
            nextFromLine = lineStart;
            return finishMessage(source + ":" + offset, offset);
          }
          offset = lineStart;
        } else if (offset >= 0) {
          if (line.getLength() > maxRecordBytes) {
            messageTooLarge = true;
          }
          int from = isEscapedFrom(line) ? 1 : 0;
          append(line.getBytes(), from, line.getLength() - from);
          append(NEWLINE, 0, 1);
        }
      }
    }

    private ParsedRecord finishMessage(String id, long offset) {
      if (messageTooLarge) {
        return ParsedRecord.rejected(RejectReason.RECORD_TOO_LARGE, source, offset,
            "message longer than " + maxRecordBytes + " bytes (--max-record-bytes)",
            new String(message, 0, Math.min(messageLength, Utf8Text.EXCERPT_CHARS), StandardCharsets.UTF_8));
      }
      return parser.parse(message, messageLength, id, label, source, offset);
    }

    private void append(byte[] bytes, int from, int length) {
      if (messageTooLarge) {
        return;
      }
      if ((long) messageLength + length > maxRecordBytes) {
        messageTooLarge = true;
        return;
      }
      if (messageLength + length > message.length) {
        message = Arrays.copyOf(message, Math.max(messageLength + length, message.length * 2));
      }
      System.arraycopy(bytes, from, message, messageLength, length);
      messageLength += length;
    }

    private static boolean startsWith(Text text, byte[] prefix, int at) {
      if (text.getLength() < at + prefix.length) {
        return false;
      }
      byte[] bytes = text.getBytes();
      for (int i = 0; i < prefix.length; i++) {
        if (bytes[at + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    /** mboxrd: a body line {@code >From }, {@code >>From }, ... lost one {@code >} when it was written. */
    private static boolean isEscapedFrom(Text text) {
      byte[] bytes = text.getBytes();
      int i = 0;
      while (i < text.getLength() && bytes[i] == '>') {
        i++;
      }
      return i > 0 && startsWith(text, FROM_, i);
    }

    @Override
    public float getProgress() {
      return done ? 1f : 0f;
    }

    @Override
    public void close() throws IOException {
      if (stream != null) {
        stream.close();
      }
    }
  }
}
