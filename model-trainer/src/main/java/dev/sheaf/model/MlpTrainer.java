package dev.sheaf.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batch training of an {@link MlpModel}, or (gradient mode) the summed gradient at fixed
 * parameters. The sparse first layer runs as loops over primitive arrays: each example gathers its
 * features' weight rows scaled by their values and sums them (forward), and scatter-adds its units'
 * error times each value into those rows (backward); only the rows a batch touched are stepped, as
 * in {@link LocalTrainer}, whose row layout (parameters, gradient, state side by side) it shares.
 * The dense layers run on ND4J as batch matrix products (the part that moves to the GPU with the
 * CUDA backend); activations, dropout and the loss are loops over the batch.
 *
 * <p>Dropout masks come from a generator seeded with the caller's seed (the map task's: seed,
 * epoch, split), drawn in a fixed order, so a retried task computes the same update.
 */
final class MlpTrainer extends MiniBatches implements Trainer, GradientSum {
  private final MlpModel model;
  private final boolean gradientOnly;
  private final int h;
  private final int stride;
  private final int denseStart;
  private final int denseCount;
  private final int last;
  private final Activation activation;
  private final float keep;
  private final double l2;
  private final SparseUpdater updater;

  /** Feature rows: h parameters, h gradients, then each state array's h values, a row. */
  private final float[] rows;

  private final float[] dense;
  private final float[] denseGradient;
  private final float[] denseState;
  private final float[] decay;
  private final double[] denseSum;
  private final RowSet batchRows;
  private final SplittableRandom random;

  /**
   * Per hidden layer and batch row: the activation, the dropped-out activation (the next layer's
   * input), the mask.
   */
  private final float[][] activated;

  private final float[][] output;
  private final float[][] mask;
  private final double[] z;
  private final double[] delta;

  MlpTrainer(
      MlpModel model,
      float[] params,
      float[] state,
      TrainerSettings settings,
      boolean gradientOnly) {
    super(settings.batchSize(), model.rows(), settings.step());
    OptimizerKind kind = settings.kind();
    int batchCapacity = settings.batchSize();
    long seed = settings.seed();
    this.model = model;
    this.gradientOnly = gradientOnly;
    this.h = model.columns();
    this.last = model.layers() - 1;
    this.activation = model.activation();
    this.keep = 1f - model.dropout();
    this.l2 = settings.l2();
    int stateArrays = kind.stateArrays();
    this.stride = h * (2 + stateArrays);
    this.denseStart = model.denseStart();
    int count = (int) model.parameterCount();
    this.denseCount = count - denseStart;
    int dim = model.dim();
    this.rows = new float[dim * stride];
    for (int row = 0; row < dim; row++) {
      System.arraycopy(params, row * h, rows, row * stride, h);
      for (int j = 0; j < stateArrays; j++) {
        System.arraycopy(state, j * count + row * h, rows, row * stride + (2 + j) * h, h);
      }
    }
    this.dense = Arrays.copyOfRange(params, denseStart, count);
    this.denseGradient = new float[denseCount];
    this.denseState = new float[stateArrays * denseCount];
    for (int j = 0; j < stateArrays; j++) {
      System.arraycopy(state, j * count + denseStart, denseState, j * denseCount, denseCount);
    }
    this.decay = new float[denseCount];
    for (int e = 0; e < denseCount; e++) {
      decay[e] = model.decayed(denseStart + e) ? 1 : 0;
    }
    this.denseSum = gradientOnly ? new double[denseCount] : null;
    this.updater = new SparseUpdater(kind, settings.lr());
    this.batchRows = new RowSet(model.rows());
    this.random = new SplittableRandom(seed);
    this.activated = new float[last][];
    this.output = new float[last][];
    this.mask = new float[last][];
    for (int l = 0; l < last; l++) {
      activated[l] = new float[batchCapacity * model.width(l)];
      output[l] = new float[batchCapacity * model.width(l)];
      mask[l] = new float[batchCapacity * model.width(l)];
    }
    this.z = new double[model.outputs()];
    this.delta = new double[model.outputs()];
  }

