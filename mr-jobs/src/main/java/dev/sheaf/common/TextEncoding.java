package dev.sheaf.common;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.commons.io.input.ReaderInputStream;
import org.apache.hadoop.io.compress.CompressionCodec;

/**
 * The encoding of a line-based input file, from its first bytes (decompressed when compressed):
 *
 * <ul>
 *   <li>a byte order mark: UTF-8 ({@code EF BB BF}, skipped), UTF-32BE/LE ({@code 00 00 FE FF},
 *       {@code FF FE 00 00}) or UTF-16BE/LE ({@code FE FF}, {@code FF FE}), checked in that order
 *       (the Unicode Standard, section 23.8; what the WHATWG Encoding Standard's "BOM sniff" does
 *       for UTF-8 and UTF-16);
 *   <li>no mark and the first {@value #SNIFFED_BYTES} bytes valid UTF-8 (ASCII included): UTF-8;
 *   <li>otherwise the charset ICU4J's {@link CharsetDetector} finds most likely for those bytes
 *       (byte-pattern and n-gram statistics for the legacy single- and multi-byte charsets), as
 *       browsers decode labels (see {@link CharsetLabels}): a guess, which the line readers use for
 *       lines that are not UTF-8, and count.
 * </ul>
 *
 * UTF-16 and UTF-32 files are not split (lines cannot be found by a newline byte in them).
 */
public final class TextEncoding {
  /** How much of a file's head the detection reads. */
  public static final int SNIFFED_BYTES = 64 * 1024;

  private static final TextEncoding UTF8 = new TextEncoding(0, null, null);

  private final int byteOrderMarkLength;

  /** The charset a UTF-16/32 file is decoded with; null otherwise. */
  private final Charset wide;

  /** The detected charset of a file that is not UTF-8; null otherwise. */
  private final Charset guessed;

  private TextEncoding(int byteOrderMarkLength, Charset wide, Charset guessed) {
    this.byteOrderMarkLength = byteOrderMarkLength;
    this.wide = wide;
    this.guessed = guessed;
  }

  /**
   * Reads the head of {@code file} (through {@code codec} when not null) and says its encoding; the
   * caller repositions the stream.
   *
   * @throws IOException when the head cannot be read or decompressed
   */
  public static TextEncoding of(InputStream file, CompressionCodec codec) throws IOException {
    byte[] head = new byte[SNIFFED_BYTES];
    int length = 0;
    // closing the decompressing stream returns its decompressor to Hadoop's pool; the file stays
    // open
    try (InputStream in =
        codec == null ? null : codec.createInputStream(new CloseShieldInputStream(file))) {
      InputStream from = in == null ? file : in;
      for (int n;
          length < head.length && (n = from.read(head, length, head.length - length)) > 0; ) {
        length += n;
      }
    } catch (IOException e) {
      if (length == 0) {
        throw e;
      }
      // a file that breaks within its head: judged by what could be read; the reader meets the
      // break later
    }
    return of(head, length);
  }

  /** The encoding of a file whose first bytes are {@code head[0, length)}. */
  public static TextEncoding of(byte[] head, int length) {
    Charset marked = byteOrderMark(head, length);
    if (marked != null) {
      return new TextEncoding(
          byteOrderMarkLength(marked), marked.equals(StandardCharsets.UTF_8) ? null : marked, null);
    }
    if (isUtf8(head, length)) {
      return UTF8;
    }
    CharsetDetector detector = new CharsetDetector();
    detector.setText(length == head.length ? head : java.util.Arrays.copyOf(head, length));
    CharsetMatch match = detector.detect();
    Charset charset = match == null ? null : CharsetLabels.forLabelOrJavaName(match.getName());
    if (charset == null
        || charset.equals(StandardCharsets.UTF_8)
        || charset.name().startsWith("UTF-16")
        || charset.name().startsWith("UTF-32")) {
      return UTF8;
    }
    return new TextEncoding(0, null, charset);
  }

  /**
   * The charset the byte order mark at the start of {@code bytes[0, length)} names (UTF-8,
   * UTF-32BE/LE, UTF-16BE/LE, checked in that order), or null without one.
   */
  public static Charset byteOrderMark(byte[] bytes, int length) {
    if (startsWith(bytes, length, 0xEF, 0xBB, 0xBF)) {
      return StandardCharsets.UTF_8;
    }
    if (startsWith(bytes, length, 0x00, 0x00, 0xFE, 0xFF)) {
      return Charset.forName("UTF-32BE");
    }
    if (startsWith(bytes, length, 0xFF, 0xFE, 0x00, 0x00)) {
      return Charset.forName("UTF-32LE");
    }
    if (startsWith(bytes, length, 0xFE, 0xFF)) {
      return StandardCharsets.UTF_16BE;
    }
    return startsWith(bytes, length, 0xFF, 0xFE) ? StandardCharsets.UTF_16LE : null;
  }

  /** The bytes of {@code charset}'s byte order mark (one of those {@link #byteOrderMark} names). */
  public static int byteOrderMarkLength(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8) ? 3 : charset.name().startsWith("UTF-32") ? 4 : 2;
  }

  /** Bytes of the byte order mark at the file's start (0 without one). */
  public int byteOrderMarkLength() {
    return byteOrderMarkLength;
  }

  /** Whether the file must be read whole (UTF-16 or UTF-32). */
  public boolean wholeFile() {
    return wide != null;
  }

  /**
   * The detected charset of bytes that are not UTF-8 and have no byte order mark; null otherwise.
   */
  public Charset guessed() {
    return guessed;
  }

  /**
   * {@code in}, positioned at the file's start, past the byte order mark, as UTF-8 bytes (a
   * UTF-16/32 file converted).
   */
  public InputStream decoded(InputStream in) throws IOException {
    in.skipNBytes(byteOrderMarkLength);
    return wide == null
        ? in
        : new ReaderInputStream(new InputStreamReader(in, wide), StandardCharsets.UTF_8);
  }

  /**
   * Whether the bytes are UTF-8; a sequence cut by the end of the head does not count against it.
   */
  private static boolean isUtf8(byte[] head, int length) {
    int end = length;
    int back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
      back++;
    }
    if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
      end = end - back - 1;
    }
    return TextDecoder.isUtf8(head, 0, end);
  }

  private static boolean startsWith(byte[] bytes, int length, int... prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
