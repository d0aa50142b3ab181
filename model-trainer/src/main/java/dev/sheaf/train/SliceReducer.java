package dev.sheaf.train;

import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.Optimizer;
import dev.sheaf.model.SparseModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Owns one slice of parameter rows for an epoch: sums the map tasks' updates in task order
 * (doubles) and writes the slice of the next model. Average mode, per row r: {@code w_r += Σ c_mr
 * Δ_mr / Σ c_mr}, the optimizer state likewise. By default c_mr = n_m for every task, touched or
 * not ({@code w += Σ n_m Δ_m / Σ n_m}, the average of the local models); with {@link
 * EpochMapper#AVERAGE_WEIGHTS} {@code rows}, c_mr is the number of task m's examples that touched
 * row r, so a row only one task's examples touched gets that task's update whole (weighting each
 * feature's average by how much each task saw of it, as in Agarwal, Chapelle, Dudík and Langford,
 * "A Reliable Effective Terascale Linear Learning System", JMLR 15, 2014). The slice-0 reducer also
 * counts the most local steps a task took ({@link TrainCounters#LOCAL_STEPS}), the global step's
 * advance. Gradient mode: the mean gradient plus L2 (on the weights, not the biases), one ND4J
 * optimizer step over the slice.
 */
public class SliceReducer extends Reducer<SliceKey, SliceUpdate, NullWritable, NullWritable> {
  private EpochSettings settings;
  private SparseModel model;
  private boolean rowWeights;

  @Override
  protected void setup(Context context) {
    settings = EpochSettings.from(context.getConfiguration());
    model = settings.model();
    rowWeights = EpochMapper.rowWeights(context.getConfiguration());
  }

  @Override
  protected void reduce(SliceKey key, Iterable<SliceUpdate> updates, Context context)
      throws IOException, InterruptedException {
    int slice = key.slice();
    int first = settings.sliceStart(slice);
    int end = settings.sliceStart(slice + 1);
    int columns = model.columns();
    int length = (end - first) * columns;
    int stateArrays = settings.optimizer().stateArrays();
    ModelSlices.Weights weights =
        ModelSlices.read(
            context.getConfiguration(),
            new Path(settings.previousModel()),
            model,
            first,
            end,
            stateArrays);
    Sums summed = sum(settings, first, end, updates);
    double[] sums = summed.values();
    double[] weightSums = summed.rowWeights();
    long examples = summed.examples();
    long localSteps = summed.localSteps();
    context.getCounter(TrainCounters.SLICE_EXAMPLES).increment(examples);
    float[] params = weights.params();
    float[] state = weights.state();
    if (settings.sync() == SyncMode.AVERAGE) {
      if (slice == 0) {
        context.getCounter(TrainCounters.LOCAL_STEPS).increment(localSteps);
      }
      if (!rowWeights) {
        Arrays.fill(weightSums, examples);
      }
      for (int e = 0; e < params.length; e++) {
        double weight = weightSums[e / columns];
        if (weight > 0) {
          params[e] = (float) (params[e] + sums[e] / weight);
        }
      }
      for (int e = 0; e < state.length; e++) {
        double weight = weightSums[e % length / columns];
        if (weight > 0) {
          state[e] = (float) (state[e] + sums[length + e] / weight);
        }
      }
    } else {
      float[] step = new float[length];
      int offset = first * columns;
      for (int e = 0; e < length; e++) {
        double decay = model.decayed(offset + e) ? settings.l2() * params[e] : 0;
        step[e] = (float) (sums[e] / examples + decay);
      }
      new Optimizer(settings.optimizer(), settings.lr())
          .step(step, state, length, settings.step(), settings.epoch());
      for (int e = 0; e < length; e++) {
        params[e] -= step[e];
      }
    }
    context
        .getCounter(TrainCounters.NONFINITE_VALUES)
        .increment(nonFinite(params) + nonFinite(state));
    Path file =
        FileOutputFormat.getPathForWorkFile(
            context, String.format("slice-%05d", slice), ModelSlices.SUFFIX);
    try (OutputStream out = file.getFileSystem(context.getConfiguration()).create(file, false)) {
      ModelSlices.write(out, first, end - first, columns, stateArrays, params, state, 0, length);
    }
  }

  /**
   * A slice's map outputs summed in task order: per value (parameters first, then each state array,
   * {@code (end - first) × columns} each), per row the averaging weights, the examples and the most
   * local steps one task took, and the tasks' summed loss.
   */
  record Sums(
      double[] values, double[] rowWeights, long examples, long localSteps, double lossSum) {}

  static Sums sum(EpochSettings settings, int first, int end, Iterable<SliceUpdate> updates) {
    int columns = settings.model().columns();
    int length = (end - first) * columns;
    int width = settings.rowWidth();
    double[] sums = new double[length * (1 + settings.mapStateArrays())];
    double[] weightSums = new double[end - first];
    long examples = 0;
    long localSteps = 0;
    double lossSum = 0;
    for (SliceUpdate update : updates) {
      examples += update.examples();
      lossSum += update.lossSum();
      localSteps =
          Math.max(
              localSteps, (update.examples() + settings.batchSize() - 1) / settings.batchSize());
      double[] values = update.values();
      for (int i = 0; i < update.rowCount(); i++) {
        weightSums[update.row(i) - first] += update.weight(i);
        int local = (update.row(i) - first) * columns;
        for (int part = 0; part * columns < width; part++) {
          for (int c = 0; c < columns; c++) {
            sums[part * length + local + c] += values[i * width + part * columns + c];
          }
        }
      }
    }
    return new Sums(sums, weightSums, examples, localSteps, lossSum);
  }

  static long nonFinite(float[] values) {
    long count = 0;
    for (float value : values) {
      if (!Float.isFinite(value)) {
        count++;
      }
    }
    return count;
  }
}
