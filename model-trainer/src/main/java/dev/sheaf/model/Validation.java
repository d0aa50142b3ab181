package dev.sheaf.model;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Mean loss and accuracy of parameters on the labeled examples of a split, streamed in the driver
 * (one pass, memory of one example): the trainer's per-epoch validation. Large test sets go through
 * {@code sheaf evaluate}, a MapReduce job.
 */
public final class Validation {
  private Validation() {}

  public record Result(long examples, double loss, double accuracy) {}

  public static Result run(Configuration conf, Path split, SparseModel model, float[] params)
      throws IOException {
    double[] z = new double[model.outputs()];
    SparseModel.Scorer scorer = model.scorer(params);
    double[] totals = new double[3];
    ExampleInputFormat.forEach(
        conf,
        split,
        example -> {
          if (example.label < 0 || example.label >= model.labels()) {
            return;
          }
          scorer.scores(example, z);
          totals[0]++;
          totals[1] += model.loss(z, example.label, null);
          totals[2] += model.predict(z) == example.label ? 1 : 0;
        });
    long examples = (long) totals[0];
    return examples == 0
        ? new Result(0, Double.NaN, Double.NaN)
        : new Result(examples, totals[1] / examples, totals[2] / examples);
  }
}
