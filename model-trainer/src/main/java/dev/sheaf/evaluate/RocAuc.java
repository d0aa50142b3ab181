package dev.sheaf.evaluate;

/**
 * The exact area under the ROC curve from (negatives, positives) counts per distinct score, fed in
 * ascending score order: the probability that a random positive scores above a random negative,
 * ties counting half (the Mann-Whitney statistic).
 */
public final class RocAuc {
  private long negativesBelow;
  private long positives;
  private double pairs;

  public void add(long negatives, long positivesAtScore) {
    pairs += positivesAtScore * (negativesBelow + negatives / 2.0);
    negativesBelow += negatives;
    positives += positivesAtScore;
  }

  /** NaN when either class is absent. */
  public double value() {
    return positives == 0 || negativesBelow == 0
        ? Double.NaN
        : pairs / ((double) positives * negativesBelow);
  }
}
