package dev.sheaf.dedupe;

/** What became of each document dedupe read (rejects are counted by the common counters). */
public enum DedupeCounters {
  /** Documents kept: the representative of each group of duplicates, and every unique document. */
  KEPT,
  /** Documents dropped because another document has the same normalised text. */
  EXACT_DUPLICATES,
  /** Documents with nothing left after normalisation (only punctuation or white space): filtered. */
  EMPTY_AFTER_NORMALIZATION
}
