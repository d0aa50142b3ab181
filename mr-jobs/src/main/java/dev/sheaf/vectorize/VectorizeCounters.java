package dev.sheaf.vectorize;

/** What {@code sheaf vectorize} produced and dropped. */
public enum VectorizeCounters {
  /** Examples written. */
  EXAMPLES,
  /** Non-zero features over all examples. */
  NONZEROS,
  /** Examples without a label (label -1). */
  UNLABELED,
  /** Dropped: the text gave no feature (only stop words, or no term of the vocabulary). */
  NO_FEATURES,
  /** Dropped: the label is not in the label dictionary given with --labels. */
  UNKNOWN_LABEL,
  /** Dropped: the label is blank or holds control characters or U+FFFD (undecodable bytes). */
  INVALID_LABEL,
  /** Documents with at least one feature, counted by the dictionary job: the n of idf. */
  DOCUMENTS_WITH_FEATURES
}