  @Override
  protected void takeStep() {
    int n = batchSize;
    firstLayerForward(n);
    INDArray[] inputs = new INDArray[last + 1];
    INDArray[] weights = new INDArray[last + 1];
    float[] scores = null;
    for (int l = 1; l <= last; l++) {
      int in = model.width(l - 1);
      int out = model.width(l);
      inputs[l] = Nd4j.create(prefix(output[l - 1], n * in), n, in);
      weights[l] =
          Nd4j.create(
              Arrays.copyOfRange(
                  dense, model.weightAt(l) - denseStart, model.biasAt(l) - denseStart),
              in,
              out);
      float[] a = inputs[l].mmul(weights[l], 'c').data().asFloat();
      int bias = model.biasAt(l) - denseStart;
      for (int b = 0; b < n; b++) {
        for (int c = 0; c < out; c++) {
          a[b * out + c] += dense[bias + c];
        }
      }
      if (l < last) {
        activate(l, a, n);
      } else {
        scores = a;
      }
    }
    // the loss and its derivative for each score: the error entering the output layer
    int outputs = model.outputs();
    float scale = gradientOnly ? 1f : 1f / n;
    float[] error = new float[n * outputs];
    for (int b = 0; b < n; b++) {
      SparseExample example = batch[b];
      for (int c = 0; c < outputs; c++) {
        z[c] = scores[b * outputs + c];
      }
      lossSum += example.weight * model.loss(z, example.label, delta);
      for (int c = 0; c < outputs; c++) {
        error[b * outputs + c] = (float) (example.weight * delta[c]) * scale;
      }
    }
    for (int l = last; l >= 1; l--) {
      error = denseBackward(l, inputs[l], weights[l], error, n);
    }
    firstLayerBackward(error, n);
    if (!gradientOnly) {
      updater.beginStep(step);
      updater.applyRows(rows, stride, batchRows, 1.0, l2, -1, h);
      updater.applyFlat(dense, denseGradient, denseState, denseCount, 1.0, l2, decay);
      step++;
    } else {
      for (int e = 0; e < denseCount; e++) {
        denseSum[e] += denseGradient[e];
        denseGradient[e] = 0;
      }
    }
    for (int i = 0; i < batchRows.size(); i++) {
      touched.add(batchRows.row(i));
    }
    for (int row = model.dim(); row < model.rows(); row++) {
      touched.add(row);
    }
    batchRows.clear();
  }

  /**
   * Gather + segment sum: each example's first-layer units from its features' rows, then the
   * activation.
   */
  private void firstLayerForward(int n) {
    float[] a = activated[0];
    int bias = model.biasAt(0) - denseStart;
    for (int b = 0; b < n; b++) {
      SparseExample example = batch[b];
      int unit = b * h;
      System.arraycopy(dense, bias, a, unit, h);
      for (int j = 0; j < example.size; j++) {
        int base = example.indices[j] * stride;
        float value = example.values[j];
        for (int c = 0; c < h; c++) {
          a[unit + c] += value * rows[base + c];
        }
      }
    }
    activate(0, a, n);
  }

  /** Applies the activation to layer {@code l}'s pre-activations {@code a}, then dropout. */
  private void activate(int l, float[] a, int n) {
    int units = n * model.width(l);
    float[] act = activated[l];
    float[] out = output[l];
    float[] m = mask[l];
    for (int i = 0; i < units; i++) {
      act[i] = activation.apply(a[i]);
    }
    if (keep < 1f) {
      for (int i = 0; i < units; i++) {
        m[i] = random.nextDouble() < keep ? 1f / keep : 0f;
        out[i] = act[i] * m[i];
      }
    } else {
      System.arraycopy(act, 0, out, 0, units);
    }
  }

  /**
   * Adds layer {@code l}'s weight and bias gradients for the batch's {@code error} (n × width) and
   * returns the error entering the layer below (n × its width, through its activation and dropout).
   */
  private float[] denseBackward(int l, INDArray input, INDArray weight, float[] error, int n) {
    int in = model.width(l - 1);
    int out = model.width(l);
    INDArray errors = Nd4j.create(error, n, out);
    float[] gradient = input.transpose().mmul(errors, 'c').data().asFloat();
    int w = model.weightAt(l) - denseStart;
    for (int e = 0; e < gradient.length; e++) {
      denseGradient[w + e] += gradient[e];
    }
    addBiasGradient(model.biasAt(l) - denseStart, error, n, out);
    float[] below = errors.mmul(weight.transpose(), 'c').data().asFloat();
    float[] act = activated[l - 1];
    float[] m = mask[l - 1];
    boolean dropped = keep < 1f;
    for (int i = 0; i < n * in; i++) {
      below[i] *= activation.derivative(act[i]) * (dropped ? m[i] : 1f);
    }
    return below;
  }

  /**
   * Scatter-add: each feature row gets value × its example's first-layer error; the batch's rows
   * are marked.
   */
  private void firstLayerBackward(float[] error, int n) {
    addBiasGradient(model.biasAt(0) - denseStart, error, n, h);
    for (int b = 0; b < n; b++) {
      SparseExample example = batch[b];
      int unit = b * h;
      for (int j = 0; j < example.size; j++) {
        int row = example.indices[j];
        batchRows.add(row);
        int gradient = row * stride + h;
        float value = example.values[j];
        for (int c = 0; c < h; c++) {
          rows[gradient + c] += value * error[unit + c];
        }
      }
    }
  }

  private void addBiasGradient(int bias, float[] error, int n, int width) {
    for (int b = 0; b < n; b++) {
      for (int c = 0; c < width; c++) {
        denseGradient[bias + c] += error[b * width + c];
      }
    }
  }

  private static float[] prefix(float[] values, int length) {
    return values.length == length ? values : Arrays.copyOf(values, length);
  }

  @Override
  public float param(int e) {
    return e < denseStart ? rows[(e / h) * stride + e % h] : dense[e - denseStart];
  }

  @Override
  public float state(int j, int e) {
    return e < denseStart
        ? rows[(e / h) * stride + (2 + j) * h + e % h]
        : denseState[j * denseCount + e - denseStart];
  }

  @Override
  public double gradient(int e) {
    return e < denseStart ? rows[(e / h) * stride + h + e % h] : denseSum[e - denseStart];
  }
}
