package dev.sheaf.evaluate;

import dev.sheaf.model.ExampleTally;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.TrainedModel;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Scores each labeled example with the model: adds it to this task's confusion matrix and log loss
 * (written once, at the end, under its summary key) and, for a binary model, writes the logit of
 * label 1 ({@link #scoreKey}: a key that sorts like the double) with the label, for the exact ROC
 * AUC. The logit, not the probability: probabilities above 1 - 6e-8 are all 1.0 as floats and would
 * tie.
 */
public class EvaluateMapper
    extends Mapper<SparseExample, NullWritable, LongWritable, EvaluateCounts> {
  public static final String MODEL = "sheaf.evaluate.model";

  /**
   * The key of task 0's confusion matrix and loss; task t's is {@code SUMMARY - t}, so the reducer
   * adds the tasks' losses in one order on every run. Score keys are non-negative.
   */
  public static final long SUMMARY = -1;

  /**
   * Probabilities are clipped here for the log loss, as scikit-learn does, so one confident mistake
   * is finite.
   */
  static final double EPSILON = 1e-15;

  private SparseModel model;
  private SparseModel.Scorer scorer;
  private double[] z;
  private double[] p;
  private long[] confusion;
  private double lossSum;
  private ExampleTally tally;
  // counted here, added to the job counters once at the end: no counter lookup per example
  private long evaluated;
  private final LongWritable scoreKey = new LongWritable();
  private final EvaluateCounts negative = new EvaluateCounts(new long[] {1, 0}, 0);
  private final EvaluateCounts positive = new EvaluateCounts(new long[] {0, 1}, 0);

  @Override
  protected void setup(Context context) throws IOException {
    TrainedModel trained =
        TrainedModel.load(
            context.getConfiguration(), new Path(context.getConfiguration().get(MODEL)));
    model = trained.model();
    scorer = model.scorer(trained.params());
    z = new double[model.outputs()];
    p = new double[model.labels()];
    confusion = new long[model.labels() * model.labels()];
    tally = new ExampleTally(model.labels());
  }

  @Override
  protected void map(SparseExample example, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    if (!tally.usable(example)) {
      return;
    }
    scorer.scores(example, z);
    model.probabilities(z, p);
    confusion[example.label * model.labels() + model.predict(z)]++;
    lossSum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p[example.label])));
    evaluated++;
    if (model.labels() == 2) {
      scoreKey.set(scoreKey(model.outputs() == 1 ? z[0] : z[1] - z[0]));
      context.write(scoreKey, example.label == 1 ? positive : negative);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    tally.addTo(
        context.getCounter(EvaluateCounters.EXAMPLES_IN),
        context.getCounter(EvaluateCounters.UNLABELED),
        context.getCounter(EvaluateCounters.BAD_LABEL));
    context.getCounter(EvaluateCounters.EVALUATED).increment(evaluated);
    context.write(
        new LongWritable(SUMMARY - context.getTaskAttemptID().getTaskID().getId()),
        new EvaluateCounts(confusion, lossSum));
  }

  /**
   * A key that sorts (as a signed long) like {@code logit} and is at least 0, above every summary
   * key: the double's bits made order-preserving, then shifted into the non-negative longs (two
   * logits that differ only in the last bit of their mantissa share a key).
   */
  static long scoreKey(double logit) {
    long bits = Double.doubleToLongBits(logit == 0.0 ? 0.0 : logit);
    long sortable = bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    return (sortable ^ Long.MIN_VALUE) >>> 1;
  }
}
