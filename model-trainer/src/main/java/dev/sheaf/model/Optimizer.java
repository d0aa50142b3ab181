package dev.sheaf.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One optimizer step through ND4J's updater on packed arrays: {@code gradient} (n values) becomes
 * the update to subtract from the parameters, and {@code state} ({@code stateArrays × n} values,
 * one state array after another, the layout of ND4J's view array) moves on one step. The trainer
 * packs the rows a mini-batch touched (map side) or a reducer's whole slice into these arrays.
 */
public final class Optimizer {
  private final OptimizerKind kind;
  private final IUpdater updater;

  public Optimizer(OptimizerKind kind, double lr) {
    this.kind = kind;
    this.updater = kind.updater(lr);
  }

  /**
   * Turns {@code gradient[0, n)} into the update and advances {@code state[0, stateArrays·n)};
   * {@code iteration} is the global step count (Adam's bias correction).
   */
  public void step(float[] gradient, float[] state, int n, long iteration, int epoch) {
    if (n == 0) {
      return;
    }
    INDArray g =
        Nd4j.createFromArray(n == gradient.length ? gradient : java.util.Arrays.copyOf(gradient, n))
            .reshape(1, n);
    int stateLength = kind.stateArrays() * n;
    INDArray view =
        stateLength == 0
            ? null
            : Nd4j.createFromArray(
                    stateLength == state.length
                        ? state
                        : java.util.Arrays.copyOf(state, stateLength))
                .reshape(1, stateLength);
    GradientUpdater<?> step = updater.instantiate(view, false);
    step.applyUpdater(g, (int) Math.min(Integer.MAX_VALUE, iteration), epoch);
    System.arraycopy(g.data().asFloat(), 0, gradient, 0, n);
    if (view != null) {
      System.arraycopy(view.data().asFloat(), 0, state, 0, stateLength);
    }
  }
}
