package dev.sheaf.common;

/**
 * What decoding e-mail ({@link EmailParser}) had to guess, repair or leave: charsets missing,
 * unknown or wrong, malformed RFC 2047 encoded words, raw 8-bit headers, bodies taken from HTML.
 * {@code --format email} adds them to the job's counters; {@code clean} reads them from its raw
 * e-mail step.
 */
public enum DecodeCounters {
  /** Messages whose body text came from text/html parts: no text/plain part, or only blank ones. */
  BODY_FROM_HTML,
  /** Text parts whose declared charset has no decoder (decoded as if none were declared). */
  PARTS_CHARSET_UNKNOWN,
  /**
   * Text parts with no usable declared charset whose bytes were neither ASCII nor valid UTF-8,
   * decoded with the charset ICU4J's CharsetDetector guessed (windows-1252 when it had no guess).
   */
  PARTS_CHARSET_GUESSED,
  /** Text parts whose bytes were not valid in their charset, kept with U+FFFD replacements. */
  PARTS_INVALID_BYTES,
  /**
   * RFC 2047 encoded words whose charset was empty or unknown: their bytes decoded as UTF-8 when
   * valid, else as windows-1252.
   */
  ENCODED_WORDS_CHARSET_FALLBACK,
  /** Encoded words with wrong base64 padding or a stray {@code =}, decoded leniently. */
  ENCODED_WORDS_REPAIRED,
  /**
   * Encoded words that could not be decoded (base64 text with characters outside the alphabet, or a
   * repaired word whose bytes were not valid in its charset): kept as written.
   */
  ENCODED_WORDS_LEFT_RAW,
  /**
   * Encoded words whose bytes were not valid in their declared charset, kept with U+FFFD
   * replacements.
   */
  ENCODED_WORDS_INVALID_BYTES,
  /**
   * Header fields holding raw bytes that are not ASCII and not valid UTF-8 (RFC 5322 allows neither
   * without RFC 6532), decoded with the charset of the message's first text part that declares a
   * known one, else windows-1252.
   */
  HEADERS_RAW_8BIT,
  /**
   * mbox lines shaped like a separator ({@code From <sender> <date>}) that do not follow an empty
   * line, so stay in the message's body: a writer that leaves no empty line between messages would
   * have its messages merged here, and this count shows it.
   */
  MBOX_FROM_LINES_IN_BODY
}
