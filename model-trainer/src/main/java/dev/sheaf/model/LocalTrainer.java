package dev.sheaf.model;

/**
 * Sequential mini-batch SGD over a stream of examples, in place on the parameters and optimizer
 * state it is given: what one map task does in {@code --sync average} mode, and the reference the
 * tests compare the MapReduce protocol with. Each step: the mean loss gradient of the batch over
 * the rows it touched, plus L2 on those rows (not the bias), then the optimizer on those rows.
 * Per example it copies the features into a pooled batch; per step it allocates nothing.
 */
public final class LocalTrainer {
  private final LinearModel model;
  private final float[] params;
  private final float[] state;
  private final double l2;
  private final SparseUpdater updater;
  private final SparseExample[] batch;
  private final RowSet batchRows;
  private final RowSet touched;
  private final double[] z;
  private final double[] delta;
  private double[] gradient = new double[4096];
  private int batchSize;
  private long step;
  private long examples;
  private double lossSum;

  /**
   * Trains {@code params} ({@link LinearModel#parameterCount} values) and {@code state}
   * ({@code kind.stateArrays()} arrays of that length, one after another) from global step {@code step}.
   */
  public LocalTrainer(LinearModel model, float[] params, float[] state, OptimizerKind kind, double lr, double l2,
      int batchCapacity, long step) {
    this.model = model;
    this.params = params;
    this.state = state;
    this.l2 = l2;
    this.updater = new SparseUpdater(kind, lr, (int) model.parameterCount());
    this.batch = new SparseExample[batchCapacity];
    for (int i = 0; i < batchCapacity; i++) {
      batch[i] = new SparseExample();
    }
    this.batchRows = new RowSet(model.rows());
    this.touched = new RowSet(model.rows());
    this.z = new double[model.outputs()];
    this.delta = new double[model.outputs()];
    this.step = step;
  }

  /** Adds an example (copied) to the current batch; a full batch takes its step. */
  public void add(SparseExample example) {
    batch[batchSize].copyFrom(example);
    added();
  }

  /**
   * Adds {@code example} itself, not a copy, and returns an instance the caller owns in its place:
   * how a {@link dev.sheaf.train.ShuffleBuffer}'s examples join a batch without a second copy.
   */
  public SparseExample exchange(SparseExample example) {
    SparseExample returned = batch[batchSize];
    batch[batchSize] = example;
    added();
    return returned;
  }

  private void added() {
    if (++batchSize == batch.length) {
      takeStep();
    }
  }

  /** Takes the step of a last, partial batch. */
  public void finish() {
    if (batchSize > 0) {
      takeStep();
    }
  }

  private void takeStep() {
    int outputs = model.outputs();
    int bias = model.biasRow();
    for (int b = 0; b < batchSize; b++) {
      SparseExample example = batch[b];
      model.scores(params, example, z);
      lossSum += example.weight * model.loss(z, example.label, delta);
      accumulate(bias, 1.0, example.weight);
      for (int j = 0; j < example.size; j++) {
        accumulate(example.indices[j], example.values[j], example.weight);
      }
    }
    updater.beginStep(step);
    updater.applyRows(params, state, batchRows, gradient, 1.0 / batchSize, l2, bias, outputs);
    for (int slot = 0; slot < batchRows.size(); slot++) {
      touched.add(batchRows.row(slot));
    }
    batchRows.clear();
    examples += batchSize;
    batchSize = 0;
    step++;
  }

  private void accumulate(int row, double value, double weight) {
    int outputs = model.outputs();
    int slot = batchRows.add(row);
    int end = (slot + 1) * outputs;
    if (end > gradient.length) {
      gradient = java.util.Arrays.copyOf(gradient, Math.max(end, gradient.length * 2));
    }
    double scaled = value * weight;
    for (int c = 0; c < outputs; c++) {
      gradient[slot * outputs + c] += scaled * delta[c];
    }
  }

  /** The global step count after the steps taken. */
  public long step() {
    return step;
  }

  public long examples() {
    return examples;
  }

  /** The sum of the examples' weighted losses, each taken before its batch's step. */
  public double lossSum() {
    return lossSum;
  }

  /** Every row a step touched. */
  public RowSet touched() {
    return touched;
  }
}
