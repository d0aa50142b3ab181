package dev.sheaf.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes bytes in any charset, replacing each malformed or unmappable sequence with U+FFFD and
 * saying whether it had to. Decoders and the char buffer are reused: one instance per thread.
 */
final class TextDecoder {
  private static final char REPLACEMENT = '\uFFFD';

  private final Map<Charset, CharsetDecoder> decoders = new HashMap<>();
  private CharBuffer chars = CharBuffer.allocate(4096);
  private boolean replaced;

  /** {@code bytes[offset, offset + length)} decoded with {@code charset}. */
  String decode(byte[] bytes, int offset, int length, Charset charset) {
    CharsetDecoder decoder =
        decoders.computeIfAbsent(
            charset,
            c ->
                c.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
    decoder.reset();
    replaced = false;
    int capacity =
        (int)
                Math.min(
                    Integer.MAX_VALUE - 16,
                    (long) (length * (double) decoder.averageCharsPerByte()))
            + 16;
    if (chars.capacity() < capacity) {
      chars = CharBuffer.allocate(Math.max(capacity, chars.capacity() * 2));
    }
    chars.clear();
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    while (true) {
      CoderResult result = decoder.decode(in, chars, true);
      if (result.isUnderflow()) {
        break;
      }
      if (result.isOverflow()) {
        grow();
      } else {
        replaced = true;
        if (!chars.hasRemaining()) {
          grow();
        }
        chars.put(REPLACEMENT);
        in.position(in.position() + result.length());
      }
    }
    while (decoder.flush(chars).isOverflow()) {
      grow();
    }
    chars.flip();
    return chars.toString();
  }

  /** Whether the last {@link #decode} replaced anything. */
  boolean replaced() {
    return replaced;
  }

  private void grow() {
    CharBuffer bigger = CharBuffer.allocate(chars.capacity() * 2);
    chars.flip();
    bigger.put(chars);
    chars = bigger;
  }

  /**
   * True when {@code bytes[offset, offset + length)} is well-formed UTF-8 (RFC 3629: shortest
   * forms, no surrogates, nothing above U+10FFFF); ASCII is.
   */
  static boolean isUtf8(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int more;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        more = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        more = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        more = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + more >= end) {
        return false;
      }
      int code = b & (0x3F >> more);
      for (int k = 1; k <= more; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return false;
        }
        code = code << 6 | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return false;
      }
      i += more + 1;
    }
    return true;
  }

  /** Index of the first byte of {@code bytes[offset, offset + length)} above 0x7F, or -1. */
  static int firstNonAscii(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] < 0) {
        return i;
      }
    }
    return -1;
  }
}
