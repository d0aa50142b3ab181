package dev.sheaf.common;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a stream of delimited text (RFC 4180 CSV, or the same with another delimiter) into the bytes
 * of its records, with each record's byte offset, so that one malformed record costs only itself
 * and no record is held in memory beyond {@code maxRecordBytes}.
 *
 * <p>A record ends at CR LF, LF or a lone CR outside a quoted field (not part of the record). A
 * field is quoted when it starts with {@code "}; inside it {@code ""} is a quote and line breaks
 * are data (RFC 4180, section 2, rules 5-7); a {@code "} inside an unquoted field is a character.
 * Text after a quoted field's closing quote (malformed) makes the rest of the field unquoted, so
 * the next line break ends the record and the next record is read cleanly: these are the states of
 * Commons CSV's lexer, which parses each record's fields afterwards. A quote never closed runs to
 * the end of the stream. The bytes must be in an ASCII-compatible encoding (UTF-8, a legacy 8-bit
 * or CJK charset); quote, delimiter, CR and LF are single bytes.
 */
final class CsvRecordSplitter {
  private static final int QUOTE = '"';
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int AFTER_QUOTE = 3;

  private final InputStream in;
  private final int delimiter;
  private final int maxRecordBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferPosition;
  private int bufferLimit;
  private byte[] record = new byte[4096];
  private int length;
  private long recordBytes;
  private long offset;
  private long position;

  /**
   * {@code in} at byte {@code start} of the file; {@code delimiter} an ASCII character; records
   * longer than {@code maxRecordBytes} keep only their first {@code maxRecordBytes} bytes.
   */
  CsvRecordSplitter(InputStream in, char delimiter, int maxRecordBytes, long start) {
    this.in = in;
    this.delimiter = delimiter;
    this.maxRecordBytes = maxRecordBytes;
    this.position = start;
  }

  /** Reads the next record; false at the end of the stream. */
  boolean next() throws IOException {
    offset = position;
    length = 0;
    recordBytes = 0;
    int state = FIELD_START;
    for (int b; (b = read()) >= 0; ) {
      position++;
      if (state != QUOTED && (b == '\n' || b == '\r')) {
        if (b == '\r' && peek() == '\n') {
          read();
          position++;
        }
        return true;
      }
      if (length < maxRecordBytes) {
        if (length == record.length) {
          record =
              java.util.Arrays.copyOf(
                  record, (int) Math.min((long) record.length * 2, maxRecordBytes));
        }
        record[length++] = (byte) b;
      }
      recordBytes++;
      state =
          switch (state) {
            case FIELD_START -> b == QUOTE ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
            case QUOTED -> b == QUOTE ? AFTER_QUOTE : QUOTED;
            case AFTER_QUOTE -> b == QUOTE ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
            default -> b == delimiter ? FIELD_START : UNQUOTED;
          };
    }
    return position > offset;
  }

  /** The record's bytes (at most {@code maxRecordBytes} of them), without its line break. */
  byte[] bytes() {
    return record;
  }

  /** How many of {@link #bytes()} hold the record. */
  int length() {
    return length;
  }

  /** Whether the record is longer than {@code maxRecordBytes} (then only its head is kept). */
  boolean tooLarge() {
    return recordBytes > maxRecordBytes;
  }

  /** The record's length in bytes, without its line break. */
  long recordBytes() {
    return recordBytes;
  }

  /** Byte offset of the record's first byte in the file. */
  long offset() {
    return offset;
  }

  private int read() throws IOException {
    if (bufferPosition == bufferLimit && !fill()) {
      return -1;
    }
    return buffer[bufferPosition++] & 0xFF;
  }

  private int peek() throws IOException {
    if (bufferPosition == bufferLimit && !fill()) {
      return -1;
    }
    return buffer[bufferPosition] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    bufferPosition = 0;
    bufferLimit = Math.max(n, 0);
    return n > 0;
  }
}
