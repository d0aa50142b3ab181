package dev.sheaf.train;

import java.util.Locale;

/** How map tasks' work becomes the next model ({@code --sync}). */
public enum SyncMode {
  /**
   * Each task takes local mini-batch steps; the reducers average the tasks' parameter (and
   * optimizer state) deltas.
   */
  AVERAGE,
  /** Each task sums its examples' gradients; the reducers take one exact full-batch step. */
  GRADIENT,
  /**
   * Each task sums its examples' gradients; the driver takes L-BFGS steps with a backtracking line
   * search on the exact objective (one pass per trial), its memory kept as slice files ({@link
   * LbfgsEpochs}). The result does not depend on the number of map tasks.
   */
  LBFGS;

  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
