package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of every loss: the analytic gradient of the mean weighted loss plus L2
 * ({@link LinearModel#addGradient}) against central differences of the objective, and one {@link
 * LocalTrainer} SGD step against θ − lr·gradient on the rows the batch touched.
 */
class GradientCheckTest {
  private static final double L2 = 0.01;

  private static double objective(LinearModel model, float[] params, List<SparseExample> examples) {
    double[] z = new double[model.outputs()];
    double sum = 0;
    for (SparseExample example : examples) {
      model.scores(params, example, z);
      sum += example.weight * model.loss(z, example.label, null);
    }
    double penalty = 0;
    for (int e = 0; e < model.dim() * model.outputs(); e++) {
      penalty += params[e] * (double) params[e];
    }
    return sum / examples.size() + L2 / 2 * penalty;
  }

  private static double[] analytic(
      LinearModel model, float[] params, List<SparseExample> examples) {
    double[] gradient = new double[(int) model.parameterCount()];
    double[] z = new double[model.outputs()];
    double[] delta = new double[model.outputs()];
    RowSet touched = new RowSet(model.rows());
    for (SparseExample example : examples) {
      model.addLossGradient(params, example, z, delta, gradient, touched);
    }
    for (int e = 0; e < gradient.length; e++) {
      gradient[e] =
          gradient[e] / examples.size() + (e < model.dim() * model.outputs() ? L2 * params[e] : 0);
    }
    return gradient;
  }

  @ParameterizedTest
  @CsvSource({"LOGREG, 2", "SOFTMAX, 2", "SOFTMAX, 4"})
  void analyticGradientMatchesFiniteDifferences(String arch, int labels) {
    SplittableRandom random = new SplittableRandom(11);
    LinearModel model = new LinearModel(Arch.valueOf(arch), 8, labels);
    float[] params = new float[(int) model.parameterCount()];
    for (int e = 0; e < params.length; e++) {
      params[e] = (float) (random.nextGaussian() * 0.7);
    }
    List<SparseExample> examples = RandomExamples.of(model.dim(), labels, 6, random);
    double[] gradient = analytic(model, params, examples);
    for (int e = 0; e < params.length; e++) {
      double numeric =
          RandomExamples.numericDerivative(params, e, p -> objective(model, p, examples));
      assertEquals(numeric, gradient[e], 1e-4 + 1e-3 * Math.abs(numeric), arch + " parameter " + e);
    }
  }

  @ParameterizedTest
  @CsvSource({"LOGREG, 2", "SOFTMAX, 3"})
  void oneSgdStepMovesTouchedRowsAgainstTheGradient(String arch, int labels) {
    SplittableRandom random = new SplittableRandom(5);
    LinearModel model = new LinearModel(Arch.valueOf(arch), 12, labels);
    float[] params = new float[(int) model.parameterCount()];
    for (int e = 0; e < params.length; e++) {
      params[e] = (float) random.nextGaussian();
    }
    List<SparseExample> examples = RandomExamples.of(model.dim(), labels, 6, random);
    double[] gradient = analytic(model, params, examples);
    boolean[] touched = new boolean[model.rows()];
    touched[model.biasRow()] = true;
    examples.forEach(
        example -> {
          for (int j = 0; j < example.size; j++) {
            touched[example.indices[j]] = true;
          }
        });
    float[] stepped = params.clone();
    double lr = 0.3;
    LocalTrainer trainer =
        new LocalTrainer(
            model,
            stepped,
            new float[0],
            new TrainerSettings(OptimizerKind.SGD, lr, L2, examples.size(), 0, 0));
    examples.forEach(trainer::add);
    assertEquals(1, trainer.step(), "a full batch takes one step");
    trainer.copyTo(stepped, new float[0]);
    int untouched = 0;
    for (int e = 0; e < params.length; e++) {
      int row = e / model.outputs();
      double expected = touched[row] ? params[e] - lr * gradient[e] : params[e];
      untouched += touched[row] ? 0 : 1;
      assertEquals(expected, stepped[e], 1e-5, "parameter " + e);
    }
    assertTrue(untouched > 0, "the check covers lazily regularised rows too");
  }
}
