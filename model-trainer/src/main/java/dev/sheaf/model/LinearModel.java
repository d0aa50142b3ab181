package dev.sheaf.model;

/**
 * The geometry and math of a linear model on sparse input: a weight matrix of {@code dim} rows (one
 * per feature) and {@link #outputs} columns, then one bias row, stored row-major in one float array
 * so the weights an example's feature touches lie together: logistic (sigmoid + binary
 * cross-entropy) and softmax (cross-entropy) regression. Plain loops over primitive arrays: these
 * are the sparse parts of a step (see shared/STACK.md for why they are not ND4J calls).
 */
public final class LinearModel implements SparseModel {
  private final ModelSpec spec;
  private final int dim;
  private final int outputs;

  public LinearModel(ModelSpec spec) {
    this.spec = spec;
    this.dim = spec.dim();
    this.outputs = spec.arch().outputs(spec.labels());
  }

  public LinearModel(Arch arch, int dim, int labels) {
    this(ModelSpec.linear(arch, dim, labels));
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  /** Parameter rows: one per feature, then the bias. */
  @Override
  public int rows() {
    return dim + 1;
  }

  @Override
  public int columns() {
    return outputs;
  }

  public int biasRow() {
    return dim;
  }

  @Override
  public boolean decayed(int e) {
    return e < dim * outputs;
  }

  /** Zero: the objective is convex, and the same start on every run. */
  @Override
  public float[] initialParams(long seed) {
    return new float[(int) parameterCount()];
  }

  /** {@code z = W·x + b} for one example into {@code z[0, outputs)}. */
  public void scores(float[] params, SparseExample example, double[] z) {
    int c0 = dim * outputs;
    for (int c = 0; c < outputs; c++) {
      z[c] = params[c0 + c];
    }
    int[] indices = example.indices;
    float[] values = example.values;
    if (outputs == 1) {
      double sum = z[0];
      for (int j = 0; j < example.size; j++) {
        sum += values[j] * params[indices[j]];
      }
      z[0] = sum;
      return;
    }
    for (int j = 0; j < example.size; j++) {
      int base = indices[j] * outputs;
      float value = values[j];
      for (int c = 0; c < outputs; c++) {
        z[c] += value * params[base + c];
      }
    }
  }

  /**
   * Adds {@code scale · delta ⊗ x} (the gradient of one example's loss, given the derivative {@code
   * delta} of its scores) to a dense gradient over all parameters, bias included, and marks the
   * rows it touched.
   */
  public void addGradient(
      SparseExample example, double[] delta, double scale, double[] gradient, RowSet touched) {
    int bias = dim * outputs;
    for (int c = 0; c < outputs; c++) {
      gradient[bias + c] += scale * delta[c];
    }
    touched.add(dim);
    for (int j = 0; j < example.size; j++) {
      int row = example.indices[j];
      int base = row * outputs;
      double value = scale * example.values[j];
      for (int c = 0; c < outputs; c++) {
        gradient[base + c] += value * delta[c];
      }
      touched.add(row);
    }
  }

  /**
   * Scores {@code example}, adds its weighted loss gradient to {@code gradient} (marking the rows
   * in {@code touched}) and returns its weighted loss; {@code z} and {@code delta} are scratch
   * arrays of {@link #outputs} values. The full-batch gradient is the sum of these.
   */
  public double addLossGradient(
      float[] params,
      SparseExample example,
      double[] z,
      double[] delta,
      double[] gradient,
      RowSet touched) {
    scores(params, example, z);
    double loss = loss(z, example.label, delta);
    addGradient(example, delta, example.weight, gradient, touched);
    return example.weight * loss;
  }

  @Override
  public Scorer scorer(float[] params) {
    return (example, z) -> scores(params, example, z);
  }

  @Override
  public Trainer trainer(float[] params, float[] state, TrainerSettings settings) {
    return new LocalTrainer(this, params, state, settings);
  }

  @Override
  public GradientSum gradientSum(float[] params, int batchSize, long seed) {
    return new GradientSum() {
      private final double[] gradient = new double[(int) parameterCount()];
      private final RowSet touched = new RowSet(rows());
      private final double[] z = new double[outputs];
      private final double[] delta = new double[outputs];
      private double loss;
      private long examples;

      @Override
      public void add(SparseExample example) {
        loss += addLossGradient(params, example, z, delta, gradient, touched);
        examples++;
      }

      @Override
      public void finish() {}

      @Override
      public long examples() {
        return examples;
      }

      @Override
      public double lossSum() {
        return loss;
      }

      @Override
      public RowSet touched() {
        return touched;
      }

      @Override
      public double gradient(int e) {
        return gradient[e];
      }
    };
  }
}
