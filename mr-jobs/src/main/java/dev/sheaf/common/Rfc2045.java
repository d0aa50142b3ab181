package dev.sheaf.common;

import java.util.Arrays;

/**
 * The alphabets of RFC 2045's transfer encodings, shared by the lenient decoders of e-mail parts
 * ({@link PartDecoder}) and of RFC 2047 encoded words ({@link EncodedWords}).
 */
final class Rfc2045 {
  /**
   * Each byte's base64 value (RFC 2045 section 6.8, table 1), -1 for a byte outside the alphabet.
   */
  static final byte[] BASE64_VALUES = new byte[256];

  static {
    Arrays.fill(BASE64_VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Rfc2045() {}

  /** The base64 value of {@code c}, -1 outside the alphabet. */
  static int base64(int c) {
    return c >= 0 && c < 256 ? BASE64_VALUES[c] : -1;
  }

  /**
   * The value of a quoted-printable hex digit (either case, as decoders accept), -1 for another
   * character.
   */
  static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
