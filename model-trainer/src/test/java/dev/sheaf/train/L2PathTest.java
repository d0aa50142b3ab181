package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The L2 path's penalties (liblinear's C over n), their order, and how its optima compare. */
class L2PathTest {
  private static TrainingState optimum(int epoch, double accuracy, double loss) {
    return new TrainingState(
        epoch, epoch, 42, 1.0, loss, loss, accuracy, 100, 1, 0, null, 0, loss, 1, 1e-3);
  }

  @Test
  void thePenaltiesAreOneOverCnStrongestFirst() {
    L2Path path = new L2Path(4022);
    assertEquals(1.0 / 4022, path.first());
    double l2 = path.first();
    int steps = 1;
    for (Double next = path.after(l2); next != null; next = path.after(next)) {
      assertTrue(next < l2, "each penalty is weaker than the one before");
      assertEquals(L2Path.C[steps], path.c(next), 1e-9 * L2Path.C[steps]);
      l2 = next;
      steps++;
    }
    assertEquals(L2Path.C.length, steps, "the path visits every C once");
    assertNull(path.after(path.l2(L2Path.C[L2Path.C.length - 1])));
    assertNull(path.after(3e-5), "a penalty off the path has no successor");
    assertEquals("l2 1.55e-05 (C = 16)", path.describe(path.l2(16)));
  }

  @Test
  void anOptimumIsBetterByValidAccuracyThenByValidLoss() {
    TrainingState best = optimum(10, 0.95, 0.30);
    assertTrue(L2Path.better(best, null), "the first optimum is the best so far");
    assertTrue(
        L2Path.better(optimum(20, 0.96, 0.90), best), "higher accuracy wins whatever its loss");
    assertFalse(
        L2Path.better(optimum(20, 0.94, 0.10), best), "lower accuracy loses whatever its loss");
    assertTrue(L2Path.better(optimum(20, 0.95, 0.20), best), "a tie goes to the lower loss");
    assertFalse(
        L2Path.better(optimum(20, 0.95, 0.30), best),
        "an exact tie keeps the earlier, stronger penalty");
  }
}
