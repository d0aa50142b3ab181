package dev.sheaf.train;

import java.util.Locale;

/**
 * {@code --l2 auto} with {@code --sync lbfgs}: a regularisation path. L-BFGS solves the objective
 * for {@code l2 = 1 / (C n)} ({@code n} training examples, so {@code C} is liblinear's) with {@code
 * C} = {@link #C} in turn, strongest penalty first, each solve warm-started from the previous
 * optimum (Chu, Ho and Lin, "Warm Start for Parameter Selection of Linear Classifiers", KDD 2015:
 * what {@code liblinear-train -C} does), and keeps the optimum with the highest validation accuracy
 * (ties: the lower validation loss). The path stops after {@link #PATIENCE} optima in a row that
 * are not better, or at the last {@code C}, or when the run's epochs are spent.
 *
 * @param examples the training examples ({@code n}, at least 1)
 */
record L2Path(long examples) {
  /**
   * liblinear's C values the path tries, in order: factors of 4, as a C search on valid usually
   * steps.
   */
  static final double[] C = {1, 4, 16, 64, 256, 1024};

  /** Optima in a row that are not better before the path stops. */
  static final int PATIENCE = 2;

  /** The penalty for {@code C}: {@code 1 / (C n)}. */
  double l2(double c) {
    return 1 / (c * examples);
  }

  /** The first penalty of the path. */
  double first() {
    return l2(C[0]);
  }

  /** The penalty after {@code l2} on the path, or null when {@code l2} is its last. */
  Double after(double l2) {
    for (int i = 0; i + 1 < C.length; i++) {
      if (l2(C[i]) == l2) {
        return l2(C[i + 1]);
      }
    }
    return null;
  }

  /** liblinear's {@code C} for {@code l2}: {@code 1 / (l2 n)}. */
  double c(double l2) {
    return 1 / (l2 * examples);
  }

  /**
   * Whether optimum {@code candidate} beats {@code best} (null: none yet): higher valid accuracy,
   * then lower valid loss.
   */
  static boolean better(TrainingState candidate, TrainingState best) {
    if (best == null) {
      return true;
    }
    int accuracy = Double.compare(candidate.validAccuracy(), best.validAccuracy());
    return accuracy > 0 || accuracy == 0 && candidate.validLoss() < best.validLoss();
  }

  /** {@code l2 1.32e-06 (C = 64)}. */
  String describe(double l2) {
    double c = c(l2);
    String value =
        Math.abs(c - Math.rint(c)) < 1e-9 * c
            ? Long.toString(Math.round(c))
            : String.format(Locale.ROOT, "%.4g", c);
    return String.format(Locale.ROOT, "l2 %.3g (C = %s)", l2, value);
  }
}
