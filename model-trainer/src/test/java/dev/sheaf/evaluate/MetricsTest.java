package dev.sheaf.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.testing.ReduceDriver;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void precisionRecallAndF1FromAKnownConfusionMatrix() {
    // true label major: 8 a right, 2 a taken for b; 1 b taken for a, 4 b right; c never predicted
    long[] confusion = {8, 2, 0, 1, 4, 0, 1, 0, 0};
    JsonNode metrics = Metrics.of(List.of("a", "b", "c"), confusion, 3.2, Double.NaN);
    assertEquals(16, metrics.path("examples").asLong());
    assertEquals(12 / 16.0, metrics.path("accuracy").asDouble(), 1e-12);
    assertEquals(0.8, metrics.at("/per_class/a/precision").asDouble(), 1e-12);
    assertEquals(0.8, metrics.at("/per_class/a/recall").asDouble(), 1e-12);
    assertEquals(4 / 6.0, metrics.at("/per_class/b/precision").asDouble(), 1e-12);
    assertEquals(0.8, metrics.at("/per_class/b/recall").asDouble(), 1e-12);
    double f1b = 2 * (4 / 6.0) * 0.8 / (4 / 6.0 + 0.8);
    assertEquals(f1b, metrics.at("/per_class/b/f1").asDouble(), 1e-12);
    assertEquals(
        0, metrics.at("/per_class/c/precision").asDouble(), "never predicted: precision 0");
    assertEquals(1, metrics.at("/per_class/c/support").asLong());
    assertEquals((0.8 + f1b + 0) / 3, metrics.path("macro_f1").asDouble(), 1e-12);
    assertEquals(0.2, metrics.path("log_loss").asDouble(), 1e-12);
    assertTrue(metrics.path("auc").isMissingNode(), "AUC only for binary models");
    double sum = 0;
    for (JsonNode row : metrics.at("/confusion/fractions")) {
      for (JsonNode cell : row) {
        sum += cell.asDouble();
      }
    }
    assertEquals(1, sum, 1e-12);
    assertEquals(8 / 16.0, metrics.at("/confusion/fractions/0/0").asDouble(), 1e-12);
    String table = Metrics.table(metrics, "test");
    assertTrue(table.startsWith("evaluate: 16 test examples  accuracy 0.7500"), table);
    assertTrue(table.contains("  c         0.0000  0.0000  0.0000        1"), table);
  }

  @Test
  void rocAucEqualsTheShareOfCorrectlyOrderedPairsTiesCountingHalf() {
    SplittableRandom random = new SplittableRandom(1);
    int n = 300;
    int[] scores = new int[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      positive[i] = random.nextBoolean();
      scores[i] = random.nextInt(20) + (positive[i] ? 5 : 0); // many ties
    }
    double pairs = 0;
    long positives = 0;
    long negatives = 0;
    for (int i = 0; i < n; i++) {
      positives += positive[i] ? 1 : 0;
      negatives += positive[i] ? 0 : 1;
      for (int j = 0; j < n; j++) {
        if (positive[i] && !positive[j]) {
          pairs += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    RocAuc auc = new RocAuc();
    for (int score = 0; score < 25; score++) {
      long neg = 0;
      long pos = 0;
      for (int i = 0; i < n; i++) {
        if (scores[i] == score) {
          neg += positive[i] ? 0 : 1;
          pos += positive[i] ? 1 : 0;
        }
      }
      auc.add(neg, pos);
    }
    assertEquals(pairs / (positives * negatives), auc.value(), 1e-12);
    assertTrue(Double.isNaN(new RocAuc().value()));
  }

  @Test
  void combinerAndReducerAddCountsAndComputeTheAucInScoreOrder() throws Exception {
    Job job = Job.getInstance();
    job.setMapOutputKeyClass(LongWritable.class);
    job.setMapOutputValueClass(EvaluateCounts.class);
    var combiner =
        ReduceDriver.of(new EvaluateCombiner()).withConfiguration(job.getConfiguration());
    var reducer = ReduceDriver.of(new EvaluateReducer()).withConfiguration(job.getConfiguration());
    long low = Float.floatToIntBits(0.2f);
    long high = Float.floatToIntBits(0.9f);
    for (var driver : List.of(combiner, reducer)) {
      driver.withInput(new LongWritable(high), new EvaluateCounts(new long[] {0, 1}, 0));
      driver.withInput(new LongWritable(low), new EvaluateCounts(new long[] {1, 0}, 0));
      driver.withInput(new LongWritable(high), new EvaluateCounts(new long[] {1, 0}, 0));
      driver.withInput(
          new LongWritable(EvaluateMapper.SUMMARY),
          new EvaluateCounts(new long[] {1, 1, 0, 1}, 1.5));
    }
    var combined = combiner.run();
    assertEquals(3, combined.size());
    assertEquals(
        "[1, 1]",
        java.util.Arrays.toString(combined.get(2).value().counts()),
        "two records of one score");
    var line = reducer.run();
    JsonNode totals = new ObjectMapper().readTree(line.get(0).value().toString());
    // the positive at 0.9 is above one negative and tied with the other: (1 + 0.5) / 2
    assertEquals(0.75, totals.path("auc").asDouble(), 1e-12);
    assertEquals(1.5, totals.path("lossSum").asDouble(), 1e-12);
    assertEquals("[1,1,0,1]", totals.path("confusion").toString());
  }

  /**
   * Scores above 1 - 6e-8 are all 1.0f as probabilities; as logits they keep their order, above the
   * summary keys.
   */
  @Test
  void rocScoreKeysSortLikeTheLogitsEvenWhereTheProbabilitiesTie() {
    assertEquals((float) (1 / (1 + Math.exp(-20))), (float) (1 / (1 + Math.exp(-25))));
    double[] logits = {-1e300, -25, -20, -1e-9, 0, 1e-9, 17, 20, 25, 1e300};
    long previous = EvaluateMapper.SUMMARY;
    for (double logit : logits) {
      long key = EvaluateMapper.scoreKey(logit);
      assertTrue(key > previous, logit + " -> " + key + " after " + previous);
      previous = key;
    }
    assertEquals(EvaluateMapper.scoreKey(0.0), EvaluateMapper.scoreKey(-0.0));
  }
}
