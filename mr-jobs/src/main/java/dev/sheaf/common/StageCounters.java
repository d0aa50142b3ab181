package dev.sheaf.common;

/** Counters every stage keeps; the conservation check reads them. */
public enum StageCounters {
  /** Records the stage read: documents plus malformed records. */
  RECORDS_IN,
  /** Records the stage wrote to its main output. */
  RECORDS_OUT,
  /** Malformed records written to {@code _rejects/} (broken down by reason in {@link RejectReason}). */
  REJECTED,
  /** Documents whose bytes were not valid UTF-8 and were kept with U+FFFD replacements. */
  INVALID_UTF8_REPLACED,
  /** Blank lines in line-based inputs: not records, so not part of RECORDS_IN. */
  BLANK_LINES_SKIPPED
}
