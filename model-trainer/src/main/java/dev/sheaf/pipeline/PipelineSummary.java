package dev.sheaf.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline's closing summary as text: a line a stage with its records, time and peak heap, then
 * the metrics.
 */
final class PipelineSummary {
  private PipelineSummary() {}

  static String table(JsonNode summary) {
    StringBuilder out = new StringBuilder("pipeline: " + summary.path("work").asText() + "\n");
    out.append(
        String.format(
            Locale.ROOT, "  %-10s %9s %10s  %s%n", "stage", "seconds", "peak heap", "records"));
    for (JsonNode stage : summary.path("stages")) {
      String time =
          stage.path("skipped").asBoolean()
              ? "skipped"
              : String.format(Locale.ROOT, "%.1f", stage.path("seconds").asDouble());
      String heap =
          stage.path("skipped").asBoolean() ? "" : stage.path("peakHeapMiB").asLong() + " MiB";
      out.append(
          String.format(
              Locale.ROOT,
              "  %-10s %9s %10s  %s%n",
              stage.path("stage").asText(),
              time,
              heap,
              describe(stage)));
    }
    return out.toString();
  }

  /**
   * {@code 300 in -> 293 kept, 7 near duplicates} (outcomes with no records left out), or the
   * model's figures.
   */
  static String describe(JsonNode stage) {
    switch (stage.path("stage").asText()) {
      case "train" -> {
        JsonNode metrics = stage.path("metrics");
        return String.format(
            Locale.ROOT,
            "%d train examples; epoch %d of %d chosen%s",
            stage.path("records").asLong(),
            stage.path("epoch").asInt(),
            stage.path("epochsTrained").asInt(),
            metrics.hasNonNull("validLoss")
                ? String.format(
                    Locale.ROOT,
                    ", valid_loss %.4f, valid_acc %.4f",
                    metrics.path("validLoss").asDouble(),
                    metrics.path("validAccuracy").asDouble())
                : "");
      }
      case "evaluate" -> {
        StringBuilder text = new StringBuilder(stage.path("examples").asLong() + " test examples");
        for (String metric : new String[] {"accuracy", "macro_f1", "log_loss", "auc"}) {
          if (stage.has(metric)) {
            text.append(
                String.format(Locale.ROOT, ", %s %.4f", metric, stage.path(metric).asDouble()));
          }
        }
        return text.toString();
      }
      default -> {
        StringBuilder text = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> records = stage.path("records").fields();
        while (records.hasNext()) {
          Map.Entry<String, JsonNode> record = records.next();
          if (record.getKey().equals("in")) {
            text.insert(0, record.getValue().asLong() + " in ->");
          } else if (record.getValue().asLong() > 0) {
            text.append(text.toString().endsWith("->") || text.length() == 0 ? " " : ", ")
                .append(record.getValue().asLong())
                .append(' ')
                .append(record.getKey());
          }
        }
        return text.toString().trim();
      }
    }
  }
}
