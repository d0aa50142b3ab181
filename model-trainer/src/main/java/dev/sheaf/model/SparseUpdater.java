package dev.sheaf.model;

/**
 * ND4J's updaters (the formulas of {@code Sgd}, {@code Nesterovs}, {@code AdaGrad}, {@code Adam} in
 * ND4J 1.0.0-M2.1) applied element by element to the rows a mini-batch touched, in plain Java.
 * A mapper takes thousands of small sparse steps per epoch; one ND4J updater call costs about
 * 250 µs on 1,000 packed values and 2 ms on 30,000 on this machine (OptimizerTest prints it), which
 * would cap a map task near 100k examples/s before it read a byte, while these loops cost a few ns
 * a value. Rows a step does not touch keep their state (lazy, as sparse Adam usually is).
 * {@code UpdaterParityTest} pins these loops to ND4J's updaters.
 */
public final class SparseUpdater {
  private final OptimizerKind kind;
  private final double lr;
  private final int stride;
  private double adamAlpha;

  /** {@code stride}: the length of one state array (the parameter count); state array j starts at j·stride. */
  public SparseUpdater(OptimizerKind kind, double lr, int stride) {
    this.kind = kind;
    this.lr = lr;
    this.stride = stride;
  }

  /** Call before each step's elements: {@code iteration} is the global step count. */
  public void beginStep(long iteration) {
    if (kind == OptimizerKind.ADAM) {
      double t = iteration + 1;
      adamAlpha = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
    }
  }

  /**
   * One step over the rows of {@code rows}: slot s's gradient is {@code gradient[s·outputs, (s+1)·outputs)}
   * times {@code scale}, plus {@code l2} × the parameter on every row but {@code biasRow}. Clears
   * the gradient it used.
   */
  public void applyRows(float[] params, float[] state, RowSet rows, double[] gradient, double scale, double l2,
      int biasRow, int outputs) {
    int count = rows.size();
    for (int slot = 0; slot < count; slot++) {
      int row = rows.row(slot);
      double decay = row == biasRow ? 0 : l2;
      int base = row * outputs;
      int at = slot * outputs;
      for (int c = 0; c < outputs; c++) {
        int e = base + c;
        double g = gradient[at + c] * scale + decay * params[e];
        gradient[at + c] = 0;
        switch (kind) {
          case SGD -> params[e] -= (float) (lr * g);
          case MOMENTUM -> momentum(params, state, e, g);
          case ADAGRAD -> {
            double history = state[e] + g * g;
            state[e] = (float) history;
            params[e] -= (float) (lr * g / (Math.sqrt(history) + OptimizerKind.EPSILON));
          }
          case ADAM -> adam(params, state, e, g);
        }
      }
    }
  }

  private void momentum(float[] params, float[] state, int e, double g) {
    double previous = state[e];
    double velocity = OptimizerKind.MOMENTUM_COEFFICIENT * previous - lr * g;
    state[e] = (float) velocity;
    params[e] -= (float) (OptimizerKind.MOMENTUM_COEFFICIENT * previous
        - (1 + OptimizerKind.MOMENTUM_COEFFICIENT) * velocity);
  }

  private void adam(float[] params, float[] state, int e, double g) {
    double m = 0.9 * state[e] + 0.1 * g;
    double v = 0.999 * state[stride + e] + 0.001 * g * g;
    state[e] = (float) m;
    state[stride + e] = (float) v;
    params[e] -= (float) (adamAlpha * m / (Math.sqrt(v) + OptimizerKind.EPSILON));
  }
}
