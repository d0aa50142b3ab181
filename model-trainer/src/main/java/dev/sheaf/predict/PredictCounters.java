package dev.sheaf.predict;

/**
 * What {@code sheaf predict} counts; the driver checks {@code RECORDS_IN = PREDICTED + DROPPED +
 * REJECTED}. The reasons for a drop are counted by name in the {@code sheaf predict dropped} group.
 */
public enum PredictCounters {
  /** Documents with a prediction. */
  PREDICTED,
  /** Documents a clean rule dropped, with --filter (each also under its rule). */
  DROPPED,
  /** Predictions whose label is null: more than two labels and no probability at --threshold. */
  BELOW_THRESHOLD
}
