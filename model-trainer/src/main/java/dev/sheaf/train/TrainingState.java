package dev.sheaf.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A checkpoint's {@code state.json}: where training stands after {@code epoch} (0: the initial
 * model). With the checkpoint's slice files (parameters and optimizer state) it is everything a
 * resumed run needs: the global step, the best epoch so far for early stopping, and the seed the
 * per-epoch, per-split example order derives from (there is no other random state); with {@code
 * --sync lbfgs} also the objective at the epoch's point and the passes over the data its line
 * search took ({@code lr} is then the accepted step length) and the L2 penalty the epoch descended
 * (an L2 path moves it; the best fields then follow the path's optima, not the epochs). Written
 * last, so its presence marks the checkpoint complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingState(
    int epoch,
    long step,
    long seed,
    Double lr,
    Double trainLoss,
    Double validLoss,
    Double validAccuracy,
    long examples,
    double seconds,
    int bestEpoch,
    Double bestValidLoss,
    int epochsWithoutImprovement,
    Double objective,
    Integer passes,
    Double l2) {
  public static final String FILE = "state.json";

  static TrainingState initial(long seed) {
    return new TrainingState(
        0, 0, seed, null, null, null, null, 0, 0, 0, null, 0, null, null, null);
  }

  /** This state with the best-so-far fields replaced (an L2 path's selection among its optima). */
  TrainingState withBest(int best, Double bestLoss, int withoutImprovement) {
    return new TrainingState(
        epoch,
        step,
        seed,
        lr,
        trainLoss,
        validLoss,
        validAccuracy,
        examples,
        seconds,
        best,
        bestLoss,
        withoutImprovement,
        objective,
        passes,
        l2);
  }
}
