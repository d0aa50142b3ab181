package dev.sheaf.model;

/**
 * The mini-batch a trainer fills: examples copied in ({@link #add}) or exchanged for instances the
 * caller then owns ({@link #exchange}, how a shuffle buffer's examples join without a second copy);
 * a full batch takes its step, {@link #finish} the last, partial one. Per example it copies into
 * pooled instances; nothing is allocated.
 */
abstract class MiniBatches {
  protected final SparseExample[] batch;

  /** Examples in the current batch, {@code batch[0, batchSize)}. */
  protected int batchSize;

  /** Every row a step touched. */
  protected final RowSet touched;

  /** The global step count; a subclass counts the steps it takes. */
  protected long step;

  /**
   * The sum of the examples' weighted losses, each taken before its batch's step; a subclass adds
   * to it.
   */
  protected double lossSum;

  private long examples;

  MiniBatches(int capacity, int rows, long step) {
    this.touched = new RowSet(rows);
    this.step = step;
    batch = new SparseExample[capacity];
    for (int i = 0; i < capacity; i++) {
      batch[i] = new SparseExample();
    }
  }

  /** Adds an example (copied) to the current batch; a full batch takes its step. */
  public void add(SparseExample example) {
    batch[batchSize].copyFrom(example);
    added();
  }

  /**
   * Adds {@code example} itself, not a copy, and returns an instance the caller owns in its place.
   */
  public SparseExample exchange(SparseExample example) {
    SparseExample returned = batch[batchSize];
    batch[batchSize] = example;
    added();
    return returned;
  }

  private void added() {
    if (++batchSize == batch.length) {
      stepOnBatch();
    }
  }

  /** Takes the step of a last, partial batch. */
  public void finish() {
    if (batchSize > 0) {
      stepOnBatch();
    }
  }

  private void stepOnBatch() {
    takeStep();
    examples += batchSize;
    batchSize = 0;
  }

  public long examples() {
    return examples;
  }

  public double lossSum() {
    return lossSum;
  }

  public RowSet touched() {
    return touched;
  }

  /** The global step count after the steps taken. */
  public long step() {
    return step;
  }

  /** One step on {@code batch[0, batchSize)}. */
  protected abstract void takeStep();
}
