package dev.sheaf.common;

import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 bytes to a String, replacing invalid sequences with U+FFFD and saying whether it
 * had to ({@link TextDecoder} for UTF-8), and the text helpers the input formats share. One
 * instance per task: the decoder and its char buffer are reused across records.
 */
public final class Utf8Text {
  /** Rejects keep at most this many characters of the offending record. */
  public static final int EXCERPT_CHARS = 1024;

  private static final char REPLACEMENT = '\uFFFD';

  private final TextDecoder decoder = new TextDecoder();

  /** Decodes {@code bytes[offset, offset + length)}. */
  public String decode(byte[] bytes, int offset, int length) {
    return decoder.decode(bytes, offset, length, StandardCharsets.UTF_8);
  }

  /** Whether the last {@link #decode} replaced anything. */
  public boolean lastHadInvalid() {
    return decoder.replaced();
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
      if (Character.isHighSurrogate(chars[i])
          && i + 1 < chars.length
          && Character.isLowSurrogate(chars[i + 1])) {
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
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
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
