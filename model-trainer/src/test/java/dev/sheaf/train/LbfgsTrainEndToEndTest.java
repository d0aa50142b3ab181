package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.ExampleInputFormat;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.SyntheticShards;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf train --sync lbfgs} end to end, embedded: with {@code --l2 auto} each optimum along
 * its path is liblinear's (the same objective at {@code C = 1/(l2 n)}; the Java port of LIBLINEAR
 * 2.44, its TRON solver, with the bias unregularised as ours) and the model is the one with the
 * best valid accuracy; it does not depend on the number of map tasks, a resumed run ends where an
 * uninterrupted one does, and its memory stays within the history.
 */
class LbfgsTrainEndToEndTest {
  private static final int DIM = 200;
  private static final int TRAIN = 600;
  private static final double L2 = 1e-3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path shards(int labels) throws Exception {
    return SyntheticShards.write(
        dir.resolve("shards-" + labels), DIM, labels, new int[] {TRAIN, 100, 100}, 3, 29);
  }

  private static void train(Path shards, Path model, String... options) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--shards",
            shards.toString(),
            "--model",
            model.toString(),
            "--sync",
            "lbfgs",
            "--l2",
            Double.toString(L2),
            "--slices",
            "2"));
    CliRun.ok(args.toArray(new String[0]));
  }

  private static float[] params(Path model, String checkpoint, SparseModel geometry)
      throws IOException {
    return ModelSlices.read(
            new Configuration(),
            new org.apache.hadoop.fs.Path(model.resolve(checkpoint).toUri()),
            geometry,
            0,
            geometry.rows(),
            0)
        .params();
  }

  private static SparseModel geometry(Path model) throws IOException {
    JsonNode info = JSON.readTree(model.resolve("model.json").toFile());
    return ModelSpec.read(info, info.path("labels").size()).model();
  }

  private static List<SparseExample> examples(Path shards) throws IOException {
    List<SparseExample> examples = new ArrayList<>();
    ExampleInputFormat.forEach(
        new Configuration(),
        new org.apache.hadoop.fs.Path(shards.resolve("train").toUri()),
        example -> {
          SparseExample copy = new SparseExample();
          copy.copyFrom(example);
          examples.add(copy);
        });
    return examples;
  }

  /** {@code Σ loss / n + (l2/2)|W|²}, in double, as the trainer defines it. */
  private static double objective(
      SparseModel model, float[] params, List<SparseExample> examples, double l2) {
    double[] z = new double[model.outputs()];
    double loss = 0;
    for (SparseExample example : examples) {
      model.scorer(params).scores(example, z);
      loss += example.weight * model.loss(z, example.label, null);
    }
    double penalty = 0;
    for (int e = 0; e < params.length; e++) {
      penalty += model.decayed(e) ? 0.5 * l2 * params[e] * params[e] : 0;
    }
    return loss / examples.size() + penalty;
  }

  /**
   * Our objective at liblinear's optimum: liblinear -s 0 minimises |w|²/2 + C Σ loss_i, ours times
   * C n with C = 1 / (l2 n); with regularize_bias off (liblinear's -R) its bias feature is free, as
   * ours is.
   */
  private static double liblinearObjective(
      SparseModel geometry, List<SparseExample> examples, double l2) {
    double c = 1 / (l2 * examples.size());
    Problem problem = new Problem();
    problem.l = examples.size();
    problem.n = DIM + 1;
    problem.bias = 1;
    problem.y = new double[problem.l];
    problem.x = new Feature[problem.l][];
    for (int i = 0; i < problem.l; i++) {
      SparseExample example = examples.get(i);
      problem.y[i] = example.label;
      problem.x[i] = new Feature[example.size + 1];
      for (int j = 0; j < example.size; j++) {
        problem.x[i][j] = new FeatureNode(example.indices[j] + 1, example.values[j]);
      }
      problem.x[i][example.size] = new FeatureNode(DIM + 1, 1);
    }
    Parameter parameter = new Parameter(SolverType.L2R_LR, c, 1e-6);
    parameter.setRegularizeBias(false);
    Linear.disableDebugOutput();
    Model liblinear = Linear.train(problem, parameter);
    // w scores liblinear's first label; the logreg's score is label 1's
    double sign = liblinear.getLabels()[0] == 1 ? 1 : -1;
    float[] theirs = new float[(int) geometry.parameterCount()];
    for (int j = 0; j <= DIM; j++) {
      theirs[j] = (float) (sign * liblinear.getFeatureWeights()[j]);
    }
    return objective(geometry, theirs, examples, l2);
  }

  @Test
  void anL2PathKeepsItsOptimumWithTheHighestValidAccuracy() throws Exception {
    Path shards = shards(2);
    Path model = dir.resolve("path");
    CliRun.ok(
        "train",
        "--shards",
        shards.toString(),
        "--model",
        model.toString(),
        "--sync",
        "lbfgs",
        "--l2",
        "auto",
        "--slices",
        "2",
        "--epochs",
        "400");
    // each penalty's optimum: the last epoch run with it
    Map<Double, JsonNode> optima = new LinkedHashMap<>();
    for (String line : Files.readAllLines(model.resolve("metrics.jsonl"))) {
      JsonNode epoch = JSON.readTree(line);
      optima.put(epoch.path("l2").asDouble(), epoch);
    }
    List<Double> penalties = new ArrayList<>(optima.keySet());
    assertTrue(penalties.size() >= 2, "the path went past its first penalty: " + penalties);
    for (int i = 0; i < penalties.size(); i++) {
      assertEquals(1 / (L2Path.C[i] * TRAIN), penalties.get(i), 0, "strongest first, l2 = 1/(C n)");
    }
    Comparator<JsonNode> quality =
        Comparator.<JsonNode>comparingDouble(e -> e.path("valid_acc").asDouble())
            .thenComparing(
                Comparator.<JsonNode>comparingDouble(e -> e.path("valid_loss").asDouble())
                    .reversed());
    JsonNode best = optima.values().stream().max(quality).orElseThrow();
    if (penalties.size() < L2Path.C.length) {
      // stopped early: the last optima were no better than the best
      for (int i = penalties.size() - L2Path.PATIENCE; i < penalties.size(); i++) {
        assertTrue(
            quality.compare(optima.get(penalties.get(i)), best) < 0,
            "optimum " + i + " is not the best");
      }
    }
    JsonNode info = JSON.readTree(model.resolve("model.json").toFile());
    assertEquals(best.path("epoch").asInt(), info.path("epoch").asInt(), info.toString());
    assertEquals(best.path("l2").asDouble(), info.path("metrics").path("l2").asDouble());
    assertEquals("auto", info.path("training").path("l2").asText());
    SparseModel geometry = geometry(model);
    float[] chosen = params(model, "params", geometry);
    assertArrayEquals(
        params(model, String.format("epoch-%04d", best.path("epoch").asInt()), geometry),
        chosen,
        "params/ is the chosen optimum");
    List<SparseExample> examples = examples(shards);
    assertEquals(TRAIN, examples.size());
    double recomputed = objective(geometry, chosen, examples, best.path("l2").asDouble());
    assertEquals(
        best.path("objective").asDouble(),
        recomputed,
        1e-6 * recomputed,
        "the objective the driver summed from the reducers' dot products files");
    // resumed after its end, the run finds the same last optimum, compares it again (the path's
    // choice is re-derived, not stored) and writes the same model
    byte[] params = Files.readAllBytes(model.resolve("params/params.slice"));
    CliRun.ok(
        "train",
        "--shards",
        shards.toString(),
        "--model",
        model.toString(),
        "--sync",
        "lbfgs",
        "--l2",
        "auto",
        "--slices",
        "2",
        "--epochs",
        "400",
        "--resume");
    assertArrayEquals(
        params,
        Files.readAllBytes(model.resolve("params/params.slice")),
        "resumed: the same model");
    assertEquals(
        info.path("epoch"), JSON.readTree(model.resolve("model.json").toFile()).path("epoch"));
    // each warm-started solve reached its own optimum: liblinear's at the same C
    for (double l2 : penalties) {
      double ours = optima.get(l2).path("objective").asDouble();
      double reference = liblinearObjective(geometry, examples, l2);
      assertEquals(
          reference,
          ours,
          1e-3 * reference,
          "l2 " + l2 + ": sheaf " + ours + ", liblinear " + reference);
    }
  }

  @Test
  void theModelDependsOnNeitherTheMapTasksNorAResume() throws Exception {
    Path shards = shards(3);
    Path straight = dir.resolve("straight");
    Path many = dir.resolve("many");
    Path resumed = dir.resolve("resumed");
    String history = LbfgsEpochs.HISTORY + "=3";
    train(shards, straight, "-D", history, "--epochs", "8", "--keep-checkpoints", "1");
    // the same train examples in 12 files: 12 map tasks instead of 3
    train(spread(shards, dir.resolve("shards-12"), 12), many, "-D", history, "--epochs", "8");
    train(shards, resumed, "-D", history, "--epochs", "4");
    // what a kill inside iteration 5 leaves: a trial in the work directory, the accepted point
    // moved into epoch-0005/ without its state.json, and its pair already in lbfgs-pairs/
    Path work = Files.createDirectories(resumed.resolve(".lbfgs-work/trial"));
    Files.writeString(work.resolve("slice-00000.slice"), "half a trial");
    copyTree(resumed.resolve("epoch-0004"), resumed.resolve("epoch-0005"));
    Files.delete(resumed.resolve("epoch-0005/state.json"));
    Files.createDirectories(resumed.resolve(LbfgsEpochs.PAIRS).resolve("epoch-0005/s"));
    Files.writeString(
        resumed.resolve(LbfgsEpochs.PAIRS).resolve("epoch-0005/s/slice-00000.slice"), "orphan");
    train(shards, resumed, "-D", history, "--epochs", "8", "--resume");
    SparseModel geometry = geometry(straight);
    float[] expected = params(straight, "epoch-0008", geometry);
    assertArrayEquals(
        expected,
        params(resumed, "epoch-0008", geometry),
        "killed in an iteration, resumed: bit for bit");
    float[] split = params(many, "epoch-0008", geometry);
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], split[e], 1e-4, "4 times the map tasks: parameter " + e);
    }
    double objective =
        JSON.readTree(straight.resolve("epoch-0008/state.json").toFile())
            .path("objective")
            .asDouble();
    assertEquals(
        objective,
        JSON.readTree(many.resolve("epoch-0008/state.json").toFile()).path("objective").asDouble(),
        1e-6 * objective);

    JsonNode state = JSON.readTree(straight.resolve("epoch-0008/lbfgs.json").toFile());
    assertEquals(3, state.path("pairs").size(), "the memory holds the newest 3 pairs");
    File[] pairs = straight.resolve(LbfgsEpochs.PAIRS).toFile().listFiles();
    assertTrue(pairs != null && pairs.length == 3, "old pairs are removed: " + List.of(pairs));
    List<String> metrics = Files.readAllLines(resumed.resolve("metrics.jsonl"));
    assertEquals(8, metrics.size());
    JsonNode last = JSON.readTree(metrics.get(7));
    assertTrue(
        last.path("objective").asDouble()
            < JSON.readTree(metrics.get(0)).path("objective").asDouble());
    assertTrue(last.path("passes").asInt() >= 1);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  /**
   * A copy of {@code shards} whose train examples are dealt round-robin into {@code files} files.
   */
  private static Path spread(Path shards, Path copy, int files) throws IOException {
    List<SparseExample> train = SyntheticShards.read(shards.resolve("train"));
    try (var paths = Files.walk(shards)) {
      for (Path from : (Iterable<Path>) paths::iterator) {
        Path to = copy.resolve(shards.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else if (!from.startsWith(shards.resolve("train"))) {
          Files.copy(from, to);
        }
      }
    }
    for (int f = 0; f < files; f++) {
      List<SparseExample> part = new ArrayList<>();
      for (int i = f; i < train.size(); i += files) {
        part.add(train.get(i));
      }
      SyntheticShards.rewrite(
          copy.resolve("train").resolve(String.format("part-%05d-of-%05d.avro", f, files)), part);
    }
    return copy;
  }

  @Test
  void optionsOfTheStepOptimizersAreRefused() throws Exception {
    Path shards = shards(2);
    for (String[] options :
        new String[][] {{"--arch", "mlp"}, {"--optimizer", "adam"}, {"--lr", "0.1"}}) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "train",
                  "--shards",
                  shards.toString(),
                  "--model",
                  dir.resolve("refused").toString(),
                  "--sync",
                  "lbfgs"));
      args.addAll(List.of(options));
      CliRun run = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.errLine().contains("lbfgs"), run.err());
      assertFalse(Files.exists(dir.resolve("refused")));
    }
    for (String[] options :
        new String[][] {{"--l2", "auto"}, {"--l2", "auto", "--sync", "lbfgs", "--patience", "2"}}) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "train",
                  "--shards",
                  shards.toString(),
                  "--model",
                  dir.resolve("refused").toString()));
      args.addAll(List.of(options));
      CliRun run = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.errLine().contains("--l2 auto"), run.err());
    }
  }
}
