package dev.sheaf.model;

/**
 * Sequential mini-batch SGD over a stream of examples on a copy of the model: what one map task
 * does in {@code --sync average} mode. {@link #param} and {@link #state} read the trained copy
 * back, laid out as {@link ModelSlices} stores the model.
 */
public interface Trainer {
  /** Adds an example (copied) to the current batch; a full batch takes its step. */
  void add(SparseExample example);

  /**
   * Adds {@code example} itself, not a copy, and returns an instance the caller owns in its place:
   * how a shuffle buffer's examples join a batch without a second copy.
   */
  SparseExample exchange(SparseExample example);

  /** Takes the step of a last, partial batch. */
  void finish();

  long examples();

  /** The sum of the examples' weighted losses, each taken before its batch's step. */
  double lossSum();

  /** Every row a step touched. */
  RowSet touched();

  /** The global step count after the steps taken. */
  long step();

  /** The current value of parameter {@code e}. */
  float param(int e);

  /** The current value of optimizer state array {@code j} at parameter {@code e}. */
  float state(int j, int e);
}
