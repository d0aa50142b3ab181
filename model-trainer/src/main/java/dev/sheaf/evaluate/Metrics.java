package dev.sheaf.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Classification metrics from a confusion matrix (true label major), the summed log loss and the
 * ROC AUC: accuracy, per-class precision / recall / F1 / support, their macro average, the log
 * loss, and the confusion matrix as fractions of all examples. A class never predicted has
 * precision 0 (scikit-learn's convention).
 */
public final class Metrics {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Metrics() {}

  /** The reducer's line: the raw totals the driver turns into metrics. */
  static String totals(long[] confusion, double lossSum, double auc) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode counts = node.putArray("confusion");
    for (long count : confusion) {
      counts.add(count);
    }
    node.put("lossSum", lossSum);
    if (Double.isFinite(auc)) {
      node.put("auc", auc);
    }
    return node.toString();
  }

  public static ObjectNode of(List<String> labels, JsonNode totals) {
    int n = labels.size();
    long[] confusion = new long[n * n];
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] = totals.path("confusion").path(i).asLong();
    }
    return of(
        labels,
        confusion,
        totals.path("lossSum").asDouble(),
        totals.has("auc") ? totals.path("auc").asDouble() : Double.NaN);
  }

  public static ObjectNode of(List<String> labels, long[] confusion, double lossSum, double auc) {
    int n = labels.size();
    long total = 0;
    long correct = 0;
    for (int t = 0; t < n; t++) {
      for (int p = 0; p < n; p++) {
        total += confusion[t * n + p];
      }
      correct += confusion[t * n + t];
    }
    ObjectNode metrics = JSON.createObjectNode();
    metrics.put("examples", total);
    metrics.put("accuracy", ratio(correct, total));
    ObjectNode perClass = JSON.createObjectNode();
    double f1Sum = 0;
    for (int c = 0; c < n; c++) {
      long predicted = 0;
      long actual = 0;
      for (int other = 0; other < n; other++) {
        predicted += confusion[other * n + c];
        actual += confusion[c * n + other];
      }
      double precision = ratio(confusion[c * n + c], predicted);
      double recall = ratio(confusion[c * n + c], actual);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      f1Sum += f1;
      ObjectNode scores = perClass.putObject(labels.get(c));
      scores.put("precision", precision);
      scores.put("recall", recall);
      scores.put("f1", f1);
      scores.put("support", actual);
    }
    metrics.put("macro_f1", n == 0 ? 0 : f1Sum / n);
    metrics.put("log_loss", total == 0 ? Double.NaN : lossSum / total);
    if (n == 2) {
      if (Double.isFinite(auc)) {
        metrics.put("auc", auc);
      } else {
        metrics.putNull("auc");
      }
    }
    metrics.set("per_class", perClass);
    ObjectNode matrix = metrics.putObject("confusion");
    matrix.set("labels", JSON.valueToTree(labels));
    ArrayNode rows = matrix.putArray("fractions");
    ArrayNode countRows = matrix.putArray("counts");
    for (int t = 0; t < n; t++) {
      ArrayNode row = rows.addArray();
      ArrayNode countRow = countRows.addArray();
      for (int p = 0; p < n; p++) {
        row.add(ratio(confusion[t * n + p], total));
        countRow.add(confusion[t * n + p]);
      }
    }
    return metrics;
  }

  /** The short table {@code sheaf evaluate} prints. */
  public static String table(JsonNode metrics, String split) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "evaluate: %d %s examples  accuracy %.4f  macro_f1 %.4f  log_loss %.4f",
            metrics.path("examples").asLong(),
            split,
            metrics.path("accuracy").asDouble(),
            metrics.path("macro_f1").asDouble(),
            metrics.path("log_loss").asDouble()));
    if (metrics.path("auc").isNumber()) {
      out.append(String.format(Locale.ROOT, "  auc %.4f", metrics.path("auc").asDouble()));
    }
    out.append('\n');
    int width = 5;
    var names = metrics.path("per_class").fieldNames();
    while (names.hasNext()) {
      width = Math.max(width, names.next().length());
    }
    out.append(
        String.format(
            Locale.ROOT, "  %-" + width + "s  precision  recall     f1  support%n", "label"));
    var classes = metrics.path("per_class").fields();
    while (classes.hasNext()) {
      var entry = classes.next();
      JsonNode scores = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "  %-" + width + "s  %9.4f  %6.4f  %.4f  %7d%n",
              entry.getKey(),
              scores.path("precision").asDouble(),
              scores.path("recall").asDouble(),
              scores.path("f1").asDouble(),
              scores.path("support").asLong()));
    }
    return out.toString();
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : numerator / (double) denominator;
  }
}
