package dev.sheaf.model;

/**
 * The sum of examples' weighted loss gradients at fixed parameters (no L2: the reducer adds it
 * once): what one map task sends in {@code --sync gradient} mode.
 */
public interface GradientSum {
  void add(SparseExample example);

  /** Adds the examples still held (a model that works in batches). */
  void finish();

  long examples();

  double lossSum();

  /** The rows with a non-zero gradient. */
  RowSet touched();

  double gradient(int e);
}
