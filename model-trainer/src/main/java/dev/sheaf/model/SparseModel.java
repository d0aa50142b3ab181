package dev.sheaf.model;

/**
 * A classifier on sparse input, as the trainer, evaluator and predictor see it: its parameters are
 * {@link #rows} rows of {@link #columns} floats, the first {@link #dim} rows one per feature (so a
 * map task touches and sends only the feature rows its examples use), then rows every example
 * touches (biases, dense layers). The output layer is shared: one sigmoid score for two labels
 * ({@code outputs() == 1}), a softmax over one score per label for more.
 */
public interface SparseModel {
  ModelSpec spec();

  default Arch arch() {
    return spec().arch();
  }

  default int dim() {
    return spec().dim();
  }

  default int labels() {
    return spec().labels();
  }

  /** Scores per example: 1 (sigmoid) for two labels with a binary output, else one per label. */
  default int outputs() {
    return arch().outputs(labels());
  }

  int rows();

  int columns();

  default long parameterCount() {
    return (long) rows() * columns();
  }

  /** Whether L2 applies to parameter {@code e} (weights do; biases and padding do not). */
  boolean decayed(int e);

  /** The parameters a run starts from: zero for linear models, seeded Xavier/He for the MLP. */
  float[] initialParams(long seed);

  /** Scores examples with {@code params} (inference: no dropout); one per thread. */
  Scorer scorer(float[] params);

  /**
   * Mini-batch training from {@code params}/{@code state}, as one map task does in average mode.
   */
  Trainer trainer(float[] params, float[] state, TrainerSettings settings);

  /**
   * The summed loss gradient of examples at fixed {@code params}, as one map task does in gradient
   * mode.
   */
  GradientSum gradientSum(float[] params, int batchSize, long seed);

  /** The scores of one example. */
  interface Scorer {
    /** {@code z[0, outputs)} for {@code example}. */
    void scores(SparseExample example, double[] z);
  }

  /**
   * The loss of scores {@code z} for {@code label}, and into {@code delta} (when not null) its
   * derivative with respect to each score: binary cross-entropy on a sigmoid, or cross-entropy on a
   * softmax, in double and stable for large scores.
   */
  default double loss(double[] z, int label, double[] delta) {
    return OutputLayer.loss(outputs(), z, label, delta);
  }

  /** Each label's probability for scores {@code z} into {@code p[0, labels)}. */
  default void probabilities(double[] z, double[] p) {
    OutputLayer.probabilities(outputs(), z, p);
  }

  /** The most probable label for scores {@code z} (the lowest index on a tie). */
  default int predict(double[] z) {
    return OutputLayer.predict(outputs(), z);
  }
}
