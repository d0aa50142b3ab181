package dev.sheaf.train;

import dev.sheaf.common.Hashes;
import dev.sheaf.model.LinearModel;
import dev.sheaf.model.LocalTrainer;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.RowSet;
import dev.sheaf.model.SparseExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * One map task of an epoch: loads the previous model, trains on its split, and at the end sends
 * each parameter slice's reducer its share ({@link SliceUpdate}). Average mode: local mini-batch
 * SGD ({@link LocalTrainer}) in an order varied per epoch by a {@link ShuffleBuffer}, emitting
 * n × the deltas. Gradient mode: the sum of the examples' loss gradients, emitted as it is.
 * Memory: the model (twice in average mode: the trainer's copy, and the start for the deltas) and the batch.
 */
public class EpochMapper extends Mapper<SparseExample, NullWritable, SliceKey, SliceUpdate> {
  private EpochSettings settings;
  private LinearModel model;
  private float[] params;
  private float[] state;
  private LocalTrainer trainer;
  private ShuffleBuffer shuffle;
  private double[] gradient;
  private RowSet gradientRows;
  private double[] z;
  private double[] delta;
  private double gradientLoss;
  private long gradientExamples;
  // counted here, added to the job counters once at the end: no counter lookup per example
  private long examplesIn;
  private long unlabeled;
  private long badLabels;

  @Override
  protected void setup(Context context) throws IOException {
    settings = EpochSettings.from(context.getConfiguration());
    model = settings.model();
    int stateArrays = settings.mapStateArrays();
    ModelSlices.Weights weights = ModelSlices.read(context.getConfiguration(), new Path(settings.previousModel()),
        model, 0, model.rows(), stateArrays);
    params = weights.params();
    state = weights.state();
    if (settings.sync() == SyncMode.AVERAGE) {
      trainer = new LocalTrainer(model, params, state, settings.optimizer(), settings.lr(), settings.l2(),
          settings.batchSize(), settings.step());
      shuffle = new ShuffleBuffer(settings.shuffleBuffer(), splitSeed(settings, context), trainer::exchange);
    } else {
      gradient = new double[(int) model.parameterCount()];
      gradientRows = new RowSet(model.rows());
      z = new double[model.outputs()];
      delta = new double[model.outputs()];
    }
  }

  static long splitSeed(EpochSettings settings, Context context) {
    return context.getInputSplit() instanceof FileSplit split
        ? splitSeed(settings.seed(), settings.epoch(), split.getPath().getName(), split.getStart())
        : splitSeed(settings.seed(), settings.epoch(), "", 0);
  }

  /** The seed of a split's order in an epoch: (seed, epoch, file name, offset), never the task attempt. */
  public static long splitSeed(long seed, int epoch, String fileName, long start) {
    long mixed = Hashes.fmix64(seed * 0x9E3779B97F4A7C15L + epoch);
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      mixed = Hashes.fmix64(mixed ^ b);
    }
    return Hashes.fmix64(mixed ^ start);
  }

  @Override
  protected void map(SparseExample example, NullWritable ignored, Context context) {
    examplesIn++;
    if (example.label < 0) {
      unlabeled++;
      return;
    }
    if (example.label >= model.labels()) {
      badLabels++;
      return;
    }
    if (shuffle != null) {
      shuffle.add(example);
      return;
    }
    gradientLoss += model.addLossGradient(params, example, z, delta, gradient, gradientRows);
    gradientExamples++;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    long examples;
    double loss;
    RowSet rows;
    if (trainer != null) {
      shuffle.drain();
      trainer.finish();
      examples = trainer.examples();
      loss = trainer.lossSum();
      rows = trainer.touched();
    } else {
      examples = gradientExamples;
      loss = gradientLoss;
      rows = gradientRows;
    }
    context.getCounter(TrainCounters.EXAMPLES_IN).increment(examplesIn);
    context.getCounter(TrainCounters.UNLABELED).increment(unlabeled);
    context.getCounter(TrainCounters.BAD_LABEL).increment(badLabels);
    context.getCounter(TrainCounters.TRAINED).increment(examples);
    if (Double.isFinite(loss)) {
      context.getCounter(TrainCounters.LOSS_MICROS).increment(Math.round(loss * 1e6));
    } else {
      context.getCounter(TrainCounters.NONFINITE_LOSSES).increment(1);
    }
    if (examples > 0) {
      emit(context, examples, rows.sortedRows());
    }
  }

  private void emit(Context context, long examples, int[] rows) throws IOException, InterruptedException {
    int task = context.getTaskAttemptID().getTaskID().getId();
    int outputs = model.outputs();
    int stride = (int) model.parameterCount();
    int stateArrays = settings.mapStateArrays();
    SliceKey key = new SliceKey();
    SliceUpdate update = new SliceUpdate();
    int next = 0;
    for (int slice = 0; slice < settings.slices(); slice++) {
      int end = settings.sliceStart(slice + 1);
      int first = next;
      while (next < rows.length && rows[next] < end) {
        next++;
      }
      update.reset(examples, settings.rowWidth(), next - first);
      double[] values = update.values();
      for (int i = first; i < next; i++) {
        int at = update.addRow(rows[i]);
        int base = rows[i] * outputs;
        for (int c = 0; c < outputs; c++) {
          int e = base + c;
          if (trainer == null) {
            values[at + c] = gradient[e];
            continue;
          }
          values[at + c] = examples * ((double) trainer.param(e) - params[e]);
          for (int j = 0; j < stateArrays; j++) {
            values[at + (j + 1) * outputs + c] = examples * ((double) trainer.state(j, e) - state[j * stride + e]);
          }
        }
      }
      context.write(key.set(slice, task), update);
    }
  }
}
