package dev.sheaf.common;

/** Counters every stage keeps; the conservation check reads them. */
public enum StageCounters {
  /** Records the stage read: documents plus malformed records. */
  RECORDS_IN,
  /** Records the stage wrote to its main output. */
  RECORDS_OUT,
  /**
   * Malformed records written to {@code _rejects/} (broken down by reason in {@link RejectReason}).
   */
  REJECTED,
  /** Documents whose bytes were not valid UTF-8 and were kept with U+FFFD replacements. */
  INVALID_UTF8_REPLACED,
  /**
   * Unpaired UTF-16 surrogates (JSON {@code \\ud835} escapes without their pair) replaced by
   * U+FFFD, each counted.
   */
  LONE_SURROGATES_REPLACED,
  /**
   * Files that start with a byte order mark: a UTF-8 one skipped, a UTF-16/32 one used to decode
   * the file.
   */
  BYTE_ORDER_MARKS_SKIPPED,
  /**
   * Documents of a file without a byte order mark that is not UTF-8, decoded with the charset ICU4J
   * detected.
   */
  CHARSET_GUESSED,
  /** Blank lines in line-based inputs: not records, so not part of RECORDS_IN. */
  BLANK_LINES_SKIPPED
}
