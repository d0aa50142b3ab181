package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.Activation;
import dev.sheaf.model.Arch;
import dev.sheaf.model.GradientSum;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.Optimizer;
import dev.sheaf.model.OptimizerKind;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.SyntheticShards;
import dev.sheaf.model.Trainer;
import dev.sheaf.model.TrainerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf train --arch mlp} end to end in embedded mode: the epoch protocol's equivalences
 * hold for the MLP as for the linear models (one map task = sequential mini-batch training, dropout
 * included; gradient mode = full-batch steps), it learns, it resumes exactly, and evaluate reads
 * its model.
 */
class MlpTrainEndToEndTest {
  private static final int DIM = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path shards(int labels, int shardCount) throws Exception {
    return TrainEndToEndTest.shards(dir, labels, shardCount);
  }

  private static CliRun trained(Path shards, Path model, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--shards",
                shards.toString(),
                "--model",
                model.toString(),
                "--arch",
                "mlp"));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  private static SparseModel mlp(
      int labels, List<Integer> hidden, Activation activation, double dropout) {
    return new ModelSpec(Arch.MLP, DIM, labels, hidden, activation, dropout).model();
  }

  @Test
  void averageModeOnOneMapTaskEqualsSequentialTrainingWithTheSameDropout() throws Exception {
    Path shards = shards(3, 1);
    Path model = dir.resolve("model");
    trained(
        shards,
        model,
        "--hidden",
        "12,6",
        "--activation",
        "tanh",
        "--dropout",
        "0.25",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--batch-size",
        "16",
        "--epochs",
        "2",
        "--slices",
        "3",
        "--seed",
        "5");

    SparseModel geometry = mlp(3, List.of(12, 6), Activation.TANH, 0.25);
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("train"));
    int count = (int) geometry.parameterCount();
    float[] params = geometry.initialParams(5);
    float[] state = new float[2 * count];
    long step = 0;
    for (int epoch = 1; epoch <= 2; epoch++) {
      long seed = EpochMapper.splitSeed(5, epoch, "part-00000-of-00001.avro", 0);
      Trainer trainer =
          geometry.trainer(
              params,
              state,
              new TrainerSettings(
                  OptimizerKind.ADAM,
                  0.01,
                  TrainOptions.DEFAULT_L2,
                  16,
                  step,
                  EpochMapper.dropoutSeed(seed)));
      ShuffleBuffer shuffle =
          new ShuffleBuffer(EpochSettings.DEFAULT_SHUFFLE_BUFFER, seed, trainer::exchange);
      examples.forEach(shuffle::add);
      shuffle.drain();
      trainer.finish();
      for (int e = 0; e < count; e++) {
        params[e] = trainer.param(e);
        state[e] = trainer.state(0, e);
        state[count + e] = trainer.state(1, e);
      }
      step = trainer.step();
    }
    ModelSlices.Weights mapReduce = TrainEndToEndTest.checkpoint(model, 2, geometry, 2);
    assertArrayEquals(params, mapReduce.params(), "bit for bit, dropout masks included");
    assertArrayEquals(state, mapReduce.state());
  }

  @Test
  void gradientModeOnFourMapTasksEqualsFullBatchSteps() throws Exception {
    Path shards = shards(2, 4);
    Path model = dir.resolve("model");
    trained(
        shards,
        model,
        "--hidden",
        "8",
        "--sync",
        "gradient",
        "--optimizer",
        "sgd",
        "--lr",
        "0.5",
        "--l2",
        "0.01",
        "--epochs",
        "3",
        "--slices",
        "2",
        "--seed",
        "3");

    SparseModel geometry = mlp(2, List.of(8), Activation.RELU, 0);
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("train"));
    int count = (int) geometry.parameterCount();
    float[] params = geometry.initialParams(3);
    for (int epoch = 1; epoch <= 3; epoch++) {
      GradientSum sum = geometry.gradientSum(params, 1000, 0);
      examples.forEach(sum::add);
      sum.finish();
      float[] gradient = new float[count];
      for (int e = 0; e < count; e++) {
        gradient[e] =
            (float)
                (sum.gradient(e) / examples.size() + (geometry.decayed(e) ? 0.01 * params[e] : 0));
      }
      new Optimizer(OptimizerKind.SGD, 0.5).step(gradient, new float[0], count, epoch - 1, epoch);
      for (int e = 0; e < count; e++) {
        params[e] -= gradient[e];
      }
    }
    assertArrayEquals(params, TrainEndToEndTest.checkpoint(model, 3, geometry, 0).params(), 1e-5f);
  }

  @Test
  void anMlpLearnsResumesExactlyAndEvaluates() throws Exception {
    Path shards = shards(3, 2);
    Path whole = dir.resolve("whole");
    Path resumed = dir.resolve("resumed");
    String[] options = {"--hidden", "16", "--dropout", "0.2", "--epochs", "4", "--slices", "2"};
    CliRun run = trained(shards, whole, options);
    assertTrue(run.out().contains("epoch 4/4  train_loss "), run.out());
    // killed after epoch 2
    trained(shards, resumed, CliRun.concat(options, "--patience", "100"));
    for (int epoch = 3; epoch <= 4; epoch++) {
      FileUtils.deleteDirectory(resumed.resolve(String.format("epoch-%04d", epoch)).toFile());
    }
    trained(shards, resumed, CliRun.concat(options, "--resume"));
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("params/params.slice")),
        Files.readAllBytes(resumed.resolve("params/params.slice")));

    JsonNode info = JSON.readTree(whole.resolve("model.json").toFile());
    assertEquals("mlp", info.path("arch").asText());
    assertEquals("[16]", info.path("hidden").toString());
    assertEquals("relu", info.path("activation").asText());
    assertEquals(0.2, info.path("dropout").asDouble());
    assertEquals("[16]", info.path("training").path("hidden").toString());
    assertTrue(info.path("metrics").path("validAccuracy").asDouble() > 0.8, info.toString());
    // embedded, the tasks ran in this JVM: its own kernel settings, whatever the job's env lists
    // say
    for (String variable : BlasEnvironment.KERNEL_VARIABLES) {
      String own =
          System.getenv(variable) == null || System.getenv(variable).isBlank()
              ? ""
              : System.getenv(variable);
      assertEquals(own, info.path("blas").path(variable).asText(), variable);
    }
    assertTrue(info.path("blas").isObject(), info.toString());
    CliRun evaluate =
        CliRun.ok("evaluate", "--model", whole.toString(), "--shards", shards.toString());
    assertTrue(evaluate.out().contains("  label2  "), evaluate.out());
    assertTrue(
        JSON.readTree(whole.resolve("eval-test.json").toFile()).path("accuracy").asDouble() > 0.8);

    CliRun changed =
        CliRun.of(
            "train",
            "--shards",
            shards.toString(),
            "--model",
            resumed.toString(),
            "--arch",
            "mlp",
            "--hidden",
            "32",
            "--dropout",
            "0.2",
            "--epochs",
            "5",
            "--resume");
    assertEquals(2, changed.exitCode());
    assertTrue(changed.errLine().contains("was started with hidden [16], not [32]"), changed.err());
  }

  @Test
  void askingForAGpuOnTheCpuBackendFailsUnlessFallbackIsAllowed() throws Exception {
    Path shards = shards(2, 1);
    CliRun refused =
        CliRun.of(
            "train",
            "--shards",
            shards.toString(),
            "--model",
            dir.resolve("gpu").toString(),
            "--arch",
            "mlp",
            "--hidden",
            "4",
            "--epochs",
            "1",
            "--gpus",
            "1");
    assertEquals(1, refused.exitCode());
    assertTrue(
        refused.err().contains("asked for a GPU but ND4J loaded its CPU backend"), refused.err());
    CliRun fallback =
        trained(
            shards,
            dir.resolve("fallback"),
            "--hidden",
            "4",
            "--epochs",
            "1",
            "--gpus",
            "1",
            "--allow-cpu-fallback",
            "--node-label",
            "gpu");
    assertFalse(fallback.err().contains("Exception"), fallback.err());
  }
}
