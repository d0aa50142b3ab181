package dev.sheaf.common;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Decodes the bytes of one record (a line, a CSV record, a SequenceFile value) as every text path
 * of the input formats does: as UTF-8, broken sequences replaced by U+FFFD; bytes that are not
 * UTF-8 and not mostly UTF-8 either ({@link Utf8Text#mostlyUtf8}: a legacy 8-bit or CJK encoding)
 * are decoded with the charset ICU4J detected in the file's head, or, when the head is UTF-8 or
 * there is none, in the record itself. One instance per task: buffers are reused.
 */
final class RecordTextDecoder {
  private final Utf8Text utf8 = new Utf8Text();

  /** The charset detected in the file's head when it is not UTF-8; null otherwise. */
  private final Charset headCharset;

  private boolean invalid;
  private boolean guessed;

  /** {@code headCharset}: {@link TextEncoding#guessed()} of the file, or null. */
  RecordTextDecoder(Charset headCharset) {
    this.headCharset = headCharset;
  }

  /** The text of {@code bytes[0, length)}. */
  String decode(byte[] bytes, int length) {
    String text = utf8.decode(bytes, 0, length);
    invalid = utf8.lastHadInvalid();
    guessed = false;
    if (invalid && !Utf8Text.mostlyUtf8(text)) {
      Charset legacy =
          headCharset != null
              ? headCharset
              : TextEncoding.of(Arrays.copyOf(bytes, length), length).guessed();
      if (legacy != null) {
        text = new String(bytes, 0, length, legacy);
        invalid = false;
        guessed = true;
      }
    }
    return text;
  }

  /** Whether the last {@link #decode} kept invalid UTF-8 as U+FFFD replacements. */
  boolean lastHadInvalidUtf8() {
    return invalid;
  }

  /** Whether the last {@link #decode} used a detected legacy charset. */
  boolean lastWasGuessed() {
    return guessed;
  }
}
