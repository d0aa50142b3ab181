package dev.sheaf.model;

import java.util.SplittableRandom;

/**
 * The geometry and inference of a multilayer perceptron on sparse input. Layer 0 maps the {@code
 * dim} features to {@code h0} units: its weights are the first {@code dim} rows of {@code h0}
 * columns, so an example touches only its features' rows (gather, scale by the value, sum: no dense
 * input matrix). The dense rest follows packed into rows of the same width (the last one padded):
 * layer 0's bias, then each further layer's weights (fan-in × fan-out, row-major) and bias, the
 * output layer last. Hidden layers use {@link Activation}; the output is the shared
 * sigmoid/softmax.
 */
public final class MlpModel implements SparseModel {
  private final ModelSpec spec;
  private final int dim;
  private final int outputs;
  private final Activation activation;
  private final float dropout;

  /** Units of layer l's output; layer {@code layers() - 1} is the output layer. */
  private final int[] width;

  /** Where layer l's weights (l ≥ 1) and bias start in the parameter array. */
  private final int[] weightAt;

  private final int[] biasAt;
  private final int rows;

  public MlpModel(ModelSpec spec) {
    this.spec = spec;
    this.dim = spec.dim();
    this.outputs = Arch.MLP.outputs(spec.labels());
    this.activation = spec.activation();
    this.dropout = (float) spec.dropout();
    int hidden = spec.hidden().size();
    if (hidden == 0) {
      throw new IllegalArgumentException("an MLP needs at least one hidden layer");
    }
    width = new int[hidden + 1];
    for (int l = 0; l < hidden; l++) {
      width[l] = spec.hidden().get(l);
    }
    width[hidden] = outputs;
    weightAt = new int[width.length];
    biasAt = new int[width.length];
    long at = (long) dim * width[0];
    for (int l = 0; l < width.length; l++) {
      if (l > 0) {
        weightAt[l] = (int) at;
        at += (long) width[l - 1] * width[l];
      }
      biasAt[l] = (int) at;
      at += width[l];
    }
    long rowCount = dim + (at - (long) dim * width[0] + width[0] - 1) / width[0];
    if (rowCount * width[0] > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "an MLP of " + rowCount * width[0] + " parameters is over the 2^31 a task holds");
    }
    this.rows = (int) rowCount;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return width[0];
  }

  /** Layers with weights: the hidden layers and the output layer. */
  public int layers() {
    return width.length;
  }

  public int width(int layer) {
    return width[layer];
  }

  /** Layer {@code l}'s inputs (layer 0: the features). */
  public int fanIn(int layer) {
    return layer == 0 ? dim : width[layer - 1];
  }

  public int weightAt(int layer) {
    return weightAt[layer];
  }

  public int biasAt(int layer) {
    return biasAt[layer];
  }

  /** Where the dense part (everything after the feature rows) starts. */
  public int denseStart() {
    return dim * width[0];
  }

  public Activation activation() {
    return activation;
  }

  public float dropout() {
    return dropout;
  }

  @Override
  public boolean decayed(int e) {
    if (e < denseStart()) {
      return true;
    }
    for (int l = 1; l < width.length; l++) {
      if (e >= weightAt[l] && e < biasAt[l]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Seeded Gaussian weights, biases zero. Hidden layers: He (relu) or LeCun (tanh) on their fan-in;
   * the output layer: 1 / fan-in. Layer 0's fan-in counts as 1: vectorize l2-normalises each row
   * (Σx² = 1), so a pre-activation has the variance of one weight, as a unit with one unit-variance
   * input would.
   */
  @Override
  public float[] initialParams(long seed) {
    float[] params = new float[(int) parameterCount()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < width.length; l++) {
      int fanIn = l == 0 ? 1 : width[l - 1];
      double std = Math.sqrt(l == width.length - 1 ? 1.0 / fanIn : activation.initVariance(fanIn));
      int from = l == 0 ? 0 : weightAt[l];
      for (int e = from; e < biasAt[l]; e++) {
        params[e] = (float) (std * random.nextGaussian());
      }
    }
    return params;
  }

  @Override
  public Scorer scorer(float[] params) {
    float[][] units = new float[width.length][];
    for (int l = 0; l < width.length; l++) {
      units[l] = new float[width[l]];
    }
    return (example, z) -> {
      float[] first = units[0];
      int h = width[0];
      System.arraycopy(params, biasAt[0], first, 0, h);
      for (int j = 0; j < example.size; j++) {
        int base = example.indices[j] * h;
        float value = example.values[j];
        for (int c = 0; c < h; c++) {
          first[c] += value * params[base + c];
        }
      }
      activate(first, h);
      for (int l = 1; l < width.length; l++) {
        dense(params, l, units[l - 1], units[l]);
        if (l < width.length - 1) {
          activate(units[l], width[l]);
        }
      }
      float[] out = units[width.length - 1];
      for (int c = 0; c < outputs; c++) {
        z[c] = out[c];
      }
    };
  }

  /** {@code out = in · W_l + b_l} for one example, in plain loops (inference needs no batch). */
  private void dense(float[] params, int l, float[] in, float[] out) {
    int n = width[l];
    System.arraycopy(params, biasAt[l], out, 0, n);
    int w = weightAt[l];
    for (int i = 0; i < width[l - 1]; i++) {
      float x = in[i];
      if (x != 0) {
        int row = w + i * n;
        for (int c = 0; c < n; c++) {
          out[c] += x * params[row + c];
        }
      }
    }
  }

  private void activate(float[] units, int n) {
    for (int c = 0; c < n; c++) {
      units[c] = activation.apply(units[c]);
    }
  }

  @Override
  public Trainer trainer(float[] params, float[] state, TrainerSettings settings) {
    return new MlpTrainer(this, params, state, settings, false);
  }

  @Override
  public GradientSum gradientSum(float[] params, int batchSize, long seed) {
    TrainerSettings gradientOnly = new TrainerSettings(OptimizerKind.SGD, 0, 0, batchSize, 0, seed);
    return new MlpTrainer(this, params, new float[0], gradientOnly, true);
  }
}
