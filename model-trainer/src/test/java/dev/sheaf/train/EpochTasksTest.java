package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.model.Arch;
import dev.sheaf.model.LinearModel;
import dev.sheaf.model.LocalTrainer;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.Optimizer;
import dev.sheaf.model.OptimizerKind;
import dev.sheaf.model.RowSet;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.TrainerSettings;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import dev.sheaf.testing.ReduceDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epoch job's mapper, combiner and reducer, records in and records out. */
class EpochTasksTest {
  private static final int DIM = 10;
  private static final int SLICES = 3;

  @TempDir Path dir;

  private final SplittableRandom random = new SplittableRandom(3);

  private LinearModel model(int labels) {
    return new LinearModel(labels == 2 ? Arch.LOGREG : Arch.SOFTMAX, DIM, labels);
  }

  /** Writes a random previous model (parameters and optimizer state) and returns it. */
  private ModelSlices.Weights previous(LinearModel model, int stateArrays) throws Exception {
    int count = (int) model.parameterCount();
    float[] params = new float[count];
    float[] state = new float[stateArrays * count];
    for (int e = 0; e < count; e++) {
      params[e] = (float) random.nextGaussian();
    }
    for (int e = 0; e < state.length; e++) {
      state[e] = (float) Math.abs(random.nextGaussian());
    }
    ModelSlices.Weights weights = new ModelSlices.Weights(params, state);
    ModelSlices.writeAll(
        new Configuration(),
        new org.apache.hadoop.fs.Path(dir.resolve("previous/all.slice").toUri()),
        model,
        stateArrays,
        weights);
    return weights;
  }

  private Configuration conf(LinearModel model, SyncMode sync, OptimizerKind optimizer, double l2)
      throws Exception {
    Job job = Job.getInstance(new Configuration());
    new EpochSettings(
            model.spec(),
            sync,
            optimizer,
            0.1,
            l2,
            2,
            42,
            1,
            5,
            SLICES,
            1,
            dir.resolve("previous").toUri().toString())
        .applyTo(job.getConfiguration());
    job.setMapOutputKeyClass(SliceKey.class);
    job.setMapOutputValueClass(SliceUpdate.class);
    job.setGroupingComparatorClass(SliceKey.BySlice.class);
    return job.getConfiguration();
  }

