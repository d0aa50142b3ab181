package dev.sheaf.model;

/**
 * ND4J's updaters (the formulas of {@code Sgd}, {@code Nesterovs}, {@code AdaGrad}, {@code Adam} in
 * ND4J 1.0.0-M2.1) applied element by element to the rows a mini-batch touched, in plain Java. A
 * mapper takes a step every batch (32 examples, about 11,000 touched rows on SpamAssassin); one
 * ND4J updater call on packed arrays costs 140-220 µs on 1,000 values and 0.8-0.9 ms on 30,000 here
 * (AdaGrad, Adam; bench/train-hot-loop.sh prints it), about 15 µs an example, which would cap a map
 * task near 60,000 examples/s before it read a byte, while these loops cost a few ns a value. Rows
 * a step does not touch keep their state (lazy, as sparse Adam usually is). {@code OptimizerTest}
 * pins these loops to ND4J's updaters, step for step.
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
   * One step over the rows of {@code rows} in a row-major array of {@code stride} floats a row: the
   * {@code outputs} parameters, their gradients, then each state array's values. The gradient
   * counts times {@code scale}, plus {@code l2} × the parameter on every row but {@code biasRow};
   * it is zeroed once used.
   */
  public void applyRows(
      float[] w, int stride, RowSet rows, double scale, double l2, int biasRow, int outputs) {
    int count = rows.size();
    for (int i = 0; i < count; i++) {
      int row = rows.row(i);
      int p = row * stride;
      update(
          w,
          p,
          w,
          p + outputs,
          w,
          p + 2 * outputs,
          outputs,
          outputs,
          (float) scale,
          row == biasRow ? 0f : (float) l2);
    }
  }

  /**
   * One step over {@code n} parameters in flat arrays: {@code params}, their {@code gradient}s
   * (times {@code scale}, zeroed once used) and the state arrays one after another in {@code state}
   * ({@code n} values each); L2 is {@code l2 × decay[e]} (1 for weights, 0 for biases).
   */
  public void applyFlat(
      float[] params,
      float[] gradient,
      float[] state,
      int n,
      double scale,
      double l2,
      float[] decay) {
    for (int e = 0; e < n; e++) {
      update(params, e, gradient, e, state, e, n, 1, (float) scale, (float) (l2 * decay[e]));
    }
  }

  /**
   * Steps {@code n} parameters from {@code w[p]}, with gradients from {@code g[gi]} (zeroed) and
   * state from {@code st[si]} (state array j at {@code si + j·stateStride}). In float, as ND4J's
   * updaters on float arrays, one plain loop per optimizer: the JIT vectorises them (AdaGrad on
   * 64-wide rows ran 1.9x faster than the same formulas in double through one per-element switch).
   */
  private void update(
      float[] w,
      int p,
      float[] g,
      int gi,
      float[] st,
      int si,
      int stateStride,
      int n,
      float scale,
      float decay) {
    float rate = (float) lr;
    switch (kind) {
      case SGD -> {
        for (int c = 0; c < n; c++) {
          float gradient = g[gi + c] * scale + decay * w[p + c];
          g[gi + c] = 0;
          w[p + c] -= rate * gradient;
        }
      }
      case MOMENTUM -> {
        float mu = (float) OptimizerKind.MOMENTUM_COEFFICIENT;
        for (int c = 0; c < n; c++) {
          float gradient = g[gi + c] * scale + decay * w[p + c];
          g[gi + c] = 0;
          float previous = st[si + c];
          float velocity = mu * previous - rate * gradient;
          st[si + c] = velocity;
          w[p + c] -= mu * previous - (1 + mu) * velocity;
        }
      }
      case ADAGRAD -> {
        float epsilon = (float) OptimizerKind.EPSILON;
        for (int c = 0; c < n; c++) {
          float gradient = g[gi + c] * scale + decay * w[p + c];
          g[gi + c] = 0;
          float history = st[si + c] + gradient * gradient;
          st[si + c] = history;
          w[p + c] -= rate * gradient / ((float) Math.sqrt(history) + epsilon);
        }
      }
      case ADAM -> {
        float alpha = (float) adamAlpha;
        float epsilon = (float) OptimizerKind.EPSILON;
        int vi = si + stateStride;
        for (int c = 0; c < n; c++) {
          float gradient = g[gi + c] * scale + decay * w[p + c];
          g[gi + c] = 0;
          float m = 0.9f * st[si + c] + 0.1f * gradient;
          float v = 0.999f * st[vi + c] + 0.001f * gradient * gradient;
          st[si + c] = m;
          st[vi + c] = v;
          w[p + c] -= alpha * m / ((float) Math.sqrt(v) + epsilon);
        }
      }
    }
  }
}
