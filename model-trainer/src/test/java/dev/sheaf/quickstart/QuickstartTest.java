package dev.sheaf.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sheaf quickstart}: the whole chain on the bundled sample, through train and evaluate. */
class QuickstartTest {
  @TempDir Path dir;

  @Test
  void helpListsTheTrainerCommandsBesideTheDataStages() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode());
    for (String command :
        new String[] {
          "dedupe",
          "clean",
          "vectorize",
          "shard",
          "export",
          "inspect",
          "train",
          "evaluate",
          "predict",
          "pipeline",
          "report",
          "quickstart"
        }) {
      assertTrue(run.out().contains("  " + command + " "), run.out());
    }
  }

  @Test
  void quickstartRunsTheWholeChainOnTheBundledSample() throws Exception {
    // a space in the work directory stays inside one argument of every stage
    Path work = dir.resolve("quick start");
    CliRun run = CliRun.of("quickstart", "--work", work.toString());
    assertEquals(0, run.exitCode(), run.err());
    // the sample holds 7 pairs of real near duplicates (the same spam sent twice, reworded)
    assertTrue(
        run.out().contains("dedupe: 300 in -> 293 kept, 0 exact duplicates, 7 near duplicates"),
        run.out());
    assertTrue(Files.exists(work.resolve("dedupe/_MANIFEST.json")));
    // clean's default profile keeps every labelled e-mail (the goal: at least 95%)
    assertTrue(run.out().contains("clean: 293 in -> 293 kept, 0 rejected"), run.out());
    assertTrue(run.out().contains("vectorize: 293 in -> 293 examples"), run.out());
    assertTrue(run.out().contains("shard: 293 in -> 235 train, 31 valid, 27 test"), run.out());
    assertTrue(Files.size(work.resolve("train.svm")) > 0);
    assertEquals(
        10, run.out().lines().filter(line -> line.startsWith("epoch ")).count(), run.out());
    assertTrue(run.out().contains("epoch 10/10  train_loss "), run.out());
    assertTrue(run.out().contains("evaluate: 27 test examples  accuracy "), run.out());
    JsonNode metrics = new ObjectMapper().readTree(work.resolve("model/eval-test.json").toFile());
    // 27 test e-mails after training on 235: the defaults get at most 2 wrong
    assertTrue(metrics.path("accuracy").asDouble() >= 0.92, metrics.toString());
    assertTrue(metrics.path("auc").asDouble() > 0.95, metrics.toString());
    assertEquals(
        1,
        new ObjectMapper()
            .readTree(work.resolve("model/model.json").toFile())
            .path("format")
            .asInt());
    // every raw e-mail again, each scored (dedupe is not part of a model)
    assertTrue(run.out().contains("predict: 300 in -> 300 predicted, "), run.out());
    assertEquals(300, Files.readAllLines(work.resolve("predictions/part-m-00000.jsonl")).size());
    // every command it suggests next names something it made
    List<String> next = run.out().lines().filter(l -> l.startsWith("  bin/sheaf ")).toList();
    assertEquals(8, next.size(), run.out());
    for (String suggestion : next) {
      String path =
          suggestion
              .substring("  bin/sheaf ".length())
              .replaceFirst("^(inspect|shard --verify) ", "")
              .replaceFirst(" --limit \\d+$", "");
      assertTrue(Files.exists(Path.of(path)), suggestion);
    }
    CliRun inspect = CliRun.of("inspect", work.resolve("model").toString());
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("\"arch\" : \"logreg\""), inspect.out());
    CliRun rerun = CliRun.of("quickstart", "--work", work.toString());
    assertEquals(0, rerun.exitCode(), "quickstart replaces its own outputs: " + rerun.err());
    assertEquals(Files.readString(work.resolve("model/metrics.jsonl")).lines().count(), 10);
  }
}
