package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.Arch;
import dev.sheaf.model.LinearModel;
import dev.sheaf.model.LocalTrainer;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.Optimizer;
import dev.sheaf.model.OptimizerKind;
import dev.sheaf.model.RowSet;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.SyntheticShards;
import dev.sheaf.model.TrainerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sheaf train} end to end in embedded mode on synthetic shard sets: the protocol's
 * equivalences (gradient mode = full-batch steps; average mode with one map task = sequential
 * mini-batch SGD; average mode with one SGD step a task = gradient mode), determinism, resume,
 * divergence, early stopping and what the model directory holds.
 */
class TrainEndToEndTest {
  private static final int DIM = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path shards(int labels, int shardCount) throws Exception {
    return shards(dir, labels, shardCount);
  }

  /**
   * 400/100/100 synthetic examples of {@code labels} labels over {@code shardCount} files a split
   * (= map tasks).
   */
  static Path shards(Path dir, int labels, int shardCount) throws Exception {
    return SyntheticShards.write(
        dir.resolve("shards-" + labels + "-" + shardCount),
        DIM,
        labels,
        new int[] {400, 100, 100},
        shardCount,
        17);
  }

  private static CliRun train(Path shards, Path model, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("train", "--shards", shards.toString(), "--model", model.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static CliRun trained(Path shards, Path model, String... options) {
    CliRun run = train(shards, model, options);
    assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  static ModelSlices.Weights checkpoint(
      Path model, int epoch, SparseModel geometry, int stateArrays) throws Exception {
    return ModelSlices.read(
        new Configuration(),
        new org.apache.hadoop.fs.Path(model.resolve(String.format("epoch-%04d", epoch)).toUri()),
        geometry,
        0,
        geometry.rows(),
        stateArrays);
  }

  @Test
  void gradientModeOnFourMapTasksEqualsFullBatchSteps() throws Exception {
    Path shards = shards(3, 4);
    Path model = dir.resolve("model");
    trained(
        shards,
        model,
        "--sync",
        "gradient",
        "--optimizer",
        "adam",
        "--lr",
        "0.1",
        "--l2",
        "0.01",
        "--epochs",
        "3",
        "--slices",
        "3");

    LinearModel geometry = new LinearModel(Arch.SOFTMAX, DIM, 3);
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("train"));
    int count = (int) geometry.parameterCount();
    float[] params = new float[count];
    float[] state = new float[2 * count];
    for (int epoch = 1; epoch <= 3; epoch++) {
      double[] sum = new double[count];
      double[] z = new double[3];
      double[] delta = new double[3];
      RowSet rows = new RowSet(geometry.rows());
      for (SparseExample example : examples) {
        geometry.addLossGradient(params, example, z, delta, sum, rows);
      }
      float[] gradient = new float[count];
      for (int e = 0; e < count; e++) {
        gradient[e] = (float) (sum[e] / examples.size() + (e < DIM * 3 ? 0.01 * params[e] : 0));
      }
      new Optimizer(OptimizerKind.ADAM, 0.1).step(gradient, state, count, epoch - 1, epoch);
      for (int e = 0; e < count; e++) {
        params[e] -= gradient[e];
      }
    }
    ModelSlices.Weights mapReduce = checkpoint(model, 3, geometry, 2);
    assertArrayEquals(params, mapReduce.params(), 1e-5f);
    assertArrayEquals(state, mapReduce.state(), 1e-5f);
  }

  @Test
  void averageModeOnOneMapTaskEqualsSequentialMiniBatchSgd() throws Exception {
    Path shards = shards(2, 1);
    Path model = dir.resolve("model");
    trained(
        shards,
        model,
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--batch-size",
        "16",
        "--epochs",
        "2",
        "--slices",
        "2",
        "--seed",
        "9");

    LinearModel geometry = new LinearModel(Arch.LOGREG, DIM, 2);
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("train"));
    int count = (int) geometry.parameterCount();
    float[] params = new float[count];
    float[] state = new float[2 * count];
    long step = 0;
    for (int epoch = 1; epoch <= 2; epoch++) {
      LocalTrainer trainer =
          new LocalTrainer(
              geometry,
              params,
              state,
              new TrainerSettings(OptimizerKind.ADAM, 0.05, TrainOptions.DEFAULT_L2, 16, step, 0));
      ShuffleBuffer shuffle =
          new ShuffleBuffer(
              EpochSettings.DEFAULT_SHUFFLE_BUFFER,
              EpochMapper.splitSeed(9, epoch, "part-00000-of-00001.avro", 0),
              trainer::exchange);
      examples.forEach(shuffle::add);
      shuffle.drain();
      trainer.finish();
      trainer.copyTo(params, state);
      step = trainer.step();
    }
    ModelSlices.Weights mapReduce = checkpoint(model, 2, geometry, 2);
    assertArrayEquals(
        params, mapReduce.params(), "bit for bit: one task's delta averaged over its own count");
    assertArrayEquals(state, mapReduce.state());
  }

  /**
   * Eight map tasks whose examples use disjoint feature rows (only the bias is shared): with rows
   * weighted by the examples that touched them ({@code average-weights=rows}), each task's feature
   * rows and their optimizer state come out as sequential training on that task's part alone gives
   * them, not diluted by 8; for every optimizer, L2 on.
   */
  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void weightedAveragingOfTasksWithDisjointRowsEqualsSequentialTrainingOnEachPart(
      OptimizerKind optimizer) throws Exception {
    int parts = 8;
    int stateArrays = optimizer.stateArrays();
    int width = DIM / parts;
    Path shards = shards(3, parts);
    List<List<SparseExample>> byPart = new ArrayList<>();
    for (int f = 0; f < parts; f++) {
      Path file =
          shards.resolve("train").resolve(String.format("part-%05d-of-%05d.avro", f, parts));
      List<SparseExample> examples = SyntheticShards.readFile(file);
      for (SparseExample example : examples) {
        for (int i = 0; i < example.size; i++) {
          example.indices[i] = f * width + example.indices[i] % width;
        }
      }
      SyntheticShards.rewrite(file, examples);
      byPart.add(SyntheticShards.readFile(file));
    }
    Path model = dir.resolve("model");
    CliRun.ok(
        "train",
        "-D",
        "sheaf.train.average-weights=rows",
        "--shards",
        shards.toString(),
        "--model",
        model.toString(),
        "--optimizer",
        optimizer.optionName(),
        "--lr",
        "0.05",
        "--batch-size",
        "8",
        "--epochs",
        "1",
        "--slices",
        "2",
        "--seed",
        "5",
        "--l2",
        "0.001");
    LinearModel geometry = new LinearModel(Arch.SOFTMAX, DIM, 3);
    ModelSlices.Weights averaged = checkpoint(model, 1, geometry, stateArrays);
    int columns = geometry.columns();
    int count = (int) geometry.parameterCount();
    for (int f = 0; f < parts; f++) {
      float[] params = new float[count];
      float[] state = new float[stateArrays * count];
      LocalTrainer trainer =
          new LocalTrainer(
              geometry, params, state, new TrainerSettings(optimizer, 0.05, 0.001, 8, 0, 0));
      ShuffleBuffer shuffle =
          new ShuffleBuffer(
              EpochSettings.DEFAULT_SHUFFLE_BUFFER,
              EpochMapper.splitSeed(5, 1, String.format("part-%05d-of-%05d.avro", f, parts), 0),
              trainer::exchange);
      byPart.get(f).forEach(shuffle::add);
      shuffle.drain();
      trainer.finish();
      trainer.copyTo(params, state);
      for (int e = f * width * columns; e < (f + 1) * width * columns; e++) {
        assertEquals(
            params[e], averaged.params()[e], Math.ulp(params[e]), "part " + f + " parameter " + e);
        for (int j = 0; j < stateArrays; j++) {
          assertEquals(
              state[j * count + e],
              averaged.state()[j * count + e],
              Math.ulp(state[j * count + e]),
              "part " + f + " state " + j + " of " + e);
        }
      }
    }
    // the global step advanced by one task's steps (50 examples in batches of 8), not by all eight
    // tasks'
    assertEquals(
        7, JSON.readTree(model.resolve("epoch-0001/state.json").toFile()).path("step").asLong());
  }

  @Test
  void averageModeWithOnePlainSgdStepPerTaskEqualsGradientMode() throws Exception {
    Path shards = shards(3, 4);
    String[] common = {
      "--optimizer", "sgd", "--lr", "0.5", "--l2", "0", "--epochs", "2", "--batch-size", "100000"
    };
    Path averaged = dir.resolve("averaged");
    Path gradient = dir.resolve("gradient");
    // with each task's model weighted by its example count over all tasks (not per row)
    CliRun.ok(
        CliRun.concat(
            new String[] {
              "train",
              "-D",
              "sheaf.train.average-weights=examples",
              "--shards",
              shards.toString(),
              "--model",
              averaged.toString()
            },
            CliRun.concat(common, "--sync", "average")));
    trained(shards, gradient, CliRun.concat(common, "--sync", "gradient"));
    LinearModel geometry = new LinearModel(Arch.SOFTMAX, DIM, 3);
    assertArrayEquals(
        checkpoint(gradient, 2, geometry, 0).params(),
        checkpoint(averaged, 2, geometry, 0).params(),
        1e-6f);
  }

  @ParameterizedTest
  @EnumSource(SyncMode.class)
  void readingOnlyTheRowsASplitTouchesTrainsTheSameBytes(SyncMode sync) throws Exception {
    // a wide model (2^16 features x 3 labels): each split is far smaller than the model, so the
    // map tasks scan their split and read only its rows
    Path shards =
        SyntheticShards.write(dir.resolve("wide"), 1 << 16, 3, new int[] {400, 100, 100}, 4, 5);
    // two epochs; L-BFGS one (its first is two data passes and a map-only step job)
    String epochs = sync == SyncMode.LBFGS ? "1" : "2";
    List<String> options =
        new ArrayList<>(List.of("--epochs", epochs, "--sync", sync.optionName(), "--l2", "0.001"));
    if (sync != SyncMode.LBFGS) {
      options.addAll(List.of("--optimizer", "adagrad", "--lr", "0.5"));
    }
    Path touched = dir.resolve("touched-" + sync);
    Path whole = dir.resolve("whole-" + sync);
    trained(shards, touched, options.toArray(new String[0]));
    CliRun.ok(
        CliRun.concat(
            new String[] {
              "train",
              "-D",
              EpochMapper.READ_TOUCHED_ROWS + "=false",
              "--shards",
              shards.toString(),
              "--model",
              whole.toString()
            },
            options.toArray(new String[0])));
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("params/params.slice")),
        Files.readAllBytes(touched.resolve("params/params.slice")),
        sync.optionName());
  }

  @Test
  void sameSeedSameModelWhateverTheSliceCountAndTheCombiner() throws Exception {
    Path shards = shards(3, 3);
    Path first = dir.resolve("first");
    Path again = dir.resolve("again");
    Path otherSlices = dir.resolve("other-slices");
    trained(shards, first, "--epochs", "2", "--slices", "2");
    trained(shards, again, "--epochs", "2", "--slices", "2");
    CliRun combined =
        CliRun.of(
            "train",
            "-D",
            TrainJob.COMBINER + "=true",
            "--shards",
            shards.toString(),
            "--model",
            otherSlices.toString(),
            "--epochs",
            "2",
            "--slices",
            "5");
    assertEquals(0, combined.exitCode(), combined.err());
    assertArrayEquals(
        Files.readAllBytes(first.resolve("params/params.slice")),
        Files.readAllBytes(again.resolve("params/params.slice")));
    assertArrayEquals(
        Files.readAllBytes(first.resolve("params/params.slice")),
        Files.readAllBytes(otherSlices.resolve("params/params.slice")));
  }

  @Test
  void aResumedRunEndsWithTheModelOfAnUninterruptedOne() throws Exception {
    Path shards = shards(3, 2);
    Path whole = dir.resolve("whole");
    Path resumed = dir.resolve("resumed");
    String[] options = {
      "--optimizer", "adam", "--lr", "0.05", "--lr-schedule", "cosine", "--epochs", "4"
    };
    trained(shards, whole, options);
    // killed after epoch 2: the run finished epoch 2 and had started epoch 3 when it died
    trained(
        shards,
        resumed,
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--lr-schedule",
        "cosine",
        "--epochs",
        "4",
        "--patience",
        "100");
    for (int epoch = 3; epoch <= 4; epoch++) {
      FileUtils.deleteDirectory(resumed.resolve(String.format("epoch-%04d", epoch)).toFile());
    }
    Files.createDirectories(resumed.resolve("epoch-0003"));
    Files.writeString(resumed.resolve("epoch-0003/slice-00000-r-00000.slice"), "half written");
    // a cosine schedule's rates depend on --epochs: resuming with another count is refused
    assertUsage(
        train(
            shards,
            resumed,
            "--optimizer",
            "adam",
            "--lr",
            "0.05",
            "--lr-schedule",
            "cosine",
            "--epochs",
            "6",
            "--resume"),
        "was started with --epochs 4 and --lr-schedule cosine");
    CliRun resume = trained(shards, resumed, CliRun.concat(options, "--resume"));
    assertTrue(resume.out().contains("train: resuming after epoch 2 of 4"), resume.out());
    assertFalse(resume.out().contains("epoch 1/4"), resume.out());
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("epoch-0004/slice-00000-r-00000.slice")),
        Files.readAllBytes(resumed.resolve("epoch-0004/slice-00000-r-00000.slice")));
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("params/params.slice")),
        Files.readAllBytes(resumed.resolve("params/params.slice")));
    List<String> wholeMetrics = Files.readAllLines(whole.resolve("metrics.jsonl"));
    List<String> resumedMetrics = Files.readAllLines(resumed.resolve("metrics.jsonl"));
    assertEquals(4, resumedMetrics.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(
          JSON.readTree(wholeMetrics.get(i)).path("valid_loss"),
          JSON.readTree(resumedMetrics.get(i)).path("valid_loss"));
    }
    CliRun changed = train(shards, resumed, "--optimizer", "sgd", "--epochs", "5", "--resume");
    assertEquals(2, changed.exitCode());
    assertTrue(
        changed
            .errLine()
            .contains("was started with lr 0.05, not 1.0; resume with the same options"),
        changed.err());
  }

  @Test
  void aDivergedEpochStopsTheRunAndTheLastGoodEpochStaysTheModel() throws Exception {
    Path shards = shards(2, 2);
    Path model = dir.resolve("model");
    trained(shards, model, "--epochs", "1");
    // a checkpoint whose parameters blew up, as a too-large learning rate makes them
    LinearModel geometry = new LinearModel(Arch.LOGREG, DIM, 2);
    ModelSlices.Weights good = checkpoint(model, 1, geometry, 1);
    Files.createDirectories(dir.resolve("bad"));
    float[] blown = good.params().clone();
    blown[geometry.biasRow()] = Float.NaN;
    for (var file :
        Files.list(model.resolve("epoch-0001"))
            .filter(p -> p.toString().endsWith(".slice"))
            .toList()) {
      Files.delete(file);
    }
    ModelSlices.writeAll(
        new Configuration(),
        new org.apache.hadoop.fs.Path(model.resolve("epoch-0001/blown.slice").toUri()),
        geometry,
        1,
        new ModelSlices.Weights(blown, good.state()));
    CliRun diverged = train(shards, model, "--epochs", "3", "--resume");
    assertEquals(1, diverged.exitCode());
    assertTrue(diverged.errLine().contains("epoch 2 diverged (train_loss NaN"), diverged.err());
    assertTrue(diverged.errLine().contains("the model stays at epoch 1"), diverged.err());
    assertFalse(Files.exists(model.resolve("epoch-0002")));
    assertEquals(1, JSON.readTree(model.resolve("model.json").toFile()).path("epoch").asInt());
  }

  @Test
  void earlyStoppingEndsOnTheBestEpoch() throws Exception {
    Path shards = shards(3, 2);
    Path model = dir.resolve("model");
    // a large constant rate and no L2 overfit this small noisy set quickly
    CliRun run =
        trained(
            shards,
            model,
            "--optimizer",
            "adam",
            "--lr",
            "0.5",
            "--l2",
            "0",
            "--epochs",
            "40",
            "--patience",
            "2",
            "--keep-checkpoints",
            "1");
    assertTrue(run.out().contains("train: stopped early after epoch"), run.out());
    List<String> metrics = Files.readAllLines(model.resolve("metrics.jsonl"));
    assertTrue(metrics.size() < 40, "stopped before the last epoch: " + metrics.size());
    int best = 0;
    double bestLoss = Double.MAX_VALUE;
    for (String line : metrics) {
      JsonNode epoch = JSON.readTree(line);
      if (epoch.path("valid_loss").asDouble() < bestLoss) {
        bestLoss = epoch.path("valid_loss").asDouble();
        best = epoch.path("epoch").asInt();
      }
    }
    assertEquals(metrics.size(), best + 2, "stopped two epochs after the best");
    JsonNode info = JSON.readTree(model.resolve("model.json").toFile());
    assertEquals(best, info.path("epoch").asInt());
    assertEquals(bestLoss, info.path("metrics").path("validLoss").asDouble(), 1e-12);
    // pruning kept the best and the newest checkpoint only
    try (var children = Files.list(model)) {
      List<String> checkpoints =
          children
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("epoch-"))
              .sorted()
              .toList();
      assertEquals(
          List.of(String.format("epoch-%04d", best), String.format("epoch-%04d", metrics.size())),
          checkpoints);
    }
  }

  @Test
  void softmaxLearnsAndTheModelDirectoryExplainsItself() throws Exception {
    Path shards = shards(4, 2);
    Path model = dir.resolve("model");
    CliRun run = trained(shards, model, "--epochs", "5");
    List<String> progress = run.out().lines().filter(line -> line.startsWith("epoch ")).toList();
    assertEquals(5, progress.size(), run.out());
    assertTrue(
        progress
            .get(0)
            .matches(
                "epoch 1/5  train_loss \\d+\\.\\d{4}  valid_loss \\d+\\.\\d{4}  "
                    + "valid_acc \\d\\.\\d{4}  \\d+\\.\\d+[kM] ex/s  \\d+\\.\\d s"),
        progress.get(0));
    JsonNode info = JSON.readTree(model.resolve("model.json").toFile());
    assertEquals("softmax", info.path("arch").asText());
    assertEquals(DIM, info.path("dim").asInt());
    assertEquals(
        SyntheticShards.labels(4).toString(),
        info.path("labels").toString().replace("\"", "").replace(",", ", "));
    assertEquals(64, info.path("shards").path("manifestSha256").asText().length());
    assertEquals("adagrad", info.path("training").path("optimizer").asText());
    assertTrue(info.path("metrics").path("validAccuracy").asDouble() > 0.8, info.toString());
    assertTrue(Files.exists(model.resolve("_vectorizer/labels.txt")));
    List<String> metrics = Files.readAllLines(model.resolve("metrics.jsonl"));
    assertEquals(5, metrics.size());
    JsonNode last = JSON.readTree(metrics.get(4));
    for (String key :
        new String[] {
          "epoch",
          "train_loss",
          "valid_loss",
          "valid_acc",
          "lr",
          "examples",
          "seconds",
          "examples_per_second",
          "step"
        }) {
      assertTrue(last.has(key), key + " in " + last);
    }
    assertTrue(
        JSON.readTree(metrics.get(0)).path("train_loss").asDouble()
            > last.path("train_loss").asDouble());
    CliRun evaluate =
        CliRun.ok("evaluate", "--model", model.toString(), "--shards", shards.toString());
    assertTrue(evaluate.out().contains("  label3  "), evaluate.out());
    JsonNode evaluation = JSON.readTree(model.resolve("eval-test.json").toFile());
    assertEquals(4, evaluation.path("per_class").size());
    assertFalse(evaluation.has("auc"), "no AUC for a softmax over 4 labels");
    assertTrue(evaluation.path("accuracy").asDouble() > 0.8, evaluation.toString());
    CliRun inspect = CliRun.of("inspect", model.resolve("model.json").toString());
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("\"arch\" : \"softmax\""), inspect.out());
  }

  @Test
  void withoutAValidSplitTheLastEpochIsTheModel() throws Exception {
    Path shards =
        SyntheticShards.write(dir.resolve("no-valid"), DIM, 2, new int[] {200, 0, 50}, 2, 3);
    Path model = dir.resolve("model");
    CliRun run = trained(shards, model, "--epochs", "2", "--patience", "1");
    assertTrue(run.out().contains("epoch 2/2  train_loss "), run.out());
    assertTrue(run.out().contains("  valid (none)  "), run.out());
    JsonNode info = JSON.readTree(model.resolve("model.json").toFile());
    assertEquals(2, info.path("epoch").asInt());
    assertEquals("last epoch (no valid split)", info.path("selectedBy").asText());
    assertFalse(
        JSON.readTree(Files.readAllLines(model.resolve("metrics.jsonl")).get(1)).has("valid_loss"));
  }

  @Test
  void badOptionsAndInputsAreOneLineUsageErrors() throws Exception {
    Path shards = shards(3, 1);
    Path model = dir.resolve("model");
    assertUsage(train(dir.resolve("nowhere"), model), "is not a shard set");
    assertUsage(train(shards, model, "--arch", "logreg"), "--arch logreg needs 2 labels");
    assertUsage(train(shards, model, "--arch", "tree"), "--arch must be logreg, softmax or mlp");
    assertUsage(
        train(shards, model, "--arch", "mlp", "--hidden", "64,0"), "--hidden must be layer widths");
    assertUsage(
        train(shards, model, "--arch", "mlp", "--dropout", "1"), "--dropout must be below 1");
    assertUsage(
        train(shards, model, "--arch", "mlp", "--activation", "gelu"),
        "--activation must be relu or tanh");
    assertUsage(train(shards, model, "--hidden", "64"), "--hidden is an option of --arch mlp");
    assertUsage(
        train(shards, model, "--allow-cpu-fallback"), "--allow-cpu-fallback goes with --gpus");
    assertUsage(
        train(shards, model, "--optimizer", "rmsprop"),
        "--optimizer must be sgd, momentum, adagrad or adam");
    assertUsage(train(shards, model, "--lr", "0"), "--lr must be greater than 0");
    assertUsage(train(shards, model, "--sync", "async"), "--sync must be one of average, gradient");
    assertUsage(train(shards, model, "--epochs", "-1"), "--epochs must be a positive integer");
    assertUsage(train(shards, model, "--resume"), "holds no training run to resume");
    trained(shards, model, "--epochs", "1");
    assertUsage(
        train(shards, model, "--epochs", "1"),
        "--model " + model + " already exists; choose another --model");
    assertUsage(train(shards, shards.resolve("model"), "--epochs", "1"), "apart from every input");
  }

  private static void assertUsage(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.errLine().startsWith("sheaf train: ") && run.errLine().contains(message), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }
}
