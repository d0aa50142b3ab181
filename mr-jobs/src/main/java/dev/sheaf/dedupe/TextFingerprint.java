package dev.sheaf.dedupe;

import dev.sheaf.common.TextBuffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The exact-duplicate fingerprint: MurmurHash3 (128-bit, x64) of the {@link TextNormalizer} form.
 * Two texts that differ only in case, punctuation, spacing or Unicode compatibility forms get the
 * same fingerprint. The form is hashed as UTF-8 bytes (a lone surrogate as {@code ?}, as {@link
 * String#getBytes} writes it), encoded into a reused buffer. One instance per task; not
 * thread-safe.
 */
public final class TextFingerprint {
  private final CharsetEncoder utf8 =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer bytes = ByteBuffer.allocate(16 * 1024);
  private long high;
  private long low;

  /**
   * Fingerprints an already normalised text; returns false (and computes nothing) when it is empty.
   */
  public boolean compute(CharSequence normalized) {
    if (normalized.length() == 0) {
      return false;
    }
    encode(
        normalized instanceof TextBuffer buffer
            ? CharBuffer.wrap(buffer.array(), 0, buffer.length())
            : CharBuffer.wrap(normalized));
    long[] hash = MurmurHash3.hash128x64(bytes.array(), 0, bytes.position(), 0);
    high = hash[0];
    low = hash[1];
    return true;
  }

  private void encode(CharBuffer chars) {
    int needed = (int) Math.min(Integer.MAX_VALUE - 16, (long) chars.remaining() * 3);
    if (bytes.capacity() < needed) {
      bytes = ByteBuffer.allocate(Math.max(needed, bytes.capacity() * 2));
    }
    bytes.clear();
    utf8.reset();
    utf8.encode(chars, bytes, true);
    utf8.flush(bytes);
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  /** The fingerprint as 32 hex digits, the key of its exact-duplicate group. */
  public String hex() {
    StringBuilder hex = new StringBuilder(32);
    appendHex(hex, high);
    return appendHex(hex, low).toString();
  }

  /** Appends 16 lower-case hex digits. */
  static StringBuilder appendHex(StringBuilder into, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      into.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
    }
    return into;
  }
}
