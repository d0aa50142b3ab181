package dev.sheaf.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A checkpoint's {@code state.json}: where training stands after {@code epoch} (0: the initial
 * model). With the checkpoint's slice files (parameters and optimizer state) it is everything a
 * resumed run needs: the global step, the best epoch so far for early stopping, and the seed the
 * per-epoch, per-split example order derives from (there is no other random state); with
 * {@code --sync lbfgs} also the objective at the epoch's point and the passes over the data its
 * line search took ({@code lr} is then the accepted step length). Written last,
 * so its presence marks the checkpoint complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingState(int epoch, long step, long seed, Double lr, Double trainLoss, Double validLoss,
    Double validAccuracy, long examples, double seconds, int bestEpoch, Double bestValidLoss,
    int epochsWithoutImprovement, Double objective, Integer passes) {
  public static final String FILE = "state.json";

  static TrainingState initial(long seed) {
    return new TrainingState(0, 0, seed, null, null, null, null, 0, 0, 0, null, 0, null, null);
  }
}
