package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ND4J's updaters through {@link Optimizer} (the reducers' dense step), and the plain-Java loops of
 * {@link SparseUpdater} (the map tasks' sparse steps) held to them.
 */
class OptimizerTest {
  @Test
  void adamFollowsItsFormulaWithStateLaidOutFirstMomentsThenSecond() {
    float[] g = {0.5f, -1f, 2f};
    float[] state = {0.1f, 0.2f, -0.3f, 0.04f, 0.05f, 0.06f};
    float[] expected = new float[3];
    float[] expectedState = new float[6];
    double lr = 0.01;
    int t = 3;
    for (int i = 0; i < 3; i++) {
      double m = 0.9 * state[i] + 0.1 * g[i];
      double v = 0.999 * state[3 + i] + 0.001 * g[i] * g[i];
      double alpha = lr * Math.sqrt(1 - Math.pow(0.999, t + 1)) / (1 - Math.pow(0.9, t + 1));
      expected[i] = (float) (alpha * m / (Math.sqrt(v) + 1e-8));
      expectedState[i] = (float) m;
      expectedState[3 + i] = (float) v;
    }
    new Optimizer(OptimizerKind.ADAM, lr).step(g, state, 3, t, 0);
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i], g[i], 1e-6, "update " + i);
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(expectedState[i], state[i], 1e-6, "state " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void sparseLoopsMatchNd4jUpdatersStepAfterStep(OptimizerKind kind) {
    int n = 50;
    SplittableRandom random = new SplittableRandom(7);
    float[] paramsNd4j = new float[n];
    float[] stateNd4j = new float[kind.stateArrays() * n];
    int stride = 2 + kind.stateArrays(); // one output a row: parameter, gradient, state values
    float[] rows = new float[n * stride];
    for (int i = 0; i < n; i++) {
      paramsNd4j[i] = rows[i * stride] = (float) random.nextGaussian();
    }
    double lr = 0.05;
    Optimizer nd4j = new Optimizer(kind, lr);
    SparseUpdater loops = new SparseUpdater(kind, lr);
    RowSet all = new RowSet(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    for (int step = 0; step < 5; step++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = rows[i * stride + 1] = (float) random.nextGaussian();
      }
      nd4j.step(g, stateNd4j, n, step, 0);
      for (int i = 0; i < n; i++) {
        paramsNd4j[i] -= g[i];
      }
      loops.beginStep(step);
      // no L2, no bias row: the loops see the plain gradient
      loops.applyRows(rows, stride, all, 1.0, 0, -1, 1);
      for (int i = 0; i < n; i++) {
        assertEquals(
            paramsNd4j[i],
            rows[i * stride],
            1e-5 * Math.max(1, Math.abs(paramsNd4j[i])),
            kind + " step " + step + " parameter " + i);
        assertEquals(0, rows[i * stride + 1], "the gradient is used up");
        for (int j = 0; j < kind.stateArrays(); j++) {
          float expected = stateNd4j[j * n + i];
          assertEquals(
              expected,
              rows[i * stride + 2 + j],
              1e-5 * Math.max(1, Math.abs(expected)),
              kind + " step " + step + " state " + j + " of " + i);
        }
      }
    }
  }
}
