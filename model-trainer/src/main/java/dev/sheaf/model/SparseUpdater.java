package dev.sheaf.model;

/**
 * ND4J's updaters (the formulas of {@code Sgd}, {@code Nesterovs}, {@code AdaGrad}, {@code Adam} in
 * ND4J 1.0.0-M2.1) applied element by element to the rows a mini-batch touched, in plain Java.
 * A mapper takes a step every batch (32 examples, about 11,000 touched rows on SpamAssassin); one
 * ND4J updater call on packed arrays costs 140-220 µs on 1,000 values and 0.8-0.9 ms on 30,000
 * here (AdaGrad, Adam; bench/train-hot-loop.sh prints it), about 15 µs an example, which would
 * cap a map task near 60,000 examples/s before it read a byte, while these loops cost a few ns a
 * value. Rows a step does not touch keep their state (lazy, as sparse Adam usually is).
 * {@code OptimizerTest} pins these loops to ND4J's updaters, step for step.
 */
public final class SparseUpdater {
  private final OptimizerKind kind;
  private final double lr;
  private double adamAlpha;

  public SparseUpdater(OptimizerKind kind, double lr) {
    this.kind = kind;
    this.lr = lr;
  }

  /** Call before each step's elements: {@code iteration} is the global step count. */
  public void beginStep(long iteration) {
    if (kind == OptimizerKind.ADAM) {
      double t = iteration + 1;
      adamAlpha = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
    }
  }

  /**
   * One step over the rows of {@code rows} in a row-major array of {@code stride} floats a row:
   * the {@code outputs} parameters, their gradients, then each state array's values. The gradient
   * counts times {@code scale}, plus {@code l2} × the parameter on every row but {@code biasRow};
   * it is zeroed once used.
   */
  public void applyRows(float[] w, int stride, RowSet rows, double scale, double l2, int biasRow, int outputs) {
    int count = rows.size();
    for (int i = 0; i < count; i++) {
      int row = rows.row(i);
      double decay = row == biasRow ? 0 : l2;
      int base = row * stride;
      for (int c = 0; c < outputs; c++) {
        int p = base + c;
        int g = p + outputs;
        double gradient = w[g] * scale + decay * w[p];
        w[g] = 0;
        w[p] = step(w[p], gradient, w, g + outputs, outputs);
      }
    }
  }

  /**
   * One step over {@code n} parameters in flat arrays: {@code params}, their {@code gradient}s
   * (times {@code scale}, zeroed once used) and the state arrays one after another in
   * {@code state} ({@code n} values each); L2 is {@code l2 × decay[e]} (1 for weights, 0 for biases).
   */
  public void applyFlat(float[] params, float[] gradient, float[] state, int n, double scale, double l2,
      float[] decay) {
    for (int e = 0; e < n; e++) {
      double g = gradient[e] * scale + l2 * decay[e] * params[e];
      gradient[e] = 0;
      params[e] = step(params[e], g, state, e, n);
    }
  }

  /** The parameter after one step on {@code gradient}; its state values lie at {@code state[s + j·stateStride]}. */
  private float step(float param, double gradient, float[] state, int s, int stateStride) {
    switch (kind) {
      case SGD -> {
        return (float) (param - (float) (lr * gradient));
      }
      case MOMENTUM -> {
        double previous = state[s];
        double velocity = OptimizerKind.MOMENTUM_COEFFICIENT * previous - lr * gradient;
        state[s] = (float) velocity;
        return param - (float) (OptimizerKind.MOMENTUM_COEFFICIENT * previous
            - (1 + OptimizerKind.MOMENTUM_COEFFICIENT) * velocity);
      }
      case ADAGRAD -> {
        double history = state[s] + gradient * gradient;
        state[s] = (float) history;
        return param - (float) (lr * gradient / (Math.sqrt(history) + OptimizerKind.EPSILON));
      }
      default -> {
        double m = 0.9 * state[s] + 0.1 * gradient;
        double v = 0.999 * state[s + stateStride] + 0.001 * gradient * gradient;
        state[s] = (float) m;
        state[s + stateStride] = (float) v;
        return param - (float) (adamAlpha * m / (Math.sqrt(v) + OptimizerKind.EPSILON));
      }
    }
  }
}
