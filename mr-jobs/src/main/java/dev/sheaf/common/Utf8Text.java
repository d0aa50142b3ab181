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
