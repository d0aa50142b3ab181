package dev.sheaf.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SyntheticShards;
import dev.sheaf.model.TrainedModel;
import dev.sheaf.model.Validation;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sheaf evaluate} through the CLI, checked against the model scored example by example. */
class EvaluateEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void binaryMetricsMatchTheModelScoredDirectly() throws Exception {
    Path shards =
        SyntheticShards.write(dir.resolve("shards"), 200, 2, new int[] {300, 60, 90}, 3, 5);
    Path model = dir.resolve("model");
    assertEquals(
        0,
        CliRun.of(
                "train",
                "--shards",
                shards.toString(),
                "--model",
                model.toString(),
                "--epochs",
                "2")
            .exitCode());
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--shards", shards.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("evaluate: 90 test examples  accuracy "), run.out());
    assertTrue(run.out().contains("  label   precision  recall     f1  support"), run.out());
    JsonNode metrics = JSON.readTree(model.resolve("eval-test.json").toFile());

    Configuration conf = new Configuration();
    TrainedModel trained = TrainedModel.load(conf, new org.apache.hadoop.fs.Path(model.toUri()));
    Validation.Result direct =
        Validation.run(
            conf,
            new org.apache.hadoop.fs.Path(shards.resolve("test").toUri()),
            trained.model(),
            trained.params());
    assertEquals(direct.accuracy(), metrics.path("accuracy").asDouble(), 1e-12);
    assertEquals(direct.loss(), metrics.path("log_loss").asDouble(), 1e-9);
    // the exact AUC, from every (positive, negative) pair
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("test"));
    double[] z = new double[1];
    double pairs = 0;
    long positives = 0;
    long negatives = 0;
    float[] scores = new float[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      trained.model().scorer(trained.params()).scores(examples.get(i), z);
      double[] p = new double[2];
      trained.model().probabilities(z, p);
      scores[i] = (float) p[1];
    }
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).label != 1) {
        negatives++;
        continue;
      }
      positives++;
      for (int j = 0; j < examples.size(); j++) {
        if (examples.get(j).label == 0) {
          pairs += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(pairs / (positives * negatives), metrics.path("auc").asDouble(), 1e-12);
    for (String key :
        new String[] {"accuracy", "macro_f1", "log_loss", "auc", "per_class", "confusion"}) {
      assertTrue(metrics.has(key), key);
    }
    assertEquals(
        90,
        metrics.at("/per_class/label0/support").asLong()
            + metrics.at("/per_class/label1/support").asLong());

    Path elsewhere = dir.resolve("metrics.json");
    assertEquals(
        0,
        CliRun.of(
                "evaluate",
                "--model",
                model.toString(),
                "--shards",
                shards.toString(),
                "--split",
                "valid",
                "--output",
                elsewhere.toString())
            .exitCode());
    assertEquals(60, JSON.readTree(elsewhere.toFile()).path("examples").asLong());
    CliRun again =
        CliRun.of(
            "evaluate",
            "--model",
            model.toString(),
            "--shards",
            shards.toString(),
            "--output",
            elsewhere.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.errLine().contains("already exists"), again.err());
    CliRun badSplit =
        CliRun.of(
            "evaluate",
            "--model",
            model.toString(),
            "--shards",
            shards.toString(),
            "--split",
            "dev");
    assertEquals(2, badSplit.exitCode());
    CliRun noModel =
        CliRun.of(
            "evaluate", "--model", dir.resolve("none").toString(), "--shards", shards.toString());
    assertEquals(2, noModel.exitCode());
    assertTrue(noModel.errLine().contains("is not a trained model"), noModel.err());
    Path other = SyntheticShards.write(dir.resolve("other"), 100, 2, new int[] {10, 10, 10}, 1, 5);
    CliRun mismatch =
        CliRun.of("evaluate", "--model", model.toString(), "--shards", other.toString());
    assertEquals(2, mismatch.exitCode());
    assertTrue(mismatch.errLine().contains("was not made like the model's data"), mismatch.err());
  }

  @Test
  void mapperWritesScoresAndOneSummary() throws Exception {
    Path shards =
        SyntheticShards.write(dir.resolve("shards"), 50, 2, new int[] {100, 10, 10}, 1, 3);
    Path model = dir.resolve("model");
    assertEquals(
        0,
        CliRun.of(
                "train",
                "--shards",
                shards.toString(),
                "--model",
                model.toString(),
                "--epochs",
                "1")
            .exitCode());
    Configuration conf = new Configuration();
    conf.set(EvaluateMapper.MODEL, model.toUri().toString());
    MapDriver<SparseExample, NullWritable, LongWritable, EvaluateCounts> driver =
        MapDriver.of(new EvaluateMapper()).withConfiguration(conf);
    List<SparseExample> examples = SyntheticShards.read(shards.resolve("test"));
    examples.forEach(example -> driver.withInput(example, NullWritable.get()));
    driver.withInput(
        new SparseExample().set(-1, 1f, new int[] {2}, new float[] {1f}), NullWritable.get());
    List<Record<LongWritable, EvaluateCounts>> output = driver.run();
    assertEquals(
        examples.size() + 1, output.size(), "a score per labeled example, then the summary");
    Record<LongWritable, EvaluateCounts> summary = output.get(output.size() - 1);
    assertEquals(EvaluateMapper.SUMMARY, summary.key().get());
    assertEquals(examples.size(), java.util.Arrays.stream(summary.value().counts()).sum());
    for (int i = 0; i < examples.size(); i++) {
      long[] counts = output.get(i).value().counts();
      assertEquals(examples.get(i).label, counts[1], "the label travels with the score");
      assertTrue(output.get(i).key().get() >= 0);
    }
    assertEquals(1, driver.counter(EvaluateCounters.UNLABELED));
    assertEquals(examples.size(), driver.counter(EvaluateCounters.EVALUATED));
    assertTrue(Files.exists(model.resolve("params/params.slice")));
  }
}
