package dev.sheaf.train;

import dev.sheaf.common.Hashes;
import dev.sheaf.model.ExampleInputFormat;
import dev.sheaf.model.ExampleTally;
import dev.sheaf.model.GradientSum;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.RowSet;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.Trainer;
import dev.sheaf.model.TrainerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One map task of an epoch: loads the previous model, trains on its split, and at the end sends
 * each parameter slice's reducer its share ({@link SliceUpdate}). Average mode: local mini-batch
 * SGD (the model's {@link Trainer}) in an order varied per epoch by a {@link ShuffleBuffer},
 * emitting per touched row its weight c and c × its deltas: c = n, or with {@link #AVERAGE_WEIGHTS}
 * {@code rows} the examples that touched the row (n for biases and dense layers). Gradient mode:
 * the sum of the examples' loss gradients, emitted as it is. The split's seed also seeds the MLP's
 * dropout, so a retried task computes the same update. Memory: the model (twice in average mode:
 * the trainer's copy, and the start for the deltas) and the batch.
 *
 * <p>It does one thing: one map task of one epoch, in either mode.
 */
public class EpochMapper extends Mapper<SparseExample, NullWritable, SliceKey, SliceUpdate> {
  private static final Logger LOG = LoggerFactory.getLogger(EpochMapper.class);

  /**
   * Average mode's weights: {@code examples} (default) weights each task's update by its example
   * count over all tasks, rows a task did not touch counting as zero (the average of whole local
   * models: a feature only one of K tasks saw moves 1/K as far); {@code rows} weights each row's
   * average by the examples that touched it in each task (no such dilution). Measured on 43 classes
   * of short texts (bench/train-scaling.sh), {@code examples} won at 8 and 32 tasks (96.6% and
   * 92.9% test accuracy against 93.6% and 88.3%): the dilution also damps each task's overfitting
   * of its own part.
   */
  public static final String AVERAGE_WEIGHTS = "sheaf.train.average-weights";

  /**
   * Whether a map task reads only the model rows its split touches (default true): it scans its
   * split's feature indices first, when the split is smaller than the model and state it would
   * otherwise read, and loads those rows and every dense row; the others stay zero, unread and
   * unsent. The arithmetic is the same either way (a test holds the two to the same bytes).
   */
  public static final String READ_TOUCHED_ROWS = "sheaf.train.read-touched-rows";

  private EpochSettings settings;
  private SparseModel model;
  private float[] params;
  private float[] state;
  private Trainer trainer;
  private ShuffleBuffer shuffle;
  private GradientSum gradient;

  /**
   * Average mode: per feature row, the examples trained on that touched it (the row's averaging
   * weight).
   */
  private int[] featureExamples;

  private ExampleTally tally;

  @Override
  protected void setup(Context context) throws IOException {
    settings = EpochSettings.from(context.getConfiguration());
    model = settings.model();
    tally = new ExampleTally(model.labels());
    boolean gpuRequired = GpuOptions.gpuRequired(context.getConfiguration());
    if (gpuRequired || model.arch() == dev.sheaf.model.Arch.MLP) {
      checkBackend(context, gpuRequired);
    }
    int stateArrays = settings.mapStateArrays();
    int[] rows = touchedRows(context, 4L * model.parameterCount() * (1 + stateArrays));
    Path previous = new Path(settings.previousModel());
    ModelSlices.Weights weights =
        rows == null
            ? ModelSlices.read(
                context.getConfiguration(), previous, model, 0, model.rows(), stateArrays)
            : ModelSlices.readRows(context.getConfiguration(), previous, model, stateArrays, rows);
    context
        .getCounter(TrainCounters.MODEL_ROWS_READ)
        .increment(rows == null ? model.rows() : rows.length);
    params = weights.params();
    state = weights.state();
    long seed = splitSeed(settings, context);
    long dropoutSeed = dropoutSeed(seed);
    if (settings.sync() == SyncMode.AVERAGE) {
      trainer =
          model.trainer(
              params,
              state,
              new TrainerSettings(
                  settings.optimizer(),
                  settings.lr(),
                  settings.l2(),
                  settings.batchSize(),
                  settings.step(),
                  dropoutSeed));
      shuffle = new ShuffleBuffer(settings.shuffleBuffer(), seed, trainer::exchange);
      featureExamples = rowWeights(context.getConfiguration()) ? new int[model.dim()] : null;
    } else {
      gradient = model.gradientSum(params, settings.batchSize(), dropoutSeed);
    }
  }

  /**
   * The rows this task's split touches (its examples' features, ascending, then every row after the
   * features), or null to read the whole model: when {@link #READ_TOUCHED_ROWS} is off or the split
   * is larger than the {@code modelBytes} the scan would save reading.
   */
  private int[] touchedRows(Context context, long modelBytes) throws IOException {
    if (!context.getConfiguration().getBoolean(READ_TOUCHED_ROWS, true)
        || !(context.getInputSplit() instanceof FileSplit split)
        || split.getLength() >= modelBytes) {
      return null;
    }
    RowSet rows = new RowSet(model.rows());
    try (ExampleInputFormat.Reader reader = new ExampleInputFormat.Reader()) {
      reader.open(context.getConfiguration(), split.getPath(), split.getStart(), split.getLength());
      while (reader.nextKeyValue()) {
        SparseExample example = reader.getCurrentKey();
        for (int i = 0; i < example.size; i++) {
          if (example.indices[i] >= 0 && example.indices[i] < model.dim()) {
            rows.add(example.indices[i]);
          }
        }
      }
    }
    for (int row = model.dim(); row < model.rows(); row++) {
      rows.add(row);
    }
    return rows.sortedRows();
  }

  /**
   * Logs the ND4J backend this task got, counts it, and fails when a GPU was asked for and CUDA is
   * absent.
   */
  private static void checkBackend(Context context, boolean gpuRequired) throws IOException {
    boolean cpu;
    try {
      cpu = Nd4j.getEnvironment().isCPU();
    } catch (RuntimeException | LinkageError e) {
      throw new IOException(
          "ND4J found no backend it can load on this node ("
              + e
              + "): the -cuda-job.jar needs"
              + " the CUDA driver and libraries; use the CPU job jar here");
    }
    String backend = Nd4j.getBackend().getClass().getSimpleName();
    LOG.info(
        "ND4J backend {} ({}), {} device(s)",
        backend,
        cpu ? "CPU" : "CUDA",
        Nd4j.getAffinityManager().getNumberOfDevices());
    context
        .getCounter(cpu ? TrainCounters.CPU_MAP_TASKS : TrainCounters.CUDA_MAP_TASKS)
        .increment(1);
    if (cpu && gpuRequired) {
      throw new IOException(
          "this task asked for a GPU but ND4J loaded its CPU backend ("
              + backend
              + "): run the"
              + " job jar built with mvn -Pcuda on nodes with CUDA, or pass --allow-cpu-fallback");
    }
  }

  static long splitSeed(EpochSettings settings, Context context) {
    return context.getInputSplit() instanceof FileSplit split
        ? splitSeed(settings.seed(), settings.epoch(), split.getPath().getName(), split.getStart())
        : splitSeed(settings.seed(), settings.epoch(), "", 0);
  }

  /**
   * The seed of a split's dropout masks in an epoch: apart from its order's, which {@code
   * splitSeed} seeds.
   */
  public static long dropoutSeed(long splitSeed) {
    return Hashes.fmix64(splitSeed ^ 0x5DEECE66DL);
  }

  /**
   * The seed of a split's order in an epoch: (seed, epoch, file name, offset), never the task
   * attempt.
   */
  public static long splitSeed(long seed, int epoch, String fileName, long start) {
    long mixed = Hashes.fmix64(seed * 0x9E3779B97F4A7C15L + epoch);
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      mixed = Hashes.fmix64(mixed ^ b);
    }
    return Hashes.fmix64(mixed ^ start);
  }

  @Override
  protected void map(SparseExample example, NullWritable ignored, Context context) {
    if (!tally.usable(example)) {
      return;
    }
    if (shuffle != null) {
      for (int i = 0; featureExamples != null && i < example.size; i++) {
        featureExamples[example.indices[i]]++;
      }
      shuffle.add(example);
      return;
    }
    gradient.add(example);
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
      gradient.finish();
      examples = gradient.examples();
      loss = gradient.lossSum();
      rows = gradient.touched();
    }
    tally.addTo(
        context.getCounter(TrainCounters.EXAMPLES_IN),
        context.getCounter(TrainCounters.UNLABELED),
        context.getCounter(TrainCounters.BAD_LABEL));
    context.getCounter(TrainCounters.TRAINED).increment(examples);
    if (Double.isFinite(loss)) {
      context.getCounter(TrainCounters.LOSS_MICROS).increment(Math.round(loss * 1e6));
    } else {
      context.getCounter(TrainCounters.NONFINITE_LOSSES).increment(1);
    }
    if (examples > 0) {
      emit(context, examples, loss, rows.sortedRows());
    }
  }

  /** Whether average mode weights rows by their examples ({@link #AVERAGE_WEIGHTS}). */
  static boolean rowWeights(org.apache.hadoop.conf.Configuration conf) {
    String weights = conf.get(AVERAGE_WEIGHTS, "examples");
    if (!weights.equals("rows") && !weights.equals("examples")) {
      throw new IllegalArgumentException(
          AVERAGE_WEIGHTS + " must be rows or examples, not " + weights);
    }
    return weights.equals("rows");
  }

  /**
   * A row's averaging weight: the examples that touched a feature row, all of them for the rows
   * after.
   */
  private long rowExamples(int row, long examples) {
    return row < featureExamples.length
        ? Math.max(1, Math.min(featureExamples[row], examples))
        : examples;
  }

  private void emit(Context context, long examples, double loss, int[] rows)
      throws IOException, InterruptedException {
    int task = context.getTaskAttemptID().getTaskID().getId();
    int columns = model.columns();
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
      update.reset(examples, settings.rowWidth(), next - first).lossSum(loss);
      double[] values = update.values();
      for (int i = first; i < next; i++) {
        int at =
            featureExamples == null
                ? update.addRow(rows[i])
                : update.addRow(rows[i], rowExamples(rows[i], examples));
        int base = rows[i] * columns;
        for (int c = 0; c < columns; c++) {
          int e = base + c;
          if (trainer == null) {
            values[at + c] = gradient.gradient(e);
            continue;
          }
          double weight = update.weight(update.rowCount() - 1);
          values[at + c] = weight * ((double) trainer.param(e) - params[e]);
          for (int j = 0; j < stateArrays; j++) {
            values[at + (j + 1) * columns + c] =
                weight * ((double) trainer.state(j, e) - state[j * stride + e]);
          }
        }
      }
      context.write(key.set(slice, task), update);
    }
  }
}
