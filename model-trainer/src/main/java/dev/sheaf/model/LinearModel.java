package dev.sheaf.model;

/**
 * The geometry and math of a linear model on sparse input: a weight matrix of {@code dim} rows
 * (one per feature) and {@link #outputs} columns, then one bias row, stored row-major in one float
 * array so the weights an example's feature touches lie together. Loss and its derivative for
 * logistic (sigmoid + binary cross-entropy) and softmax (cross-entropy) regression, computed in
 * double and stably for large scores. Plain loops over primitive arrays: these are the sparse
 * parts of a step (see shared/STACK.md for why they are not ND4J calls).
 */
public final class LinearModel {
  private final Arch arch;
  private final int dim;
  private final int labels;
  private final int outputs;

  public LinearModel(Arch arch, int dim, int labels) {
    this.arch = arch;
    this.dim = dim;
    this.labels = labels;
    this.outputs = arch.outputs(labels);
  }

  public Arch arch() {
    return arch;
  }

  public int dim() {
    return dim;
  }

  public int labels() {
    return labels;
  }

  public int outputs() {
    return outputs;
  }

  /** Parameter rows: one per feature, then the bias. */
  public int rows() {
    return dim + 1;
  }

  public int biasRow() {
    return dim;
  }

  public long parameterCount() {
    return (long) rows() * outputs;
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
   * The loss of scores {@code z} for {@code label}, and into {@code delta} (when not null) its
   * derivative with respect to each score.
   */
  public double loss(double[] z, int label, double[] delta) {
    if (outputs == 1) {
      double s = z[0];
      double y = label;
      // log(1 + e^s) - y·s, without overflow for large |s|
      double loss = Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y * s;
      if (delta != null) {
        delta[0] = sigmoid(s) - y;
      }
      return loss;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < outputs; c++) {
      max = Math.max(max, z[c]);
    }
    double sum = 0;
    for (int c = 0; c < outputs; c++) {
      sum += Math.exp(z[c] - max);
    }
    double logSum = max + Math.log(sum);
    if (delta != null) {
      for (int c = 0; c < outputs; c++) {
        delta[c] = Math.exp(z[c] - logSum) - (c == label ? 1 : 0);
      }
    }
    return logSum - z[label];
  }

  /** Each label's probability for scores {@code z} into {@code p[0, labels)}. */
  public void probabilities(double[] z, double[] p) {
    if (outputs == 1) {
      p[1] = sigmoid(z[0]);
      p[0] = 1 - p[1];
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < outputs; c++) {
      max = Math.max(max, z[c]);
    }
    double sum = 0;
    for (int c = 0; c < outputs; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < outputs; c++) {
      p[c] /= sum;
    }
  }

  /** The most probable label for scores {@code z} (the lowest index on a tie). */
  public int predict(double[] z) {
    if (outputs == 1) {
      return z[0] > 0 ? 1 : 0;
    }
    int best = 0;
    for (int c = 1; c < outputs; c++) {
      if (z[c] > z[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Adds {@code scale · delta ⊗ x} (the gradient of one example's loss, given the derivative
   * {@code delta} of its scores) to a dense gradient over all parameters, bias included, and marks
   * the rows it touched.
   */
  public void addGradient(SparseExample example, double[] delta, double scale, double[] gradient, RowSet touched) {
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
  public double addLossGradient(float[] params, SparseExample example, double[] z, double[] delta, double[] gradient,
      RowSet touched) {
    scores(params, example, z);
    double loss = loss(z, example.label, delta);
    addGradient(example, delta, example.weight, gradient, touched);
    return example.weight * loss;
  }

  static double sigmoid(double s) {
    return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
  }
}
