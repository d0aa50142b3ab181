package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MLP's math: finite-difference checks of every layer's gradient (the sparse first layer, the
 * dense layers on ND4J, the biases, the output layer, L2), the trainer's loss against inference,
 * one SGD step against θ − lr·g, dropout's determinism, the layout and the seeded initialisation.
 */
class MlpTest {
  private static final double L2 = 0.01;

  private static MlpModel model(
      int dim, int labels, String hidden, Activation activation, double dropout) {
    List<Integer> widths = Arrays.stream(hidden.split("-")).map(Integer::valueOf).toList();
    return new MlpModel(new ModelSpec(Arch.MLP, dim, labels, widths, activation, dropout));
  }

  /** The mean weighted loss (through inference) plus (l2/2)·|weights|². */
  private static double objective(SparseModel model, float[] params, List<SparseExample> examples) {
    SparseModel.Scorer scorer = model.scorer(params);
    double[] z = new double[model.outputs()];
    double sum = 0;
    for (SparseExample example : examples) {
      scorer.scores(example, z);
      sum += example.weight * model.loss(z, example.label, null);
    }
    double penalty = 0;
    for (int e = 0; e < params.length; e++) {
      penalty += model.decayed(e) ? params[e] * (double) params[e] : 0;
    }
    return sum / examples.size() + L2 / 2 * penalty;
  }

  private static double[] analytic(
      SparseModel model, float[] params, List<SparseExample> examples, int batch) {
    GradientSum sum = model.gradientSum(params, batch, 1);
    examples.forEach(sum::add);
    sum.finish();
    assertEquals(examples.size(), sum.examples());
    double[] gradient = new double[params.length];
    for (int e = 0; e < params.length; e++) {
      gradient[e] = sum.gradient(e) / examples.size() + (model.decayed(e) ? L2 * params[e] : 0);
    }
    return gradient;
  }

  private static float[] randomParams(SparseModel model, SplittableRandom random) {
    float[] params = new float[(int) model.parameterCount()];
    for (int e = 0; e < params.length; e++) {
      params[e] = (float) (random.nextGaussian() * 0.6);
    }
    return params;
  }

  @ParameterizedTest
  @CsvSource({
    "2, 5, TANH",
    "3, 5, TANH",
    "2, 4-3, TANH",
    "4, 6-3, TANH",
    "2, 5, RELU",
    "3, 4-3, RELU"
  })
  void everyLayersGradientMatchesFiniteDifferences(
      int labels, String hidden, Activation activation) {
    SplittableRandom random = new SplittableRandom(23);
    MlpModel model = model(10, labels, hidden, activation, 0);
    float[] params = randomParams(model, random);
    List<SparseExample> examples = RandomExamples.of(model.dim(), labels, 7, random);
    // a batch of 3 over 7 examples: full batches and a partial one, summed
    double[] gradient = analytic(model, params, examples, 3);
    int checked = 0;
    for (int e = 0; e < params.length; e++) {
      double numeric =
          RandomExamples.numericDerivative(params, e, p -> objective(model, p, examples));
      assertEquals(
          numeric,
          gradient[e],
          2e-3 + 2e-2 * Math.abs(numeric),
          hidden
              + " "
              + activation
              + " parameter "
              + e
              + " (dense part from "
              + model.denseStart()
              + ")");
      checked += gradient[e] != 0 ? 1 : 0;
    }
    assertTrue(checked > model.denseStart() / 4, "the check saw non-zero gradients in many rows");
  }

  @Test
  void theTrainersLossIsTheLossInferenceGives() {
    SplittableRandom random = new SplittableRandom(3);
    MlpModel model = model(12, 3, "6-4", Activation.RELU, 0);
    float[] params = model.initialParams(5);
    List<SparseExample> examples = RandomExamples.of(model.dim(), 3, 8, random);
    Trainer trainer =
        model.trainer(
            params, new float[0], new TrainerSettings(OptimizerKind.SGD, 0.1, 0, 8, 0, 1));
    examples.forEach(trainer::add);
    SparseModel.Scorer scorer = model.scorer(params);
    double[] z = new double[3];
    double expected = 0;
    for (SparseExample example : examples) {
      scorer.scores(example, z);
      expected += example.weight * model.loss(z, example.label, null);
    }
    assertEquals(expected, trainer.lossSum(), 1e-4 * Math.abs(expected));
  }

