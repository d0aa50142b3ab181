package dev.sheaf.clean;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds and undoes mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1, so that
 * {@code é} reads {@code Ã©} and {@code ’} reads {@code â€™}. A text is repaired only when the
 * repair is unambiguous: every character maps back to one byte and the bytes are valid UTF-8.
 * Otherwise (a real {@code é} next to a broken one) it is left as it is and reported.
 */
final class Mojibake {
  /** What Windows-1252 decodes the bytes 0x80..0x9F to (U+FFFD for its five unused bytes). */
  private static final char[] CP1252_HIGH = new char[32];

  static {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) (0x80 + i);
    }
    String decoded = new String(bytes, Charset.forName("windows-1252"));
    for (int i = 0; i < 32; i++) {
      CP1252_HIGH[i] = decoded.charAt(i);
    }
  }

  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] bytes = new byte[256];

  /** The single byte that Windows-1252 or Latin-1 decodes to {@code c}, or -1. */
  static int byteOf(char c) {
    if (c <= 0xFF) {
      return c;
    }
    for (int i = 0; i < CP1252_HIGH.length; i++) {
      if (CP1252_HIGH[i] == c && c != '\uFFFD') {
        return 0x80 + i;
      }
    }
    return -1;
  }

  private static boolean isContinuation(char c) {
    int b = byteOf(c);
    return b >= 0x80 && b <= 0xBF;
  }

  /**
   * True when the text has a UTF-8 lead byte read as a character followed by a continuation byte.
   */
  static boolean suspected(CharSequence text) {
    for (int i = 0, last = text.length() - 1; i < last; i++) {
      char c = text.charAt(i);
      if (c >= 0xC2 && c <= 0xF4 && isContinuation(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The repaired text, or null when the repair is not unambiguous. */
  String repair(CharSequence text) {
    int length = text.length();
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      int b = byteOf(text.charAt(i));
      if (b < 0) {
        return null;
      }
      bytes[i] = (byte) b;
    }
    try {
      CharBuffer repaired = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length));
      return repaired.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
