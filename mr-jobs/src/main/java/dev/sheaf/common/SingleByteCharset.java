package dev.sheaf.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * A decode-only single-byte charset of the WHATWG Encoding Standard: bytes 0x00 to 0x7F are ASCII,
 * 0x80 to 0xFF are looked up in the standard's index (read by {@link CharsetLabels} from {@code
 * whatwg-single-byte.txt}). A byte the index has no code point for is malformed input of length 1
 * (U+FFFD when the decoder replaces). Java's own decoders of the same names differ in a few bytes
 * (windows-1252 0x81 is U+FFFD in Java, U+0081 in the standard; KOI8-U 0xAE; windows-1255 0xCA;
 * x-mac-cyrillic), and Java has no ISO-8859-10, ISO-8859-14 or x-user-defined.
 */
final class SingleByteCharset extends Charset {
  /** Marks a byte with no code point in {@link #high}. */
  static final char UNMAPPED = '\uFFFF';

  private final char[] high;

  /**
   * {@code name} must be a legal charset name that is not Java's (the charsets are not registered);
   * {@code high} holds the 128 code points of the bytes 0x80 to 0xFF, {@link #UNMAPPED} where none.
   */
  SingleByteCharset(String name, char[] high) {
    super(name, null);
    if (high.length != 128) {
      throw new IllegalArgumentException("a single-byte table has 128 entries, got " + high.length);
    }
    this.high = high.clone();
  }

  @Override
  public boolean contains(Charset charset) {
    return charset == this;
  }

  @Override
  public boolean canEncode() {
    return false;
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new Decoder();
  }

  /** Always throws: these charsets decode only. */
  @Override
  public CharsetEncoder newEncoder() {
    throw new UnsupportedOperationException(name() + " decodes only");
  }

  private final class Decoder extends CharsetDecoder {
    Decoder() {
      super(SingleByteCharset.this, 1f, 1f);
    }

    @Override
    protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
      while (in.hasRemaining()) {
        if (!out.hasRemaining()) {
          return CoderResult.OVERFLOW;
        }
        int position = in.position();
        byte b = in.get();
        char c = b >= 0 ? (char) b : high[b + 128];
        if (c == UNMAPPED) {
          in.position(position);
          return CoderResult.malformedForLength(1);
        }
        out.put(c);
      }
      return CoderResult.UNDERFLOW;
    }
  }
}
