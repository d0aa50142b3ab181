package dev.sheaf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * What the gradient checks share: small random examples (1-4 distinct sorted features, Gaussian
 * values, weights 0.5-1.5) and the central difference of an objective in one parameter.
 */
final class RandomExamples {
  private RandomExamples() {}

  static List<SparseExample> of(int dim, int labels, int count, SplittableRandom random) {
    List<SparseExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = 1 + random.nextInt(4);
      int[] indices = random.ints(0, dim).distinct().limit(size).sorted().toArray();
      float[] values = new float[indices.length];
      for (int j = 0; j < values.length; j++) {
        values[j] = (float) random.nextGaussian();
      }
      examples.add(
          new SparseExample()
              .set(random.nextInt(labels), 0.5f + random.nextFloat(), indices, values));
    }
    return examples;
  }

  /**
   * The central difference of {@code objective} in parameter {@code e}, stepping it by ±0.01 (as
   * floats: divided by the step the float parameter really took); the parameter is restored.
   */
  static double numericDerivative(float[] params, int e, ToDoubleFunction<float[]> objective) {
    float original = params[e];
    params[e] = original + 1e-2f;
    double up = objective.applyAsDouble(params);
    float upValue = params[e];
    params[e] = original - 1e-2f;
    double down = objective.applyAsDouble(params);
    double numeric = (up - down) / (upValue - params[e]);
    params[e] = original;
    return numeric;
  }
}
