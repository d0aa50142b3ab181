package dev.sheaf.evaluate;

/**
 * What an evaluation counts; the driver checks {@code EXAMPLES_IN = EVALUATED + UNLABELED +
 * BAD_LABEL}.
 */
public enum EvaluateCounters {
  EXAMPLES_IN,
  EVALUATED,
  UNLABELED,
  BAD_LABEL
}
