package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ND4J's updaters through {@link Optimizer}: the packed state layout and the formulas. */
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

  @Test
  void timing() {
    for (int n : new int[] {1000, 30000}) {
      float[] g = new float[n];
      float[] s = new float[2 * n];
      Optimizer o = new Optimizer(OptimizerKind.ADAM, 0.01);
      for (int i = 0; i < 200; i++) o.step(g, s, n, i, 0);
      long t0 = System.nanoTime();
      for (int i = 0; i < 1000; i++) o.step(g, s, n, i, 0);
      System.out.printf("adam n=%d %.1f us/step%n", n, (System.nanoTime() - t0) / 1000 / 1e3);
    }
  }
}