  @Test
  void oneSgdStepMovesEveryTouchedParameterAgainstTheGradient() {
    SplittableRandom random = new SplittableRandom(8);
    MlpModel model = model(20, 2, "5-3", Activation.TANH, 0);
    float[] params = randomParams(model, random);
    List<SparseExample> examples = RandomExamples.of(model.dim(), 2, 6, random);
    double[] gradient = analytic(model, params, examples, 6);
    double lr = 0.2;
    Trainer trainer =
        model.trainer(
            params,
            new float[0],
            new TrainerSettings(OptimizerKind.SGD, lr, L2, examples.size(), 0, 1));
    examples.forEach(trainer::add);
    assertEquals(1, trainer.step());
    boolean[] touched = new boolean[model.rows()];
    examples.forEach(
        example ->
            Arrays.stream(example.indices, 0, example.size).forEach(row -> touched[row] = true));
    int untouched = 0;
    for (int e = 0; e < params.length; e++) {
      int row = e / model.columns();
      boolean moves = row >= model.dim() || touched[row];
      untouched += moves ? 0 : 1;
      assertEquals(
          moves ? params[e] - lr * gradient[e] : params[e],
          trainer.param(e),
          1e-5,
          "parameter " + e);
      assertEquals(moves, trainer.touched().contains(row), "row " + row);
    }
    assertTrue(untouched > 0, "some feature rows stay as they were (lazy L2)");
  }

  @Test
  void dropoutFollowsTheSeedAndOnlyTheSeed() {
    SplittableRandom random = new SplittableRandom(4);
    MlpModel model = model(30, 3, "16", Activation.RELU, 0.5);
    float[] params = model.initialParams(1);
    List<SparseExample> examples = RandomExamples.of(model.dim(), 3, 40, random);
    float[] a = trained(model, params, examples, 7);
    assertArrayEquals(a, trained(model, params, examples, 7), "the same seed, the same update");
    assertFalse(
        Arrays.equals(a, trained(model, params, examples, 8)), "another seed drops other units");
    MlpModel noDropout = model(30, 3, "16", Activation.RELU, 0);
    assertFalse(
        Arrays.equals(trained(noDropout, params, examples, 7), a), "dropout changes the update");
  }

  private static float[] trained(
      MlpModel model, float[] params, List<SparseExample> examples, long seed) {
    Trainer trainer =
        model.trainer(
            params,
            new float[params.length],
            new TrainerSettings(OptimizerKind.ADAGRAD, 0.1, L2, 8, 0, seed));
    examples.forEach(trainer::add);
    trainer.finish();
    float[] out = new float[params.length];
    for (int e = 0; e < out.length; e++) {
      out[e] = trainer.param(e);
    }
    return out;
  }

  @Test
  void layoutPacksTheDenseLayersAfterTheFeatureRows() {
    MlpModel model = model(100, 3, "8-4", Activation.RELU, 0);
    assertEquals(8, model.columns());
    assertEquals(800, model.denseStart());
    assertEquals(800, model.biasAt(0));
    assertEquals(808, model.weightAt(1));
    assertEquals(840, model.biasAt(1));
    assertEquals(844, model.weightAt(2));
    assertEquals(856, model.biasAt(2));
    // 859 values: 100 feature rows + 8 dense rows of 8, the last padded
    assertEquals(108, model.rows());
    assertTrue(model.decayed(0) && model.decayed(799) && model.decayed(808) && model.decayed(855));
    assertFalse(
        model.decayed(800) || model.decayed(840) || model.decayed(856) || model.decayed(863));
  }

  @Test
  void initialWeightsAreSeededWithHeVariance() {
    MlpModel model = model(2000, 2, "50", Activation.RELU, 0);
    float[] a = model.initialParams(42);
    assertArrayEquals(a, model.initialParams(42));
    assertNotEquals(a[0], model.initialParams(43)[0]);
    double sum = 0;
    for (int e = model.weightAt(1); e < model.biasAt(1); e++) {
      sum += a[e] * (double) a[e];
    }
    double variance = sum / (model.biasAt(1) - model.weightAt(1));
    assertEquals(1.0 / 50, variance, 0.5 / 50, "output layer: 1 / fan-in");
    double first = 0;
    for (int e = 0; e < model.denseStart(); e++) {
      first += a[e] * (double) a[e];
    }
    assertEquals(
        2.0,
        first / model.denseStart(),
        0.05,
        "layer 0: He with a fan-in of one l2-normalised row");
    for (int e = model.biasAt(0); e < model.biasAt(0) + 50; e++) {
      assertEquals(0f, a[e], "biases start at zero");
    }
  }
}
