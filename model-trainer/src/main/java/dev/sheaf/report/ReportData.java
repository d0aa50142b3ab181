package dev.sheaf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What {@code sheaf report} shows, read from a work directory's own files into plain figures (no
 * HTML here): the records through the stages (their {@code _MANIFEST.json} files and the pipeline's
 * {@code summary.json}), the epochs ({@code model/metrics.jsonl}, {@code model.json}), the test
 * metrics (the metrics JSON) and dedupe's duplicate clusters ({@code _duplicates/}). A part whose
 * files are missing is empty (no stages) or null.
 */
record ReportData(
    List<Stage> stages, Training training, Evaluation evaluation, Duplicates duplicates) {
  /**
   * The data stages: directory, and the outcomes that count as passed on (the rest were dropped).
   */
  private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

  private static final String[] SUMMARY_METRICS = {"accuracy", "macro_f1", "log_loss", "auc"};

  static {
    STAGES.put("dedupe", List.of("kept"));
    STAGES.put("clean", List.of("kept"));
    STAGES.put("vectors", List.of("examples"));
    STAGES.put("shards", List.of("train", "valid", "test"));
  }

  /**
   * One stage's records: read, passed on, dropped by reason (none of 0), and its seconds (null if
   * unknown).
   */
  record Stage(String command, long in, long passed, Map<String, Long> dropped, Double seconds) {}

  /** One line of {@code metrics.jsonl}. */
  record Epoch(Charts.Epoch figures, double examplesPerSecond) {}

  /** What {@code model.json} says of the model chosen. */
  record ModelInfo(
      String arch, int dim, int labels, int epoch, int epochsTrained, String selectedBy) {}

  /** The epochs trained, and the model (null without {@code model.json}). */
  record Training(ModelInfo model, List<Epoch> epochs) {}

  /** One label's row of the metrics JSON's {@code per_class}. */
  record ClassMetrics(String label, double precision, double recall, double f1, long support) {}

  /**
   * The metrics JSON: the summary metrics present, by name, and the confusion matrix (true by
   * predicted).
   */
  record Evaluation(
      long examples,
      String split,
      Map<String, Double> metrics,
      List<String> labels,
      long[][] confusion,
      List<ClassMetrics> perClass) {}

  /**
   * Duplicates dropped, exact and near; kept documents with duplicates; clusters counted by size.
   */
  record Duplicates(long exact, long near, int kept, SortedMap<Integer, Long> clustersBySize) {}

  /** Reads what there is of the four parts below {@code work}. */
  static ReportData read(Configuration conf, Path work) throws IOException {
    return new ReportData(
        stages(conf, work), training(conf, work), evaluation(conf, work), duplicates(conf, work));
  }

  /** How many of the four parts there are. */
  int parts() {
    return (stages.isEmpty() ? 0 : 1)
        + (training == null ? 0 : 1)
        + (evaluation == null ? 0 : 1)
        + (duplicates == null ? 0 : 1);
  }

  private static List<Stage> stages(Configuration conf, Path work) throws IOException {
    JsonNode summary = JsonFiles.readIfPresent(conf, new Path(work, "_pipeline/summary.json"));
    Map<String, Double> seconds = new HashMap<>();
    if (summary != null) {
      summary
          .path("stages")
          .forEach(
              stage -> {
                if (stage.has("seconds")) {
                  seconds.put(stage.path("stage").asText(), stage.path("seconds").asDouble());
                }
              });
    }
    List<Stage> stages = new ArrayList<>();
    for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
      JsonNode manifest =
          JsonFiles.readIfPresent(
              conf, new Path(new Path(work, stage.getKey()), Manifest.FILE_NAME));
      if (manifest == null) {
        continue;
      }
      JsonNode records = manifest.path("records");
      long passed = 0;
      Map<String, Long> dropped = new TreeMap<>();
      for (var record : (Iterable<Map.Entry<String, JsonNode>>) records::fields) {
        if (record.getKey().equals("in")) {
          continue;
        }
        if (stage.getValue().contains(record.getKey())) {
          passed += record.getValue().asLong();
        } else if (record.getValue().asLong() > 0) {
          dropped.put(record.getKey(), record.getValue().asLong());
        }
      }
      String command = manifest.path("command").asText(stage.getKey());
      stages.add(
          new Stage(command, records.path("in").asLong(), passed, dropped, seconds.get(command)));
    }
    return stages;
  }

  private static Training training(Configuration conf, Path work) throws IOException {
    Path metricsFile = new Path(work, "model/metrics.jsonl");
    JsonNode model = JsonFiles.readIfPresent(conf, new Path(work, "model/model.json"));
    if (!metricsFile.getFileSystem(conf).isFile(metricsFile)) {
      return null;
    }
    List<Epoch> epochs = new ArrayList<>();
    for (String line : TextFiles.readAllLines(conf, metricsFile)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode epoch = JsonFiles.mapper().readTree(line);
      Double validLoss = epoch.has("valid_loss") ? epoch.path("valid_loss").asDouble() : null;
      Double validAccuracy = epoch.has("valid_acc") ? epoch.path("valid_acc").asDouble() : null;
      epochs.add(
          new Epoch(
              new Charts.Epoch(
                  epoch.path("epoch").asInt(),
                  epoch.path("train_loss").asDouble(),
                  validLoss,
                  validAccuracy),
              epoch.path("examples_per_second").asDouble()));
    }
    ModelInfo info =
        model == null
            ? null
            : new ModelInfo(
                model.path("arch").asText(),
                model.path("dim").asInt(),
                model.path("labels").size(),
                model.path("epoch").asInt(),
                model.path("epochsTrained").asInt(),
                model.path("selectedBy").asText());
    return new Training(info, epochs);
  }

  private static Evaluation evaluation(Configuration conf, Path work) throws IOException {
    JsonNode eval = JsonFiles.readIfPresent(conf, new Path(work, "eval.json"));
    if (eval == null) {
      eval = JsonFiles.readIfPresent(conf, new Path(work, "model/eval-test.json"));
    }
    if (eval == null) {
      return null;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String metric : SUMMARY_METRICS) {
      if (eval.has(metric)) {
        metrics.put(metric, eval.path(metric).asDouble());
      }
    }
    List<String> labels = new ArrayList<>();
    eval.path("confusion").path("labels").forEach(label -> labels.add(label.asText()));
    long[][] counts = new long[labels.size()][labels.size()];
    JsonNode rows = eval.path("confusion").path("counts");
    for (int t = 0; t < labels.size(); t++) {
      for (int p = 0; p < labels.size(); p++) {
        counts[t][p] = rows.path(t).path(p).asLong();
      }
    }
    List<ClassMetrics> perClass = new ArrayList<>();
    eval.path("per_class")
        .fields()
        .forEachRemaining(
            label ->
                perClass.add(
                    new ClassMetrics(
                        label.getKey(),
                        label.getValue().path("precision").asDouble(),
                        label.getValue().path("recall").asDouble(),
                        label.getValue().path("f1").asDouble(),
                        label.getValue().path("support").asLong())));
    return new Evaluation(
        eval.path("examples").asLong(),
        eval.path("split").asText("test"),
        metrics,
        labels,
        counts,
        perClass);
  }

  /**
   * Cluster sizes from dedupe's _duplicates/: a kept document and the documents dropped as its
   * duplicates.
   */
  private static Duplicates duplicates(Configuration conf, Path work) throws IOException {
    Path dir = new Path(work, "dedupe/_duplicates");
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.isDirectory(dir)) {
      return null;
    }
    Map<String, Integer> dropped = new HashMap<>();
    long exact = 0;
    long near = 0;
    for (FileStatus file : TextFiles.matching(conf, new Path(dir, "*.avro"))) {
      try (InputStream in = fs.open(file.getPath());
          DataFileStream<Duplicate> records =
              new DataFileStream<>(in, new SpecificDatumReader<>(Duplicate.class))) {
        for (Duplicate duplicate : records) {
          dropped.merge(duplicate.getDuplicateOf().toString(), 1, Integer::sum);
          if (duplicate.getKind().name().equals("exact")) {
            exact++;
          } else {
            near++;
          }
        }
      }
    }
    SortedMap<Integer, Long> bySize = new TreeMap<>();
    dropped.values().forEach(count -> bySize.merge(count + 1, 1L, Long::sum));
    return new Duplicates(exact, near, dropped.size(), bySize);
  }
}
