package dev.sheaf.common;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the RFC 2047 encoded words ({@code =?charset?B?base64?=}, {@code =?charset?Q?text?=}) of
 * an unfolded header field body, leniently, as mail readers do:
 *
 * <ul>
 *   <li>a word is recognised wherever it stands (RFC 2047 section 5 allows fewer places); its
 *       charset may carry an RFC 2231 language ({@code utf-8*fr}) and may be empty; the encoding is
 *       B or Q in either case; the encoded text runs to the first {@code ?}, which must open {@code
 *       ?=};
 *   <li>white space between two encoded words is dropped (RFC 2047 section 6.2), and the bytes of
 *       adjacent words in the same charset are decoded together, so a character split between two
 *       words survives;
 *   <li>the charset label is read with {@link CharsetLabels#forLabelOrJavaName} (WHATWG labels); an
 *       empty or unknown one falls back to UTF-8 when the bytes are valid UTF-8, else to
 *       windows-1252 ({@link DecodeCounters#ENCODED_WORDS_CHARSET_FALLBACK});
 *   <li>base64 with wrong padding, or a Q {@code =} not followed by two hex digits, is decoded
 *       anyway ({@link DecodeCounters#ENCODED_WORDS_REPAIRED}); base64 text with a character
 *       outside the alphabet, and a repaired word whose bytes are not valid in its charset, are
 *       kept as written ({@link DecodeCounters#ENCODED_WORDS_LEFT_RAW}); bytes not valid in a known
 *       charset become U+FFFD ({@link DecodeCounters#ENCODED_WORDS_INVALID_BYTES}).
 * </ul>
 *
 * Counts are added per word. Not thread-safe: one instance per parser (it reuses a byte buffer).
 */
public final class EncodedWords {
  private static final Charset FALLBACK = CharsetLabels.forLabel("windows-1252");

  /** Longer charset labels are not taken for one (RFC 2047 words are at most 75 characters). */
  private static final int MAX_CHARSET_LENGTH = 64;

  private enum Status {
    OK,
    REPAIRED,
    INVALID
  }

  private final TextDecoder decoder = new TextDecoder();

  /** The bytes of the pending run of adjacent words. */
  private byte[] bytes = new byte[256];

  private int length;

  /** The bytes of the word being read. */
  private byte[] wordBytes = new byte[128];

  private int wordLength;

  /** The pending run of adjacent words: its charset label, raw span, word counts. */
  private String runCharset;

  private int runStart;
  private int runEnd;
  private int runWords;
  private int runRepaired;

  /**
   * {@code text} with its encoded words decoded, per the rules above; {@code text} itself when it
   * holds none. {@code counts}, indexed by {@link DecodeCounters} ordinal, gets what was repaired
   * or left; it may be null.
   */
  public String decode(String text, long[] counts) {
    int word = text.indexOf("=?");
    if (word < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    runCharset = null;
    int copied = 0;
    for (; word >= 0; word = text.indexOf("=?", word + 2)) {
      int charsetEnd = text.indexOf('?', word + 2);
      if (charsetEnd < 0
          || charsetEnd + 2 >= text.length()
          || text.charAt(charsetEnd + 2) != '?'
          || charsetEnd - word - 2 > MAX_CHARSET_LENGTH
          || hasWhitespace(text, word + 2, charsetEnd)) {
        continue;
      }
      char encoding = Character.toUpperCase(text.charAt(charsetEnd + 1));
      int textStart = charsetEnd + 3;
      int textEnd = text.indexOf('?', textStart);
      if ((encoding != 'B' && encoding != 'Q')
          || textEnd < 0
          || textEnd + 1 >= text.length()
          || text.charAt(textEnd + 1) != '=') {
        continue;
      }
      int wordEnd = textEnd + 2;
      String charset = text.substring(word + 2, charsetEnd);
      wordLength = 0;
      Status status =
          encoding == 'B' ? base64(text, textStart, textEnd) : q(text, textStart, textEnd);
      if (status == Status.INVALID) {
        flush(text, out, counts);
        out.append(text, copied, wordEnd);
        add(counts, DecodeCounters.ENCODED_WORDS_LEFT_RAW, 1);
      } else {
        boolean adjacent = runCharset != null && isWhitespace(text, runEnd, word);
        if (!adjacent || !runCharset.equalsIgnoreCase(charset)) {
          flush(text, out, counts);
          if (!adjacent) {
            out.append(text, copied, word);
          }
          runCharset = charset;
          runStart = word;
          runWords = 0;
          runRepaired = 0;
        }
        if (length + wordLength > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + wordLength));
        }
        System.arraycopy(wordBytes, 0, bytes, length, wordLength);
        length += wordLength;
        runEnd = wordEnd;
        runWords++;
        if (status == Status.REPAIRED) {
          runRepaired++;
        }
      }
      copied = wordEnd;
      word = wordEnd - 2;
    }
    if (copied == 0) {
      return text;
    }
    flush(text, out, counts);
    return out.append(text, copied, text.length()).toString();
  }

  /** Decodes the pending run of words into {@code out} and empties it. */
  private void flush(String text, StringBuilder out, long[] counts) {
    if (runCharset == null) {
      return;
    }
    int at = runCharset.indexOf('*');
    Charset charset =
        CharsetLabels.forLabelOrJavaName(at >= 0 ? runCharset.substring(0, at) : runCharset);
    if (charset == null) {
      charset = TextDecoder.isUtf8(bytes, 0, length) ? StandardCharsets.UTF_8 : FALLBACK;
      add(counts, DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK, runWords);
    }
    String decoded = decoder.decode(bytes, 0, length, charset);
    if (decoder.replaced() && runRepaired > 0) {
      out.append(text, runStart, runEnd);
      add(counts, DecodeCounters.ENCODED_WORDS_LEFT_RAW, runWords);
    } else {
      out.append(decoded);
      add(counts, DecodeCounters.ENCODED_WORDS_REPAIRED, runRepaired);
      if (decoder.replaced()) {
        add(counts, DecodeCounters.ENCODED_WORDS_INVALID_BYTES, runWords);
      }
    }
    runCharset = null;
    length = 0;
  }

  /** RFC 2047 section 4.1: base64 of RFC 2045; padding and stray {@code =} repaired. */
  private Status base64(String text, int from, int to) {
    int bits = 0;
    int count = 0;
    int padding = 0;
    boolean repaired = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '=') {
        padding++;
        continue;
      }
      int value = Rfc2045.base64(c);
      if (value < 0) {
        return Status.INVALID;
      }
      if (padding > 0) {
        repaired = true;
        padding = 0;
      }
      bits = bits << 6 | value;
      if (++count % 4 == 0) {
        put((byte) (bits >> 16));
        put((byte) (bits >> 8));
        put((byte) bits);
        bits = 0;
      }
    }
    int rest = count % 4;
    if (rest == 2) {
      put((byte) (bits >> 4));
    } else if (rest == 3) {
      put((byte) (bits >> 10));
      put((byte) (bits >> 2));
    }
    int expected = rest == 0 ? 0 : 4 - rest;
    return repaired || rest == 1 || padding != expected ? Status.REPAIRED : Status.OK;
  }

  /** RFC 2047 section 4.2: {@code _} is a space, {@code =XX} a byte; a stray {@code =} kept. */
  private Status q(String text, int from, int to) {
    boolean repaired = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '_') {
        put((byte) ' ');
      } else if (c == '='
          && i + 2 < to
          && Rfc2045.hex(text.charAt(i + 1)) >= 0
          && Rfc2045.hex(text.charAt(i + 2)) >= 0) {
        put((byte) (Rfc2045.hex(text.charAt(i + 1)) << 4 | Rfc2045.hex(text.charAt(i + 2))));
        i += 2;
      } else if (c < 128) {
        repaired |= c == '=';
        put((byte) c);
      } else {
        // not allowed in a word; keep the character (as UTF-8, the fallback's choice)
        repaired = true;
        int end =
            Character.isHighSurrogate(c)
                    && i + 1 < to
                    && Character.isLowSurrogate(text.charAt(i + 1))
                ? i + 2
                : i + 1;
        for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          put(b);
        }
        i = end - 1;
      }
    }
    return repaired ? Status.REPAIRED : Status.OK;
  }

  /** Adds a byte to the current word's. */
  private void put(byte b) {
    if (wordLength == wordBytes.length) {
      wordBytes = Arrays.copyOf(wordBytes, wordBytes.length * 2);
    }
    wordBytes[wordLength++] = b;
  }

  private static boolean hasWhitespace(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code text[from, to)} is linear white space only (RFC 2047 section 6.2). */
  private static boolean isWhitespace(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  private static void add(long[] counts, DecodeCounters counter, long n) {
    if (counts != null && n > 0) {
      counts[counter.ordinal()] += n;
    }
  }
}
