package dev.sheaf.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 bytes to a String, replacing invalid sequences with U+FFFD and saying whether it
 * had to. One instance per task: the decoder and its char buffer are reused across records.
 */
public final class Utf8Text {
  /** Rejects keep at most this many characters of the offending record. */
  public static final int EXCERPT_CHARS = 1024;
  private static final char REPLACEMENT = '\uFFFD';

  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer chars = CharBuffer.allocate(4096);
  private boolean lastHadInvalid;

  /** Decodes {@code bytes[offset, offset + length)}. */
  public String decode(byte[] bytes, int offset, int length) {
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
    }
    chars.clear();
    decoder.reset();
    lastHadInvalid = false;
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    while (true) {
      CoderResult result = decoder.decode(in, chars, true);
      if (result.isUnderflow()) {
        break;
      }
      if (result.isError()) {
        // a UTF-8 decode never needs more chars than bytes, so this is not an overflow
        lastHadInvalid = true;
        chars.put(REPLACEMENT);
        in.position(in.position() + result.length());
      } else {
        throw new IllegalStateException("UTF-8 decoder overflow: " + result);
      }
    }
    decoder.flush(chars);
    chars.flip();
    return chars.toString();
  }

  /** Whether the last {@link #decode} replaced anything. */
  public boolean lastHadInvalid() {
    return lastHadInvalid;
  }

  /**
   * {@code text} with every unpaired UTF-16 surrogate replaced by U+FFFD (the same instance when it
   * has none), so that no path writes such a character differently (Avro's encoder would write
   * {@code ?}, clean would remove it).
   */
  public static String replaceLoneSurrogates(String text) {
    if (text == null || countLoneSurrogates(text) == 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(chars[i])) {
        chars[i] = REPLACEMENT;
      }
    }
    return new String(chars);
  }

  /** The unpaired UTF-16 surrogates in {@code text}. */
  public static int countLoneSurrogates(CharSequence text) {
    int count = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Whether text decoded from bytes that were not all valid UTF-8 still reads as UTF-8 with a few
   * broken sequences: more valid multi-byte characters than U+FFFD replacements. Legacy 8-bit and
   * CJK encodings make mostly invalid sequences, with at most a few valid by accident.
   */
  public static boolean mostlyUtf8(String decoded) {
    int valid = 0;
    int replaced = 0;
    for (int i = 0, n = decoded.length(); i < n; i++) {
      char c = decoded.charAt(i);
      if (c == REPLACEMENT) {
        replaced++;
      } else if (c >= 0x80) {
        valid++;
      }
    }
    return valid > replaced;
  }

  /** The first KiB of a record's text, for a {@code Reject}. */
  public static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    if (text.length() <= EXCERPT_CHARS) {
      return text;
    }
    int end = EXCERPT_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
