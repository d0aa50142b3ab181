package dev.sheaf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random examples for the gradient checks: 1-4 distinct sorted features, Gaussian values, weights 0.5-1.5. */
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
      examples.add(new SparseExample().set(random.nextInt(labels), 0.5f + random.nextFloat(), indices, values));
    }
    return examples;
  }
}
