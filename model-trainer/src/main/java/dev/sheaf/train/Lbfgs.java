package dev.sheaf.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's side of vector-free L-BFGS (Chen, Wang and Zhou, "Large-scale L-BFGS using
 * MapReduce", NIPS 2014): the driver holds no parameter-sized vector, only the Gram matrix of the
 * basis {@code s_1..s_j, y_1..y_j, g} (the last {@code j <= m} position and gradient differences,
 * oldest first, then the gradient at the current point), whose vectors live as slice files beside
 * the parameters. The two-loop recursion of Nocedal and Wright ("Numerical Optimization", 2nd ed.,
 * algorithm 7.4) runs on coefficients over that basis, so the search direction comes out as {@code
 * (2j+1)} coefficients that the step job applies slice by slice; the reducers that compute a new
 * gradient also compute its dot products with the basis ({@link LbfgsReducer}).
 *
 * <p>A state is what a checkpoint records in {@code lbfgs.json}: the objective at the point, the
 * Gram matrix (row-major, {@code (2j+1)²} values), the epochs whose pairs form the basis, the first
 * gradient's norm (the convergence test is relative to it), the L2 penalty the objective and
 * gradient are of (an L2 path changes it: the state is then computed again) and the objectives of
 * the last {@link #WINDOW} + 1 points under that penalty, newest last (the flatness test).
 */
final class Lbfgs {
  /** Armijo's sufficient-decrease constant (Nocedal and Wright's c1). */
  static final double ARMIJO = 1e-4;

  /**
   * Iterations over which the flatness test measures the objective's decrease (as Breeze's L-BFGS,
   * Spark's solver).
   */
  static final int WINDOW = 10;

  private Lbfgs() {}

  /**
   * One point's L-BFGS memory; {@code pairs} are the epochs whose {@code s, y} vectors the basis
   * holds, oldest first.
   */
  record State(
      double objective,
      double firstGradientNorm,
      List<Integer> pairs,
      double[] gram,
      double l2,
      List<Double> recent) {
    State {
      // a state written before the flatness test has no recent objectives
      recent = recent == null ? List.of(objective) : List.copyOf(recent);
      int n = 2 * pairs.size() + 1;
      if (gram.length != n * n) {
        throw new IllegalArgumentException(
            "a basis of "
                + pairs.size()
                + " pairs has a "
                + n
                + "x"
                + n
                + " Gram matrix, not "
                + gram.length
                + " values");
      }
    }

    int basisSize() {
      return 2 * pairs.size() + 1;
    }

    double gram(int a, int b) {
      return gram[a * basisSize() + b];
    }

    /** {@code |g|} at this point. */
    double gradientNorm() {
      int g = basisSize() - 1;
      return Math.sqrt(Math.max(0, gram(g, g)));
    }

    /** {@code aᵀ G b} for coefficient vectors over the basis. */
    double dot(double[] a, double[] b) {
      int n = basisSize();
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] == 0) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          sum += a[i] * gram[i * n + j] * b[j];
        }
      }
      return sum;
    }

    /** This point without memory: the next direction is {@code -g}. */
    State withoutPairs() {
      int g = basisSize() - 1;
      return new State(
          objective, firstGradientNorm, List.of(), new double[] {gram(g, g)}, l2, recent);
    }

    /**
     * Whether the objective fell by at most {@code tolerance} of itself over the last {@link
     * #WINDOW} iterations (false until there are that many under this penalty).
     */
    boolean flat(double tolerance) {
      return recent.size() > WINDOW && recent.get(0) - objective <= tolerance * Math.abs(objective);
    }

    /** The first point's state: no pairs, the gradient's squared norm under {@code l2}. */
    static State first(double objective, double gradientSquared, double l2) {
      return new State(
          objective,
          Math.sqrt(gradientSquared),
          List.of(),
          new double[] {gradientSquared},
          l2,
          List.of(objective));
    }
  }

  /**
   * The search direction {@code d = -H g} as coefficients over {@code state}'s basis, with {@code
   * H} the L-BFGS inverse-Hessian approximation scaled by {@code γ = sᵀy / yᵀy} of the newest pair
   * (plain {@code -g} without pairs).
   */
  static double[] direction(State state) {
    int j = state.pairs().size();
    int n = state.basisSize();
    double[] q = new double[n];
    q[n - 1] = 1;
    double[] alpha = new double[j];
    double[] rho = new double[j];
    for (int i = j - 1; i >= 0; i--) {
      rho[i] = 1 / state.gram(i, j + i);
      alpha[i] = rho[i] * state.dot(unit(n, i), q);
      q[j + i] -= alpha[i];
    }
    double gamma = j == 0 ? 1 : state.gram(j - 1, 2 * j - 1) / state.gram(2 * j - 1, 2 * j - 1);
    for (int i = 0; i < n; i++) {
      q[i] *= gamma;
    }
    for (int i = 0; i < j; i++) {
      double beta = rho[i] * state.dot(unit(n, j + i), q);
      q[i] += alpha[i] - beta;
    }
    for (int i = 0; i < n; i++) {
      q[i] = -q[i];
    }
    return q;
  }

  /** {@code gᵀ d} for direction coefficients {@code d}: negative for a descent direction. */
  static double slope(State state, double[] direction) {
    return state.dot(unit(state.basisSize(), state.basisSize() - 1), direction);
  }

  /**
   * The next trial step after {@code α} failed Armijo's test with objective {@code f} (start {@code
   * f0}, slope {@code slope0}): the minimiser of the quadratic through them, kept within {@code
   * [0.1 α, 0.5 α]} (Nocedal and Wright, section 3.5).
   */
  static double backtrack(double alpha, double f0, double slope0, double f) {
    double curvature = f - f0 - alpha * slope0;
    double quadratic = curvature > 0 ? -slope0 * alpha * alpha / (2 * curvature) : 0.5 * alpha;
    return Math.max(0.1 * alpha, Math.min(0.5 * alpha, quadratic));
  }

  /**
   * {@code old}'s point and pairs with a new gradient {@code g'} (of the objective with penalty
   * {@code l2}): {@code pairDots[b]} is {@code g'} dotted with each pair vector of {@code old}'s
   * basis in its order (s..., y...), {@code gradientSquared} is {@code |g'|²}. The convergence test
   * keeps {@code old}'s reference.
   */
  static State withGradient(
      State old, double objective, double[] pairDots, double gradientSquared, double l2) {
    int n = old.basisSize();
    double[] gram = new double[n * n];
    for (int a = 0; a < n - 1; a++) {
      System.arraycopy(old.gram, a * n, gram, a * n, n - 1);
      gram[a * n + n - 1] = pairDots[a];
      gram[(n - 1) * n + a] = pairDots[a];
    }
    gram[n * n - 1] = gradientSquared;
    return new State(objective, old.firstGradientNorm(), old.pairs(), gram, l2, List.of(objective));
  }

  /**
   * The dot products the reducers return for an accepted trial point, summed over slices: the new
   * vectors {@code s = x_t - x, y = g_t - g, g_t} (only {@code g_t} for the first point) against
   * each old basis vector ({@code newOld[n][b]}) and against each other ({@code newNew[n][n']}).
   */
  record Dots(double[][] newOld, double[][] newNew) {}

  /**
   * The state at an accepted trial point: the pair {@code (s, y)} joins the basis when {@code sᵀy >
   * ε yᵀy} (else it is skipped, as curvature that would spoil {@code H}), the oldest pair leaves
   * when there are more than {@code history}, and the new gradient ends the basis.
   */
  static State accept(State old, int epoch, double objective, Dots dots, int history) {
    int j = old.pairs().size();
    double sy = dots.newNew()[0][1];
    double yy = dots.newNew()[1][1];
    boolean keep = sy > 1e-10 * yy;
    List<Integer> pairs = new ArrayList<>(old.pairs());
    // each new basis vector as (old index) or (-1 - new index): s = -1, y = -2, g_t = -3
    List<Integer> sources = new ArrayList<>();
    // the oldest pairs beyond the history (more than one when a run resumes with a smaller one)
    int drop = Math.min(j, Math.max(0, j + (keep ? 1 : 0) - history));
    if (keep) {
      pairs.add(epoch);
    }
    pairs = pairs.subList(drop, pairs.size());
    for (int i = drop; i < j; i++) {
      sources.add(i);
    }
    if (keep) {
      sources.add(-1);
    }
    for (int i = drop; i < j; i++) {
      sources.add(j + i);
    }
    if (keep) {
      sources.add(-2);
    }
    sources.add(-3);
    int n = sources.size();
    double[] gram = new double[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        gram[a * n + b] = dot(old, dots, sources.get(a), sources.get(b));
      }
    }
    List<Double> recent = new ArrayList<>(old.recent());
    recent.add(objective);
    return new State(
        objective,
        old.firstGradientNorm(),
        List.copyOf(pairs),
        gram,
        old.l2(),
        recent.subList(Math.max(0, recent.size() - WINDOW - 1), recent.size()));
  }

  private static double dot(State old, Dots dots, int a, int b) {
    if (a >= 0 && b >= 0) {
      return old.gram(a, b);
    }
    if (a < 0 && b < 0) {
      return dots.newNew()[-1 - a][-1 - b];
    }
    return a < 0 ? dots.newOld()[-1 - a][b] : dots.newOld()[-1 - b][a];
  }

  private static double[] unit(int n, int i) {
    double[] e = new double[n];
    e[i] = 1;
    return e;
  }
}
