package dev.sheaf.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
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
 * relative path; a file that starts with {@code "From "} is an mbox, id of each message = {@code
 * <file>:<byte offset of its From_ line>}. Files are never split. With {@code --label-from-dir} the
 * label is the parent directory's name. Messages are parsed by {@link EmailParser}; what it had to
 * guess or repair goes to the {@link DecodeCounters} counters.
 *
 * <p>An mbox (mboxo or mboxrd: RFC 4155 appendix A, and the qmail mbox(5) man page) is split at its
 * {@code From_} lines. The file's first line opens the first message, whatever follows its {@code
 * "From "}. After that, a line is a {@code From_} line only when
 *
 * <ol>
 *   <li>the line before it is empty (CRLF, LF and CR all end lines), and
 *   <li>it is {@code From <sender> <date>}: {@code "From "} at the line's start (exactly so), then
 *       optionally the envelope sender (a run of non-white-space characters: an address, {@code
 *       MAILER-DAEMON}, {@code -}), then an asctime date {@code Www Mmm d hh:mm[:ss] yyyy} (English
 *       day and month abbreviations in any case, a day of 1 or 2 digits, a year of 4), the parts
 *       separated by one or more spaces (so {@code "Mar 3"} matches); up to two time zones may
 *       stand before the year and up to two after it (a numeric offset such as {@code +0000}, or 2
 *       to 5 upper-case letters with an optional offset: {@code UTC}, {@code GMT+1}); then
 *       optionally {@code remote from <host>}, trailing spaces, and nothing else. Lines longer than
 *       1000 bytes are never {@code From_} lines.
 * </ol>
 *
 * Any other line, a body line such as {@code "From memory, ..."} included, belongs to the message.
 * The empty line before a {@code From_} line is the separator's, not the message's. In a body line
 * {@code >From }, {@code >>From }, ... one {@code >} is removed (the mboxrd unescape; an mboxo
 * writer, which does not escape, leaves such lines ambiguous). A body line that a writer did not
 * escape and that reads like a {@code From_} line after an empty line is taken for one: the format
 * cannot tell them apart.
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
    private static final DecodeCounters[] DECODE_COUNTERS = DecodeCounters.values();

    /** A From_ line is never longer than this; longer lines are not tested. */
    private static final int MAX_FROM_LINE = 1000;

    /** Up to two time zones: a numeric offset, or an upper-case name (UTC, CEST, GMT+1). */
    private static final String ZONE =
        "(?: +(?:[+-]\\d{4}|(?-i:[A-Z]{2,5})(?:[+-]\\d{1,4})?)){0,2}";

    /** RFC 4155's From_ line: "From ", the sender, an asctime date; see the class comment. */
    static final Pattern FROM_LINE =
        Pattern.compile(
            "From +(?:\\S+ +)??"
                + "(?:mon|tue|wed|thu|fri|sat|sun) +(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) +\\d{1,2}"
                + " +\\d{1,2}:\\d{2}(?::\\d{2})?"
                + ZONE
                + " +\\d{4}"
                + ZONE
                + "(?: +remote from +\\S+)? *",
            Pattern.CASE_INSENSITIVE);

    private final EmailParser parser = new EmailParser();
    // the full name: FileInputFormat.Counter, inherited, shadows the simple one
    private final org.apache.hadoop.mapreduce.Counter[] decodeCounters =
        new org.apache.hadoop.mapreduce.Counter[DecodeCounters.values().length];
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

    /**
     * Offset of a From_ line already read whose message is the next to return; -1 before the first.
     */
    private long nextFromLine = -1;

    /** Whether the line before the one being read was empty. */
    private boolean afterBlank;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      Path file = ((FileSplit) genericSplit).getPath();
      Configuration conf = context.getConfiguration();
      maxRecordBytes =
          conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
      source = SourceNames.of(conf, file);
      for (DecodeCounters counter : DECODE_COUNTERS) {
        decodeCounters[counter.ordinal()] = context.getCounter(counter);
      }
      label =
          conf.getBoolean(InputOptions.LABEL_FROM_DIR, false)
              ? SourceNames.directoryLabel(file)
              : null;
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
      // the message's length before the empty line just read; -1 when the last line was not empty
      int lengthBeforeBlank = -1;
      while (true) {
        long lineStart = position;
        int consumed = lines.readLine(line, maxRecordBytes + 1, Integer.MAX_VALUE);
        if (consumed == 0) {
          done = true;
          return offset >= 0 ? finishMessage(source + ":" + offset, offset) : null;
        }
        position += consumed;
        boolean separator =
            offset < 0 ? startsWith(line, FROM_, 0) : afterBlank && isFromLine(line);
        if (!separator && offset >= 0 && !afterBlank && isFromLine(line)) {
          decodeCounters[DecodeCounters.MBOX_FROM_LINES_IN_BODY.ordinal()].increment(1);
        }
        afterBlank = line.getLength() == 0;
        if (separator) {
          if (offset >= 0) {
            nextFromLine = lineStart;
            if (lengthBeforeBlank >= 0) {
              messageLength = lengthBeforeBlank;
            }
            return finishMessage(source + ":" + offset, offset);
          }
          offset = lineStart;
        } else if (offset >= 0) {
          lengthBeforeBlank = afterBlank ? messageLength : -1;
          if (line.getLength() > maxRecordBytes) {
            messageTooLarge = true;
          }
          int from = isEscapedFrom(line) ? 1 : 0;
          append(line.getBytes(), from, line.getLength() - from);
          append(NEWLINE, 0, 1);
        }
      }
    }

    /**
     * Whether {@code text} is a From_ line: {@link #FROM_LINE}, on lines that start with "From "
     * only.
     */
    static boolean isFromLine(Text text) {
      return startsWith(text, FROM_, 0)
          && text.getLength() <= MAX_FROM_LINE
          && FROM_LINE
              .matcher(
                  new String(text.getBytes(), 0, text.getLength(), StandardCharsets.ISO_8859_1))
              .matches();
    }

    private ParsedRecord finishMessage(String id, long offset) {
      if (messageTooLarge) {
        return ParsedRecord.rejected(
            RejectReason.RECORD_TOO_LARGE,
            source,
            offset,
            "message longer than " + maxRecordBytes + " bytes (--max-record-bytes)",
            new String(
                message,
                0,
                Math.min(messageLength, Utf8Text.EXCERPT_CHARS),
                StandardCharsets.UTF_8));
      }
      ParsedRecord record = parser.parse(message, messageLength, id, label, source, offset);
      for (DecodeCounters counter : DECODE_COUNTERS) {
        long n = parser.count(counter);
        if (n > 0) {
          decodeCounters[counter.ordinal()].increment(n);
        }
      }
      return record;
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

    /**
     * mboxrd: a body line {@code >From }, {@code >>From }, ... lost one {@code >} when it was
     * written.
     */
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
