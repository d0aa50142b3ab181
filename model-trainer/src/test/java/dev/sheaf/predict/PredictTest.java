package dev.sheaf.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Example;
import dev.sheaf.avro.LabelProbability;
import dev.sheaf.avro.Prediction;
import dev.sheaf.clean.CleanSettings;
import dev.sheaf.cli.CliRun;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import dev.sheaf.common.RejectWriter;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageJobs;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.TrainedModel;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf predict} on the bundled SpamAssassin sample, after the whole chain (quickstart): the
 * map task record by record, then the command end to end: predicting from the raw e-mails gives,
 * for the test split's messages, the features of their shards and the probabilities and metrics
 * {@code evaluate} computed from those shards, for logistic regression and for an MLP; every
 * document is accounted for.
 */
class PredictTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path work;

  @BeforeAll
  static void chain() {
    work = dir.resolve("qs");
    CliRun.ok("quickstart", "--work", work.toString());
  }

  private static Path input() {
    return work.resolve("input/spamassassin-300.jsonl");
  }

  private static <T> List<T> avro(Path directory, Class<T> type) throws Exception {
    List<T> records = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
    for (Path file : files) {
      try (DataFileReader<T> reader =
          new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
        reader.forEach(records::add);
      }
    }
    return records;
  }

  private static Map<String, Prediction> predictions(Path output) throws Exception {
    Map<String, Prediction> byId = new HashMap<>();
    for (Prediction prediction : avro(output, Prediction.class)) {
      byId.put(prediction.getId().toString(), prediction);
    }
    return byId;
  }

  private static SparseExample sparse(Example example) {
    int[] indices = example.getIndices().stream().mapToInt(Integer::intValue).toArray();
    float[] values = new float[indices.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = example.getValues().get(i);
    }
    return new SparseExample().set(example.getLabel(), example.getWeight(), indices, values);
  }

  /**
   * Predicts the raw sample with {@code model}; checks it against the test shards and
   * eval-test.json.
   */
  private static void predictionsMatchEvaluate(Path model) throws Exception {
    Path output = dir.resolve("predictions-" + model.getFileName());
    CliRun.ok(
        "predict",
        "--model",
        model.toString(),
        "--input",
        input().toString(),
        "--output",
        output.toString(),
        "--overwrite");
    CliRun.ok(
        "evaluate", "--model", model.toString(), "--shards", work.resolve("shards").toString());
    Map<String, Prediction> predictions = predictions(output);
    TrainedModel trained =
        TrainedModel.load(new Configuration(), new org.apache.hadoop.fs.Path(model.toUri()));
    SparseModel.Scorer scorer = trained.model().scorer(trained.params());
    double[] z = new double[trained.model().outputs()];
    double[] p = new double[2];
    List<Example> test = avro(work.resolve("shards/test"), Example.class);
    assertEquals(27, test.size());
    int correct = 0;
    double logLoss = 0;
    for (Example example : test) {
      Prediction prediction = predictions.get(example.getId().toString());
      assertNotNull(prediction, "a prediction for test message " + example.getId());
      scorer.scores(sparse(example), z);
      trained.model().probabilities(z, p);
      for (LabelProbability probability : prediction.getProbabilities()) {
        int label = trained.labels().indexOf(probability.getLabel().toString());
        assertEquals(
            (float) p[label],
            probability.getProbability(),
            example.getId() + " " + probability.getLabel());
      }
      String actual = trained.labels().get(example.getLabel());
      assertEquals(actual, prediction.getInputLabel().toString());
      correct += actual.equals(prediction.getLabel().toString()) ? 1 : 0;
      logLoss -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, p[example.getLabel()])));
    }
    JsonNode evaluation = JSON.readTree(model.resolve("eval-test.json").toFile());
    assertEquals(evaluation.path("accuracy").asDouble(), correct / (double) test.size(), 1e-12);
    assertEquals(evaluation.path("log_loss").asDouble(), logLoss / test.size(), 1e-9);
  }

  /**
   * The quickstart's model with clean rules recorded, as if its data had been cleaned with {@code
   * --rules word-count,stop-words}: what a model trained after a web preset carries.
   */
  private static Path modelWithCleanRules() throws Exception {
    Path copy = dir.resolve("model-with-rules");
    if (!Files.exists(copy)) {
      Path model = work.resolve("model");
      try (Stream<Path> files = Files.walk(model)) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(model.relativize(file).toString()));
        }
      }
      Files.walk(copy)
          .filter(f -> f.getFileName().toString().endsWith(".crc"))
          .forEach(f -> f.toFile().delete());
      ObjectNode info = (ObjectNode) JSON.readTree(copy.resolve("model.json").toFile());
      ((ObjectNode) info.path("clean").path("settings"))
          .put(CleanSettings.RULES, "WORD_COUNT,STOP_WORDS");
      JSON.writeValue(copy.resolve("model.json").toFile(), info);
    }
    return copy;
  }

  private MapDriver<NullWritable, ParsedRecord, AvroKey<Prediction>, NullWritable> mapper(
      Path model, boolean filter, JsonNode spam) throws Exception {
    Job job = Job.getInstance(new Configuration());
    RejectWriter.declare(job);
    StageJobs.avroOutput(job, Prediction.getClassSchema());
    Configuration conf = job.getConfiguration();
    conf.set(DocumentMapper.STAGE, PredictJob.NAME);
    new PredictOptions.Settings(model.toUri().toString(), Integer.MAX_VALUE, null, true, filter)
        .applyTo(conf);
    return MapDriver.of(new PredictMapper())
        .withConfiguration(conf)
        .withInput(
            NullWritable.get(),
            ParsedRecord.of(
                document(spam.path("id").asText(), spam.path("text").asText(), "spam"), false))
        .withInput(
            NullWritable.get(),
            ParsedRecord.of(document("short", "Cheap meds, 90% off.", null), false))
        .withInput(
            NullWritable.get(),
            ParsedRecord.rejected(RejectReason.INVALID_JSON, "in.jsonl", 7, "bad", "{x"));
  }

  private static JsonNode firstSpam() throws Exception {
    for (String line : Files.readAllLines(input())) {
      JsonNode record = JSON.readTree(line);
      if (record.path("label").asText().equals("spam")) {
        return record;
      }
    }
    throw new AssertionError("no spam in the sample");
  }

  private static Map<String, List<String>> jsonlFiles(Path output) throws Exception {
    Map<String, List<String>> lines = new TreeMap<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches("part.*\\.jsonl"))
              .sorted()
              .toList()) {
        lines
            .computeIfAbsent(
                file.getParent().getFileName().toString().equals(PredictMapper.DROPPED_DIRECTORY)
                    ? "dropped"
                    : "predicted",
                k -> new ArrayList<>())
            .addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  /**
   * A short spam is scored: predict applies no clean rule unless asked, and says which one it
   * fails.
   */
  @Test
  void theMapperScoresEveryDocumentAndNamesTheRuleItFails() throws Exception {
    JsonNode spam = firstSpam();
    var driver = mapper(modelWithCleanRules(), false, spam);
    List<Record<AvroKey<Prediction>, NullWritable>> out = driver.run();
    assertEquals(2, out.size());
    Prediction full = out.get(0).key().datum();
    assertEquals(spam.path("id").asText(), full.getId().toString());
    assertEquals("spam", full.getLabel().toString());
    assertEquals("spam", full.getInputLabel().toString());
    assertNull(full.getFailedRule());
    assertEquals(2, full.getProbabilities().size());
    assertEquals(
        "spam", full.getProbabilities().get(0).getLabel().toString(), "most probable first");
    assertEquals(full.getScore(), full.getProbabilities().get(0).getProbability());
    assertEquals(
        1f,
        full.getProbabilities().get(0).getProbability()
            + full.getProbabilities().get(1).getProbability(),
        1e-6f);
    Prediction shortSpam = out.get(1).key().datum();
    assertEquals("short", shortSpam.getId().toString());
    assertEquals("WORD_COUNT", shortSpam.getFailedRule().toString());
    assertNotNull(shortSpam.getLabel());
    assertEquals(3, driver.counter(StageCounters.RECORDS_IN));
    assertEquals(2, driver.counter(PredictCounters.PREDICTED));
    assertEquals(0, driver.counter(PredictCounters.DROPPED));
    assertEquals(1, driver.counter(StageCounters.REJECTED));
    assertEquals(
        1, driver.counters().findCounter(PredictMapper.FAILED_RULE_GROUP, "WORD_COUNT").getValue());
    Map<String, List<String>> lines = jsonlFiles(driver.outputDirectory());
    assertEquals(2, lines.get("predicted").size());
    assertEquals(
        "WORD_COUNT", JSON.readTree(lines.get("predicted").get(1)).path("failedRule").asText());
    assertNull(lines.get("dropped"));
  }

  @Test
  void withFilterTheRulesDropAndEveryIdIsAccountedFor() throws Exception {
    var driver = mapper(modelWithCleanRules(), true, firstSpam());
    assertEquals(1, driver.run().size());
    assertEquals(1, driver.counter(PredictCounters.PREDICTED));
    assertEquals(1, driver.counter(PredictCounters.DROPPED));
    assertEquals(
        1, driver.counters().findCounter(PredictMapper.DROPPED_GROUP, "WORD_COUNT").getValue());
    assertEquals(
        List.of("{\"id\":\"short\",\"reason\":\"WORD_COUNT\"}"),
        jsonlFiles(driver.outputDirectory()).get("dropped"));
  }

  private static Document document(String id, String text, String label) {
    return Document.newBuilder()
        .setId(id)
        .setText(text)
        .setLabel(label)
        .setSource("sample")
        .setMeta(new HashMap<>())
        .build();
  }

  @Test
  void theSameTextGetsTheSameFeaturesAsInTraining() throws Exception {
    Path model = work.resolve("model");
    TrainedModel trained =
        TrainedModel.load(new Configuration(), new org.apache.hadoop.fs.Path(model.toUri()));
    Map<String, Document> raw = new HashMap<>();
    for (String line : Files.readAllLines(input())) {
      JsonNode record = JSON.readTree(line);
      raw.put(
          record.path("id").asText(),
          document(
              record.path("id").asText(),
              record.path("text").asText(),
              record.path("label").asText()));
    }
    int compared = 0;
    try (ModelFeatures features =
        ModelFeatures.load(
            new Configuration(), new org.apache.hadoop.fs.Path(model.toUri()), trained, false)) {
      SparseExample fromText = new SparseExample();
      for (String split : new String[] {"train", "valid", "test"}) {
        for (Example example : avro(work.resolve("shards").resolve(split), Example.class)) {
          assertNull(
              features.features(raw.get(example.getId().toString()), fromText),
              example.getId().toString());
          SparseExample fromShard = sparse(example);
          assertArrayEquals(
              java.util.Arrays.copyOf(fromShard.indices, fromShard.size),
              java.util.Arrays.copyOf(fromText.indices, fromText.size),
              example.getId().toString());
          assertArrayEquals(
              java.util.Arrays.copyOf(fromShard.values, fromShard.size),
              java.util.Arrays.copyOf(fromText.values, fromText.size),
              example.getId().toString());
          compared++;
        }
      }
    }
    assertEquals(293, compared, "every example of the shard set");
  }

  @Test
  void predictionsOnRawTextMatchEvaluateOnTheShards() throws Exception {
    predictionsMatchEvaluate(work.resolve("model"));
  }

  @Test
  void anMlpPredictsAsItEvaluates() throws Exception {
    Path model = dir.resolve("mlp");
    CliRun.ok(
        "train",
        "--shards",
        work.resolve("shards").toString(),
        "--model",
        model.toString(),
        "--arch",
        "mlp",
        "--hidden",
        "16",
        "--dropout",
        "0.1",
        "--epochs",
        "4");
    predictionsMatchEvaluate(model);
  }

  /**
   * Every document is predicted, dropped or rejected: without --filter all 300 raw e-mails are
   * scored, those failing the model's clean rules marked; with it exactly those are dropped.
   */
  @Test
  void everyDocumentIsPredictedDroppedOrRejected() throws Exception {
    Path inputs = dir.resolve("mixed");
    Files.createDirectories(inputs);
    Files.copy(input(), inputs.resolve("sample.jsonl"));
    Files.writeString(
        inputs.resolve("broken.jsonl"), "{\"id\": \"a\", \"text\": \"not closed\n{\"id\": 3}\n");
    Path model = modelWithCleanRules();
    Path scored = dir.resolve("mixed-scored");
    CliRun run =
        CliRun.ok(
            "predict",
            "--model",
            model.toString(),
            "--input",
            inputs.toString(),
            "--output",
            scored.toString(),
            "--jsonl",
            "--top-k",
            "1");
    assertTrue(run.out().startsWith("predict: 302 in -> 300 predicted, "), run.out());
    assertTrue(run.out().contains(", 2 rejected; "), run.out());
    List<String> lines = jsonlFiles(scored).get("predicted");
    assertEquals(300, lines.size());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(1, first.path("probabilities").size(), "--top-k 1");
    assertEquals(
        first.path("score").asDouble(),
        first.path("probabilities").path(first.path("label").asText()).asDouble(),
        1e-7);
    Map<String, Long> failing = new TreeMap<>();
    for (String line : lines) {
      JsonNode prediction = JSON.readTree(line);
      if (prediction.has("failedRule")) {
        failing.merge(prediction.path("failedRule").asText(), 1L, Long::sum);
      }
    }
    assertTrue(failing.getOrDefault("WORD_COUNT", 0L) > 10, failing.toString());

    Path filtered = dir.resolve("mixed-filtered");
    CliRun.ok(
        "predict",
        "--model",
        model.toString(),
        "--input",
        inputs.toString(),
        "--output",
        filtered.toString(),
        "--filter");
    JsonNode manifest = JSON.readTree(filtered.resolve("_MANIFEST.json").toFile());
    assertEquals(302, manifest.path("records").path("in").asLong(), manifest.toString());
    assertEquals(2, manifest.path("records").path("rejected").asLong(), manifest.toString());
    long dropped = 0;
    for (Map.Entry<String, Long> rule : failing.entrySet()) {
      assertEquals(
          (long) rule.getValue(),
          manifest.path("records").path("dropped " + rule.getKey()).asLong(),
          "--filter drops exactly the documents marked " + rule.getKey());
      dropped += rule.getValue();
    }
    assertEquals(
        300 - dropped, manifest.path("records").path("predicted").asLong(), manifest.toString());
    assertTrue(Files.list(filtered.resolve("_rejects")).findAny().isPresent());
  }

  @Test
  void aThresholdMovesTheDecisionAndTheScoreFollowsTheLabel() throws Exception {
    Path plain = dir.resolve("plain");
    Path strict = dir.resolve("strict");
    CliRun.ok(
        "predict",
        "--model",
        work.resolve("model").toString(),
        "--input",
        input().toString(),
        "--output",
        plain.toString());
    CliRun.ok(
        "predict",
        "--model",
        work.resolve("model").toString(),
        "--input",
        input().toString(),
        "--output",
        strict.toString(),
        "--threshold",
        "0.99");
    Map<String, Prediction> before = predictions(plain);
    Map<String, Prediction> after = predictions(strict);
    int moved = 0;
    for (Map.Entry<String, Prediction> entry : before.entrySet()) {
      Prediction prediction = after.get(entry.getKey());
      float spam = 0;
      for (LabelProbability probability : prediction.getProbabilities()) {
        spam =
            probability.getLabel().toString().equals("spam") ? probability.getProbability() : spam;
      }
      assertEquals(spam >= 0.99 ? "spam" : "ham", prediction.getLabel().toString(), entry.getKey());
      moved +=
          prediction.getLabel().toString().equals(entry.getValue().getLabel().toString()) ? 0 : 1;
    }
    assertTrue(moved > 0, "a threshold of 0.99 turns some spam predictions into ham");
  }

  @Test
  void badModelsAndOptionsAreOneLineUsageErrors() throws Exception {
    assertUsage(
        CliRun.of(
            "predict",
            "--model",
            dir.resolve("nowhere").toString(),
            "--input",
            input().toString(),
            "--output",
            dir.resolve("x").toString()),
        "is not a trained model");
    assertUsage(
        CliRun.of(
            "predict",
            "--model",
            work.resolve("model").toString(),
            "--input",
            input().toString(),
            "--output",
            dir.resolve("x").toString(),
            "--threshold",
            "1.5"),
        "--threshold must be a probability");
    // a model whose clean run recorded no settings (an older sheaf) cannot clean new text the same
    // way
    Path old = dir.resolve("old-model");
    FileUtils.copyDirectory(work.resolve("model").toFile(), old.toFile());
    ObjectNode info = (ObjectNode) JSON.readTree(old.resolve("model.json").toFile());
    ((ObjectNode) info.path("clean")).remove("settings");
    JSON.writeValue(old.resolve("model.json").toFile(), info);
    Files.delete(old.resolve(".model.json.crc"));
    assertUsage(
        CliRun.of(
            "predict",
            "--model",
            old.toString(),
            "--input",
            input().toString(),
            "--output",
            dir.resolve("x").toString()),
        "records a clean run without its settings");
    assertFalse(Files.exists(dir.resolve("x")), "no output for a refused run");
  }

  private static void assertUsage(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.errLine().contains(message), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }
}
