package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The driver's vector-free L-BFGS against the textbook one on explicit vectors: the direction from
 * the Gram matrix equals the two-loop recursion's, and the Gram matrix after a pair joins (and the
 * oldest leaves) equals the dot products of the vectors themselves.
 */
class LbfgsTest {
  private static final int N = 40;

  /** A random problem: pairs (s, A s) for a random SPD A, and a gradient. */
  private record Memory(List<double[]> s, List<double[]> y, double[] g) {}

  private static Memory memory(SplittableRandom random, int pairs) {
    double[][] a = new double[N][N];
    double[][] b = new double[N][N];
    for (double[] row : b) {
      for (int j = 0; j < N; j++) {
        row[j] = random.nextDouble(-1, 1);
      }
    }
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        for (int k = 0; k < N; k++) {
          a[i][j] += b[k][i] * b[k][j];
        }
      }
      a[i][i] += 0.5;
    }
    List<double[]> s = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      double[] step = vector(random);
      s.add(step);
      y.add(times(a, step));
    }
    return new Memory(s, y, vector(random));
  }

  /** Nocedal and Wright's algorithm 7.4 on explicit vectors: {@code -H g}. */
  private static double[] twoLoop(Memory m) {
    int j = m.s().size();
    double[] q = m.g().clone();
    double[] alpha = new double[j];
    for (int i = j - 1; i >= 0; i--) {
      alpha[i] = dot(m.s().get(i), q) / dot(m.s().get(i), m.y().get(i));
      axpy(-alpha[i], m.y().get(i), q);
    }
    double gamma =
        j == 0
            ? 1
            : dot(m.s().get(j - 1), m.y().get(j - 1)) / dot(m.y().get(j - 1), m.y().get(j - 1));
    for (int i = 0; i < N; i++) {
      q[i] *= gamma;
    }
    for (int i = 0; i < j; i++) {
      double beta = dot(m.y().get(i), q) / dot(m.s().get(i), m.y().get(i));
      axpy(alpha[i] - beta, m.s().get(i), q);
    }
    for (int i = 0; i < N; i++) {
      q[i] = -q[i];
    }
    return q;
  }

  private static List<double[]> basis(Memory m) {
    List<double[]> basis = new ArrayList<>(m.s());
    basis.addAll(m.y());
    basis.add(m.g());
    return basis;
  }

  private static Lbfgs.State state(Memory m, List<Integer> pairs) {
    List<double[]> basis = basis(m);
    double[] gram = new double[basis.size() * basis.size()];
    for (int a = 0; a < basis.size(); a++) {
      for (int b = 0; b < basis.size(); b++) {
        gram[a * basis.size() + b] = dot(basis.get(a), basis.get(b));
      }
    }
    return new Lbfgs.State(1, Math.sqrt(dot(m.g(), m.g())), pairs, gram, 0, List.of(1.0));
  }

  @Test
  void theObjectiveIsFlatWhenItFellLessThanTheToleranceOverTheWindow() {
    List<Double> falling = new ArrayList<>();
    for (int i = 0; i <= Lbfgs.WINDOW; i++) {
      falling.add(1.0 - 1e-4 * i);
    }
    double last = falling.get(Lbfgs.WINDOW);
    Lbfgs.State state = new Lbfgs.State(last, 1, List.of(), new double[] {1}, 0, falling);
    assertTrue(state.flat(2e-3), "fell 1e-3 of itself over the window");
    assertFalse(state.flat(5e-4));
    Lbfgs.State young =
        new Lbfgs.State(
            last, 1, List.of(), new double[] {1}, 0, falling.subList(1, falling.size()));
    assertFalse(young.flat(1), "fewer than WINDOW iterations under this penalty: not judged");
    // accepting a point appends its objective and keeps the newest WINDOW + 1
    Lbfgs.State accepted =
        Lbfgs.accept(
            state,
            12,
            last - 1e-4,
            new Lbfgs.Dots(
                new double[][] {{0}, {0}, {0}}, new double[][] {{1, 1, 0}, {1, 2, 0}, {0, 0, 1}}),
            10);
    assertEquals(Lbfgs.WINDOW + 1, accepted.recent().size());
    assertEquals(last - 1e-4, accepted.recent().get(Lbfgs.WINDOW));
    assertEquals(falling.get(1), accepted.recent().get(0));
  }

  @RepeatedTest(5)
  void aNewGradientKeepsThePairsAndTheirGramBlock(RepetitionInfo repetition) {
    SplittableRandom random = new SplittableRandom(100 + repetition.getCurrentRepetition());
    int pairs = random.nextInt(0, 6);
    Memory m = memory(random, pairs);
    List<Integer> epochs = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      epochs.add(p + 1);
    }
    Lbfgs.State old = state(m, epochs);
    // an L2 path's next penalty: the same point and pairs, another gradient
    Memory moved = new Memory(m.s(), m.y(), vector(random));
    double[] pairDots = new double[2 * pairs];
    List<double[]> basis = basis(moved);
    for (int b = 0; b < 2 * pairs; b++) {
      pairDots[b] = dot(moved.g(), basis.get(b));
    }
    Lbfgs.State updated = Lbfgs.withGradient(old, 2, pairDots, dot(moved.g(), moved.g()), 1e-3);
    Lbfgs.State expected = state(moved, epochs);
    assertEquals(epochs, updated.pairs());
    for (int i = 0; i < expected.gram().length; i++) {
      assertEquals(expected.gram()[i], updated.gram()[i], 1e-12, "Gram entry " + i);
    }
    assertEquals(
        old.firstGradientNorm(),
        updated.firstGradientNorm(),
        "the convergence test keeps its reference");
    assertEquals(1e-3, updated.l2());
    assertEquals(2, updated.objective());
  }

  @RepeatedTest(20)
  void theDirectionFromTheGramMatrixIsTheTwoLoopRecursions(RepetitionInfo repetition) {
    SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
    int pairs = random.nextInt(0, 8);
    Memory m = memory(random, pairs);
    List<Integer> epochs = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      epochs.add(p + 1);
    }
    double[] coefficients = Lbfgs.direction(state(m, epochs));
    double[] direction = new double[N];
    List<double[]> basis = basis(m);
    for (int b = 0; b < basis.size(); b++) {
      axpy(coefficients[b], basis.get(b), direction);
    }
    double[] expected = twoLoop(m);
    for (int i = 0; i < N; i++) {
      assertEquals(expected[i], direction[i], 1e-9 * (1 + Math.abs(expected[i])), "component " + i);
    }
    assertTrue(
        Lbfgs.slope(state(m, epochs), coefficients) < 0,
        "a descent direction: H is positive definite");
  }

  @Test
  void aNewPairJoinsTheGramMatrixAndTheOldestLeavesAtTheHistoryLimit() {
    SplittableRandom random = new SplittableRandom(7);
    Memory old = memory(random, 3);
    Lbfgs.State before = state(old, List.of(1, 2, 3));
    double[] s = vector(random);
    double[] gNew = vector(random);
    double[] y = gNew.clone();
    axpy(-1, old.g(), y);
    List<double[]> oldBasis = basis(old);
    double[][] fresh = {s, y, gNew};
    double[][] newOld = new double[3][oldBasis.size()];
    double[][] newNew = new double[3][3];
    for (int n = 0; n < 3; n++) {
      for (int b = 0; b < oldBasis.size(); b++) {
        newOld[n][b] = dot(fresh[n], oldBasis.get(b));
      }
      for (int n2 = 0; n2 < 3; n2++) {
        newNew[n][n2] = dot(fresh[n], fresh[n2]);
      }
    }
    // make sᵀy positive so the pair is kept
    assertTrue(
        newNew[0][1] > 0 || flip(s, newOld, newNew, oldBasis), "a pair with positive curvature");
    // history 2: a run resumed with a smaller history than its memory holds drops two pairs
    for (int history : new int[] {2, 3, 5}) {
      Lbfgs.State after = Lbfgs.accept(before, 4, 0.5, new Lbfgs.Dots(newOld, newNew), history);
      int dropped = Math.max(0, 4 - history);
      List<double[]> keptS = new ArrayList<>(old.s().subList(dropped, 3));
      List<double[]> keptY = new ArrayList<>(old.y().subList(dropped, 3));
      keptS.add(s);
      keptY.add(y);
      Lbfgs.State expected = state(new Memory(keptS, keptY, gNew), after.pairs());
      assertEquals(List.of(1, 2, 3, 4).subList(dropped, 4), after.pairs());
      assertEquals(expected.gram().length, after.gram().length);
      for (int i = 0; i < expected.gram().length; i++) {
        assertEquals(
            expected.gram()[i],
            after.gram()[i],
            1e-12 * (1 + Math.abs(expected.gram()[i])),
            "entry " + i);
      }
      assertEquals(0.5, after.objective());
    }
  }

  @Test
  void aPairWithoutPositiveCurvatureIsSkipped() {
    SplittableRandom random = new SplittableRandom(3);
    Memory old = memory(random, 2);
    Lbfgs.State before = state(old, List.of(1, 2));
    int basis = before.basisSize();
    double[][] newOld = new double[3][basis];
    double[][] newNew = {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 4}};
    Lbfgs.State after = Lbfgs.accept(before, 3, 0.5, new Lbfgs.Dots(newOld, newNew), 10);
    assertEquals(List.of(1, 2), after.pairs());
    assertEquals(
        4, after.gram()[after.gram().length - 1], "the new gradient's squared norm ends the basis");
    assertEquals(2, after.gradientNorm());
  }

  @Test
  void backtrackingStaysBetweenATenthAndAHalfOfTheStep() {
    assertEquals(0.5, Lbfgs.backtrack(1, 1, -1, 0.9), 1e-12);
    assertEquals(1 / 2.4, Lbfgs.backtrack(1, 1, -1, 1.2), 1e-12);
    assertEquals(0.1, Lbfgs.backtrack(1, 1, -1, Double.POSITIVE_INFINITY), 1e-12);
    // f = 1 - a + 2 a² has its minimum at a = 0.25
    assertEquals(0.25, Lbfgs.backtrack(1, 1, -1, 2), 1e-12);
  }

  private static boolean flip(
      double[] s, double[][] newOld, double[][] newNew, List<double[]> oldBasis) {
    for (int i = 0; i < N; i++) {
      s[i] = -s[i];
    }
    for (int b = 0; b < oldBasis.size(); b++) {
      newOld[0][b] = -newOld[0][b];
    }
    newNew[0][1] = newNew[1][0] = -newNew[0][1];
    newNew[0][2] = newNew[2][0] = -newNew[0][2];
    return newNew[0][1] > 0;
  }

  private static double[] vector(SplittableRandom random) {
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }

  private static double[] times(double[][] a, double[] x) {
    double[] out = new double[N];
    for (int i = 0; i < N; i++) {
      out[i] = dot(a[i], x);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }
}
