package dev.sheaf.model;

/**
 * Sequential mini-batch SGD over a stream of examples: what one map task does in {@code --sync
 * average} mode, and the reference the tests compare the MapReduce protocol with. Each step: the
 * mean loss gradient of the batch over the rows it touched, plus L2 on those rows (not the bias),
 * then the optimizer on those rows. Per example it copies the features into a pooled batch; per
 * step it allocates nothing.
 *
 * <p>It trains its own copy of the model laid out row by row: each row's parameters, batch gradient
 * and optimizer state side by side ({@code stride} floats), so a map task keeps the model it
 * started from for the deltas without a second copy. (Measured against separate arrays: the same
 * speed, about 29 ns a non-zero with AdaGrad, bench/train-hot-loop.sh.) {@link #param}, {@link
 * #state} and {@link #copyTo} read it back.
 */
public final class LocalTrainer extends MiniBatches implements Trainer {
  private final LinearModel model;
  private final int outputs;
  private final int stateArrays;
  private final int stride;
  private final float[] rows;
  private final double l2;
  private final SparseUpdater updater;
  private final RowSet batchRows;
  private final double[] z;
  private final double[] delta;

  /**
   * Trains a copy of {@code params} ({@link LinearModel#parameterCount} values) and {@code state}
   * ({@code settings.kind().stateArrays()} arrays of that length, one after another) from global
   * step {@code settings.step()}; the arrays themselves are not changed.
   */
  public LocalTrainer(LinearModel model, float[] params, float[] state, TrainerSettings settings) {
    super(settings.batchSize(), model.rows(), settings.step());
    OptimizerKind kind = settings.kind();
    this.model = model;
    this.outputs = model.outputs();
    this.stateArrays = kind.stateArrays();
    this.stride = outputs * (2 + stateArrays);
    int count = (int) model.parameterCount();
    this.rows = new float[model.rows() * stride];
    for (int row = 0; row < model.rows(); row++) {
      for (int c = 0; c < outputs; c++) {
        int e = row * outputs + c;
        rows[row * stride + c] = params[e];
        for (int j = 0; j < stateArrays; j++) {
          rows[row * stride + (2 + j) * outputs + c] = state[j * count + e];
        }
      }
    }
    this.l2 = settings.l2();
    this.updater = new SparseUpdater(kind, settings.lr());
    this.batchRows = new RowSet(model.rows());
    this.z = new double[outputs];
    this.delta = new double[outputs];
  }

  @Override
  protected void takeStep() {
    int bias = model.biasRow();
    for (int b = 0; b < batchSize; b++) {
      SparseExample example = batch[b];
      scores(example);
      lossSum += example.weight * model.loss(z, example.label, delta);
      accumulate(bias, 1.0, example.weight);
      for (int j = 0; j < example.size; j++) {
        accumulate(example.indices[j], example.values[j], example.weight);
      }
    }
    updater.beginStep(step);
    updater.applyRows(rows, stride, batchRows, 1.0 / batchSize, l2, bias, outputs);
    for (int i = 0; i < batchRows.size(); i++) {
      touched.add(batchRows.row(i));
    }
    batchRows.clear();
    step++;
  }

  private void scores(SparseExample example) {
    int bias = model.biasRow() * stride;
    for (int c = 0; c < outputs; c++) {
      z[c] = rows[bias + c];
    }
    for (int j = 0; j < example.size; j++) {
      int base = example.indices[j] * stride;
      float value = example.values[j];
      for (int c = 0; c < outputs; c++) {
        z[c] += value * rows[base + c];
      }
    }
  }

  private void accumulate(int row, double value, double weight) {
    batchRows.add(row);
    double scaled = value * weight;
    int gradient = row * stride + outputs;
    for (int c = 0; c < outputs; c++) {
      rows[gradient + c] += (float) (scaled * delta[c]);
    }
  }

  /**
   * The current value of parameter {@code e} (row-major over the model, as {@link LinearModel} lays
   * it out).
   */
  @Override
  public float param(int e) {
    return rows[(e / outputs) * stride + e % outputs];
  }

  /** The current value of state array {@code j} at parameter {@code e}. */
  @Override
  public float state(int j, int e) {
    return rows[(e / outputs) * stride + (2 + j) * outputs + e % outputs];
  }

  /** Writes the current parameters and state into arrays laid out as the constructor took them. */
  public void copyTo(float[] params, float[] state) {
    int count = (int) model.parameterCount();
    for (int e = 0; e < count; e++) {
      params[e] = param(e);
      for (int j = 0; j < stateArrays; j++) {
        state[j * count + e] = state(j, e);
      }
    }
  }
}
