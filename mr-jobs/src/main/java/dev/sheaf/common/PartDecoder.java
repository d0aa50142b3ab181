package dev.sheaf.common;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns the body of one MIME text part, as it stands in the message, into text, decoding each byte
 * once: first the RFC 2045 transfer encoding, then the charset.
 *
 * <ul>
 *   <li>A byte order mark overrides the declared charset and is dropped (WHATWG Encoding,
 *       "decode").
 *   <li>Else the declared charset, read with {@link CharsetLabels#forLabelOrJavaName}.
 *   <li>Else (none declared, or one with no decoder: {@link DecodeCounters#PARTS_CHARSET_UNKNOWN})
 *       ASCII and valid UTF-8 are UTF-8; other bytes are decoded with the charset ICU4J's {@link
 *       CharsetDetector} guesses from at most 32 KiB of them, starting shortly before the first
 *       byte above 0x7F (HTML tags left out for text/html), read with {@link
 *       CharsetLabels#forLabelOrJavaName}; windows-1252 when it has no guess ({@link
 *       DecodeCounters#PARTS_CHARSET_GUESSED}).
 * </ul>
 *
 * Bytes not valid in the charset become U+FFFD ({@link DecodeCounters#PARTS_INVALID_BYTES}).
 *
 * <p>When the message was already characters (see {@link EmailParser#parseText}) its bytes here are
 * that text encoded as UTF-8: a 7bit, 8bit or binary part (or one with no or an unknown transfer
 * encoding) is that UTF-8 as it is, less a leading U+FEFF, while base64 and quoted-printable parts
 * carry bytes in the declared charset, decoded as above. Characters outside ASCII inside a
 * quoted-printable part (which RFC 2045 does not allow) are kept as characters; only its {@code
 * =XX} bytes are decoded. One instance per parser; not thread-safe.
 */
final class PartDecoder {
  /** At most this many bytes go to the charset detector. */
  private static final int DETECT_SAMPLE = 32 * 1024;

  /** The sample starts this many bytes before the first byte above 0x7F. */
  private static final int DETECT_LEAD = 1024;

  private static final Charset FALLBACK = CharsetLabels.forLabel("windows-1252");
  private final long[] counts;
  private final TextDecoder decoder = new TextDecoder();
  private final CharsetDetector detector = new CharsetDetector();
  private byte[] decoded = new byte[8192];
  private boolean[] literal = new boolean[0];

  /** Counts go to {@code counts}, indexed by {@link DecodeCounters} ordinal. */
  PartDecoder(long[] counts) {
    this.counts = counts;
  }

  /**
   * The text of a part whose body is {@code raw[0, length)} as it stands in the message. {@code
   * transferEncoding} is its Content-Transfer-Encoding (null: none), {@code charset} its declared
   * charset parameter (null: none), {@code html} whether it is text/html (the detector then skips
   * tags), {@code characters} whether {@code raw} is text already decoded, encoded as UTF-8 by
   * {@link EmailParser#parseText}.
   */
  String decode(
      byte[] raw,
      int length,
      String transferEncoding,
      String charset,
      boolean html,
      boolean characters) {
    String encoding =
        transferEncoding == null ? "" : transferEncoding.strip().toLowerCase(Locale.ROOT);
    if (encoding.equals("base64")) {
      int n = base64(raw, length);
      return decodeBytes(decoded, n, charset, html);
    }
    if (encoding.equals("quoted-printable")) {
      if (characters && TextDecoder.firstNonAscii(raw, 0, length) >= 0) {
        return mixedQuotedPrintable(raw, length, charset, html);
      }
      int n = quotedPrintable(raw, length, false);
      return decodeBytes(decoded, n, charset, html);
    }
    if (characters) {
      int bom = StandardCharsets.UTF_8.equals(TextEncoding.byteOrderMark(raw, length)) ? 3 : 0;
      return new String(raw, bom, length - bom, StandardCharsets.UTF_8);
    }
    return decodeBytes(raw, length, charset, html);
  }

  private String decodeBytes(byte[] bytes, int length, String label, boolean html) {
    Charset charset = TextEncoding.byteOrderMark(bytes, length);
    int start = 0;
    if (charset != null) {
      start = TextEncoding.byteOrderMarkLength(charset);
    } else {
      charset = charset(bytes, length, label, html);
    }
    String text = decoder.decode(bytes, start, length - start, charset);
    if (decoder.replaced()) {
      counts[DecodeCounters.PARTS_INVALID_BYTES.ordinal()]++;
    }
    return text;
  }

  /** The charset to decode {@code bytes[0, length)} with, per the rules in the class comment. */
  private Charset charset(byte[] bytes, int length, String label, boolean html) {
    if (label != null && !label.isBlank()) {
      Charset declared = CharsetLabels.forLabelOrJavaName(label);
      if (declared != null) {
        return declared;
      }
      counts[DecodeCounters.PARTS_CHARSET_UNKNOWN.ordinal()]++;
    }
    int first = TextDecoder.firstNonAscii(bytes, 0, length);
    if (first < 0 || TextDecoder.isUtf8(bytes, first, length - first)) {
      return StandardCharsets.UTF_8;
    }
    counts[DecodeCounters.PARTS_CHARSET_GUESSED.ordinal()]++;
    int from = Math.max(0, first - DETECT_LEAD);
    detector.enableInputFilter(html);
    detector.setText(Arrays.copyOfRange(bytes, from, Math.min(length, from + DETECT_SAMPLE)));
    CharsetMatch match = detector.detect();
    Charset guessed = match == null ? null : CharsetLabels.forLabelOrJavaName(match.getName());
    return guessed == null ? FALLBACK : guessed;
  }

  /**
   * Quoted-printable text with literal characters: {@code =XX} runs in the charset, the rest as
   * written.
   */
  private String mixedQuotedPrintable(byte[] raw, int length, String label, boolean html) {
    int n = quotedPrintable(raw, length, true);
    Charset charset = charset(decoded, n, label, html);
    StringBuilder text = new StringBuilder(n);
    boolean invalid = false;
    for (int start = 0; start < n; ) {
      int end = start;
      boolean kept = literal[start];
      while (end < n && literal[end] == kept) {
        end++;
      }
      text.append(
          decoder.decode(decoded, start, end - start, kept ? StandardCharsets.UTF_8 : charset));
      invalid |= !kept && decoder.replaced();
      start = end;
    }
    if (invalid) {
      counts[DecodeCounters.PARTS_INVALID_BYTES.ordinal()]++;
    }
    return text.toString();
  }

  /**
   * RFC 2045 section 6.8, leniently: characters outside the alphabet (line breaks, padding, junk)
   * are skipped; a last group of 2 or 3 characters gives 1 or 2 bytes. Into {@link #decoded};
   * returns the byte count.
   */
  private int base64(byte[] raw, int length) {
    ensure(length);
    int n = 0;
    int bits = 0;
    int count = 0;
    for (int i = 0; i < length; i++) {
      int value = Rfc2045.base64(raw[i] & 0xFF);
      if (value < 0) {
        continue;
      }
      bits = bits << 6 | value;
      if (++count == 4) {
        decoded[n++] = (byte) (bits >> 16);
        decoded[n++] = (byte) (bits >> 8);
        decoded[n++] = (byte) bits;
        bits = 0;
        count = 0;
      }
    }
    if (count == 2) {
      decoded[n++] = (byte) (bits >> 4);
    } else if (count == 3) {
      decoded[n++] = (byte) (bits >> 10);
      decoded[n++] = (byte) (bits >> 2);
    }
    return n;
  }

  /**
   * RFC 2045 section 6.7, leniently: {@code =XX} (either case) is a byte, {@code =} before a line
   * break a soft break, white space before a line break dropped, any other {@code =} kept. Into
   * {@link #decoded}; returns the byte count. With {@code markLiteral}, {@link #literal} says which
   * bytes are bytes above 0x7F copied as they were rather than decoded from {@code =XX}.
   */
  private int quotedPrintable(byte[] raw, int length, boolean markLiteral) {
    ensure(length);
    if (markLiteral && literal.length < decoded.length) {
      literal = new boolean[decoded.length];
    }
    int n = 0;
    int i = 0;
    while (i < length) {
      byte b = raw[i];
      if (b == '=') {
        int high = i + 2 < length ? Rfc2045.hex(raw[i + 1]) : -1;
        int low = high >= 0 ? Rfc2045.hex(raw[i + 2]) : -1;
        if (low >= 0) {
          if (markLiteral) {
            literal[n] = false;
          }
          decoded[n++] = (byte) (high << 4 | low);
          i += 3;
          continue;
        }
        int j = skipBlanks(raw, i + 1, length);
        if (j == length || raw[j] == '\n' || raw[j] == '\r') {
          i =
              j == length
                  ? j
                  : raw[j] == '\r' && j + 1 < length && raw[j + 1] == '\n' ? j + 2 : j + 1;
          continue;
        }
      } else if (b == ' ' || b == '\t') {
        int j = skipBlanks(raw, i, length);
        if (j == length || raw[j] == '\n' || raw[j] == '\r') {
          i = j;
          continue;
        }
      }
      if (markLiteral) {
        literal[n] = b < 0;
      }
      decoded[n++] = b;
      i++;
    }
    return n;
  }

  private void ensure(int length) {
    if (decoded.length < length) {
      decoded = new byte[Math.max(length, decoded.length * 2)];
    }
  }

  private static int skipBlanks(byte[] raw, int from, int length) {
    int j = from;
    while (j < length && (raw[j] == ' ' || raw[j] == '\t')) {
      j++;
    }
    return j;
  }
}