  private List<SparseExample> examples(int labels, int count) {
    List<SparseExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] indices =
          random.ints(0, DIM).distinct().limit(1 + random.nextInt(3)).sorted().toArray();
      float[] values = new float[indices.length];
      for (int j = 0; j < values.length; j++) {
        values[j] = (float) random.nextDouble();
      }
      examples.add(new SparseExample().set(random.nextInt(labels), 1f, indices, values));
    }
    return examples;
  }

  @Test
  void averageModeMapperSendsEachSliceItsRowsDeltasTimesTheExamplesThatTouchedThem()
      throws Exception {
    LinearModel model = model(3);
    ModelSlices.Weights start = previous(model, 1);
    List<SparseExample> examples = examples(3, 5);
    MapDriver<SparseExample, NullWritable, SliceKey, SliceUpdate> driver =
        MapDriver.of(new EpochMapper())
            .withConfiguration(
                rowWeights(conf(model, SyncMode.AVERAGE, OptimizerKind.ADAGRAD, 0.01)))
            .withTaskIndex(4);
    examples.forEach(example -> driver.withInput(example, NullWritable.get()));
    driver.withInput(
        new SparseExample().set(-1, 1f, new int[] {1}, new float[] {1f}), NullWritable.get());
    driver.withInput(
        new SparseExample().set(7, 1f, new int[] {1}, new float[] {1f}), NullWritable.get());
    List<Record<SliceKey, SliceUpdate>> output = driver.run();

    // the reference: the same steps taken sequentially (a shuffle buffer of 1 keeps the input
    // order)
    float[] params = start.params().clone();
    float[] state = start.state().clone();
    LocalTrainer reference =
        new LocalTrainer(
            model, params, state, new TrainerSettings(OptimizerKind.ADAGRAD, 0.1, 0.01, 2, 5, 0));
    examples.forEach(reference::add);
    reference.finish();
    reference.copyTo(params, state);

    assertEquals(SLICES, output.size(), "one update per slice, touched or not");
    int outputs = model.outputs();
    int count = (int) model.parameterCount();
    int rowsSeen = 0;
    for (int slice = 0; slice < SLICES; slice++) {
      Record<SliceKey, SliceUpdate> record = output.get(slice);
      assertEquals(new SliceKey(slice, 4), record.key());
      SliceUpdate update = record.value();
      assertEquals(5, update.examples());
      assertEquals(2 * outputs, update.width(), "parameter and AdaGrad state deltas");
      for (int i = 0; i < update.rowCount(); i++) {
        int row = update.row(i);
        assertTrue(
            row >= slice * (DIM + 1) / SLICES && row < (slice + 1) * (DIM + 1) / SLICES,
            "row in its slice");
        assertTrue(reference.touched().contains(row));
        long touching =
            row == DIM
                ? 5
                : examples.stream()
                    .filter(
                        example ->
                            java.util.Arrays.stream(example.indices, 0, example.size)
                                .anyMatch(index -> index == row))
                    .count();
        assertEquals(
            touching,
            update.weight(i),
            "row " + row + ": the examples that touched it (all for the bias)");
        for (int c = 0; c < outputs; c++) {
          int e = row * outputs + c;
          assertEquals(
              touching * ((double) params[e] - start.params()[e]),
              update.values()[i * update.width() + c],
              1e-6);
          assertEquals(
              touching * ((double) state[e] - start.state()[e]),
              update.values()[i * update.width() + outputs + c],
              1e-6);
          assertTrue(count > e);
        }
        rowsSeen++;
      }
    }
    assertEquals(
        reference.touched().size(), rowsSeen, "every touched row goes to exactly one slice");
    assertEquals(7, driver.counter(TrainCounters.EXAMPLES_IN));
    assertEquals(5, driver.counter(TrainCounters.TRAINED));
    assertEquals(1, driver.counter(TrainCounters.UNLABELED));
    assertEquals(1, driver.counter(TrainCounters.BAD_LABEL));
    assertEquals(Math.round(reference.lossSum() * 1e6), driver.counter(TrainCounters.LOSS_MICROS));
  }

  @Test
  void gradientModeMapperSendsSummedGradients() throws Exception {
    LinearModel model = model(2);
    ModelSlices.Weights start = previous(model, 0);
    List<SparseExample> examples = examples(2, 6);
    MapDriver<SparseExample, NullWritable, SliceKey, SliceUpdate> driver =
        MapDriver.of(new EpochMapper())
            .withConfiguration(conf(model, SyncMode.GRADIENT, OptimizerKind.SGD, 0));
    examples.forEach(example -> driver.withInput(example, NullWritable.get()));
    List<Record<SliceKey, SliceUpdate>> output = driver.run();

    double[] expected = new double[(int) model.parameterCount()];
    double[] z = new double[1];
    double[] delta = new double[1];
    RowSet touched = new RowSet(model.rows());
    for (SparseExample example : examples) {
      model.addLossGradient(start.params(), example, z, delta, expected, touched);
    }
    double[] emitted = new double[expected.length];
    for (Record<SliceKey, SliceUpdate> record : output) {
      assertEquals(6, record.value().examples());
      assertEquals(
          1,
          record.value().width(),
          "gradient sums only: the optimizer state stays with the reducers");
      for (int i = 0; i < record.value().rowCount(); i++) {
        emitted[record.value().row(i)] = record.value().values()[i];
      }
    }
    assertArrayEquals(expected, emitted, 1e-12);
  }

  private static Configuration rowWeights(Configuration conf) {
    conf.set(EpochMapper.AVERAGE_WEIGHTS, "rows");
    return conf;
  }

  private List<SliceUpdate> updates(LinearModel model, int width, long... examples) {
    List<SliceUpdate> updates = new ArrayList<>();
    for (long n : examples) {
      SliceUpdate update = new SliceUpdate().reset(n, width, DIM + 1);
      for (int row = 0; row <= DIM; row++) {
        if (random.nextBoolean()) {
          int at = update.addRow(row, 1 + random.nextInt((int) n));
          for (int w = 0; w < width; w++) {
            update.values()[at + w] = random.nextGaussian();
          }
        }
      }
      updates.add(update);
    }
    return updates;
  }

  private ModelSlices.Weights reduceAll(
      Configuration conf,
      LinearModel model,
      int stateArrays,
      List<SliceUpdate> updates,
      ReduceDriver<SliceKey, SliceUpdate, NullWritable, NullWritable> driver)
      throws Exception {
    for (int slice = 0; slice < SLICES; slice++) {
      for (int task = updates.size() - 1; task >= 0; task--) {
        SliceUpdate part =
            new SliceUpdate()
                .reset(updates.get(task).examples(), updates.get(task).width(), DIM + 1);
        for (int i = 0; i < updates.get(task).rowCount(); i++) {
          int row = updates.get(task).row(i);
          if (row >= slice * (DIM + 1) / SLICES && row < (slice + 1) * (DIM + 1) / SLICES) {
            int at = part.addRow(row, updates.get(task).weight(i));
            System.arraycopy(
                updates.get(task).values(), i * part.width(), part.values(), at, part.width());
          }
        }
        driver.withInput(new SliceKey(slice, task), part);
      }
    }
    driver.withConfiguration(conf).run();
    return ModelSlices.read(
        conf,
        new org.apache.hadoop.fs.Path(driver.outputDirectory().toUri()),
        model,
        0,
        model.rows(),
        stateArrays);
  }

  @Test
  void averageModeReducerAddsEachRowsWeightedMeanDelta() throws Exception {
    averageModeReducer(true);
  }

  @Test
  void averageModeReducerWithExampleWeightsAddsTheMeanDeltaOverAllTasks() throws Exception {
    averageModeReducer(false);
  }

  /**
   * Row weights: a row's summed values over its summed weight; example weights: over every task's
   * examples.
   */
  private void averageModeReducer(boolean rowWeights) throws Exception {
    LinearModel model = model(3);
    ModelSlices.Weights start = previous(model, 2);
    Configuration conf = conf(model, SyncMode.AVERAGE, OptimizerKind.ADAM, 0.01);
    conf.set(EpochMapper.AVERAGE_WEIGHTS, rowWeights ? "rows" : "examples");
    List<SliceUpdate> updates = updates(model, 3 * model.outputs(), 2, 3);
    ReduceDriver<SliceKey, SliceUpdate, NullWritable, NullWritable> driver =
        ReduceDriver.of(new SliceReducer());
    ModelSlices.Weights next = reduceAll(conf, model, 2, updates, driver);

    SliceUpdate sum = updates.get(0).copy();
    sum.add(updates.get(1));
    int outputs = model.outputs();
    int count = (int) model.parameterCount();
    float[] expectedParams = start.params().clone();
    float[] expectedState = start.state().clone();
    for (int i = 0; i < sum.rowCount(); i++) {
      for (int c = 0; c < outputs; c++) {
        int e = sum.row(i) * outputs + c;
        double weight = rowWeights ? sum.weight(i) : 5;
        expectedParams[e] =
            (float) (expectedParams[e] + sum.values()[i * sum.width() + c] / weight);
        for (int j = 0; j < 2; j++) {
          expectedState[j * count + e] =
              (float)
                  (expectedState[j * count + e]
                      + sum.values()[i * sum.width() + (j + 1) * outputs + c] / weight);
        }
      }
    }
    assertArrayEquals(expectedParams, next.params(), 1e-6f);
    assertArrayEquals(expectedState, next.state(), 1e-6f);
    assertEquals(5L * SLICES, driver.counter(TrainCounters.SLICE_EXAMPLES));
    assertEquals(0, driver.counter(TrainCounters.NONFINITE_VALUES));
    int batch = EpochSettings.from(conf).batchSize();
    assertEquals(
        (3 + batch - 1) / batch,
        driver.counter(TrainCounters.LOCAL_STEPS),
        "the larger task's steps, once");
  }

  @Test
  void gradientModeReducerTakesOneNd4jStepOnTheMeanGradientPlusL2() throws Exception {
    LinearModel model = model(2);
    ModelSlices.Weights start = previous(model, 1);
    Configuration conf = conf(model, SyncMode.GRADIENT, OptimizerKind.MOMENTUM, 0.05);
    List<SliceUpdate> updates = updates(model, 1, 4, 6);
    ModelSlices.Weights next =
        reduceAll(conf, model, 1, updates, ReduceDriver.of(new SliceReducer()));

    SliceUpdate sum = updates.get(0).copy();
    sum.add(updates.get(1));
    int count = (int) model.parameterCount();
    float[] gradient = new float[count];
    for (int e = 0; e < count; e++) {
      gradient[e] = (float) (e == model.biasRow() ? 0 : 0.05 * start.params()[e]);
    }
    for (int i = 0; i < sum.rowCount(); i++) {
      int e = sum.row(i);
      gradient[e] =
          (float) (sum.values()[i] / 10 + (e == model.biasRow() ? 0 : 0.05 * start.params()[e]));
    }
    float[] state = start.state().clone();
    new Optimizer(OptimizerKind.MOMENTUM, 0.1).step(gradient, state, count, 5, 1);
    float[] expected = start.params().clone();
    for (int e = 0; e < count; e++) {
      expected[e] -= gradient[e];
    }
    assertArrayEquals(expected, next.params(), 1e-6f);
    assertArrayEquals(state, next.state(), 1e-6f);
  }

  @Test
  void reducerCountsNonFiniteResults() throws Exception {
    LinearModel model = model(2);
    previous(model, 0);
    Configuration conf = conf(model, SyncMode.AVERAGE, OptimizerKind.SGD, 0);
    List<SliceUpdate> updates = updates(model, 1, 2);
    updates.get(0).values()[0] = Double.NaN;
    ReduceDriver<SliceKey, SliceUpdate, NullWritable, NullWritable> driver =
        ReduceDriver.of(new SliceReducer());
    reduceAll(conf, model, 0, updates, driver);
    assertTrue(driver.counter(TrainCounters.NONFINITE_VALUES) > 0);
  }

  @Test
  void combinerAddsOneTasksUpdatesOfASlice() throws Exception {
    LinearModel model = model(2);
    List<SliceUpdate> updates = updates(model, 2, 3, 4);
    ReduceDriver<SliceKey, SliceUpdate, SliceKey, SliceUpdate> driver =
        ReduceDriver.of(new SliceCombiner());
    driver.withConfiguration(conf(model, SyncMode.AVERAGE, OptimizerKind.MOMENTUM, 0));
    driver
        .withInput(new SliceKey(1, 2), updates.get(0))
        .withInput(new SliceKey(1, 2), updates.get(1))
        .withInput(new SliceKey(0, 2), updates.get(1));
    // the combiner groups by the whole key (Hadoop's default for combiners), not by slice
    Configuration conf = conf(model, SyncMode.AVERAGE, OptimizerKind.MOMENTUM, 0);
    conf.unset("mapreduce.job.output.group.comparator.class");
    List<Record<SliceKey, SliceUpdate>> output = driver.withConfiguration(conf).run();
    assertEquals(2, output.size());
    SliceUpdate expected = updates.get(0).copy();
    expected.add(updates.get(1));
    SliceUpdate combined = output.get(1).value();
    assertEquals(new SliceKey(1, 2), output.get(1).key());
    assertEquals(7, combined.examples());
    assertEquals(expected.rowCount(), combined.rowCount());
    for (int i = 0; i < expected.rowCount(); i++) {
      assertEquals(expected.row(i), combined.row(i));
      assertEquals(expected.weight(i), combined.weight(i), "row weights add too");
      for (int w = 0; w < 2; w++) {
        double sum =
            valueAt(updates.get(0), expected.row(i), w)
                + valueAt(updates.get(1), expected.row(i), w);
        assertEquals(sum, combined.values()[i * 2 + w], 1e-12);
      }
    }
  }

  private static double valueAt(SliceUpdate update, int row, int w) {
    for (int i = 0; i < update.rowCount(); i++) {
      if (update.row(i) == row) {
        return update.values()[i * update.width() + w];
      }
    }
    return 0;
  }
}
