package dev.sheaf.report;

import dev.sheaf.common.SheafVersion;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a {@link ReportData} as the report's HTML page: for each part a heading, a chart ({@link
 * Charts}) and a table, or a line saying the part is missing.
 */
final class ReportPage {
  /** Drop reasons charted by name; the rest are summed as "other". */
  private static final int CHARTED_REASONS = 8;

  private ReportPage() {}

  /**
   * The page on {@code work} (as the user named it; {@code qualifiedWork} as the file system does).
   *
   * @throws IOException if a chart cannot be drawn
   */
  static String render(String work, String qualifiedWork, ReportData data) throws IOException {
    Html html = new Html("Sheaf report: " + work);
    html.paragraph(
        "Work directory <code>"
            + Html.escape(qualifiedWork)
            + "</code>, written "
            + Instant.now()
            + " by sheaf "
            + Html.escape(SheafVersion.get())
            + ".");
    stages(data.stages(), html);
    training(data.training(), html);
    evaluation(data.evaluation(), html);
    duplicates(data.duplicates(), html);
    return html.finish();
  }

  /** The funnel chart and the table of records in, out and dropped by reason per stage. */
  private static void stages(List<ReportData.Stage> stages, Html html) throws IOException {
    html.heading("Records through the stages");
    if (stages.isEmpty()) {
      html.paragraph("No stage output yet (no dedupe/, clean/, vectors/ or shards/ manifest).");
      return;
    }
    List<String> names = new ArrayList<>(List.of("input"));
    List<Long> out = new ArrayList<>(List.of(stages.get(0).in()));
    List<Map<String, Long>> drops = new ArrayList<>(List.of(Map.of()));
    StringBuilder table =
        new StringBuilder(
            "<table><tr><th>stage</th><th>in</th><th>out</th><th>seconds</th>"
                + "<th>dropped, by reason</th></tr>");
    for (ReportData.Stage stage : stages) {
      names.add(stage.command());
      out.add(stage.passed());
      drops.add(stage.dropped());
      StringBuilder reasons = new StringBuilder();
      stage
          .dropped()
          .forEach(
              (reason, count) ->
                  reasons
                      .append(reasons.length() == 0 ? "" : ", ")
                      .append(count)
                      .append(' ')
                      .append(Html.escape(reason)));
      table.append(
          String.format(
              Locale.ROOT,
              "<tr><th>%s</th><td>%,d</td><td>%,d</td><td>%s</td><td class=\"text\">%s</td></tr>",
              stage.command(),
              stage.in(),
              stage.passed(),
              stage.seconds() != null ? String.format(Locale.ROOT, "%.1f", stage.seconds()) : "",
              reasons.length() == 0 ? "none" : reasons));
    }
    html.image(
        Charts.funnel(names, out, chartedReasons(drops)), "records kept and dropped per stage");
    html.raw(table.append("</table>").toString());
  }

  /** The largest reasons by total, each a series over the stages; the rest summed as "other". */
  private static Map<String, long[]> chartedReasons(List<Map<String, Long>> drops) {
    Map<String, Long> totals = new TreeMap<>();
    drops.forEach(
        stage -> stage.forEach((reason, count) -> totals.merge(reason, count, Long::sum)));
    List<String> ranked = new ArrayList<>(totals.keySet());
    ranked.sort((a, b) -> Long.compare(totals.get(b), totals.get(a)));
    Map<String, long[]> series = new LinkedHashMap<>();
    for (int s = 0; s < drops.size(); s++) {
      for (Map.Entry<String, Long> drop : drops.get(s).entrySet()) {
        String name =
            ranked.indexOf(drop.getKey()) < CHARTED_REASONS ? drop.getKey() : "other reasons";
        series.computeIfAbsent(name, key -> new long[drops.size()])[s] += drop.getValue();
      }
    }
    return series;
  }

  private static void training(ReportData.Training training, Html html) throws IOException {
    html.heading("Training");
    if (training == null) {
      html.paragraph("No training yet (no model/metrics.jsonl).");
      return;
    }
    List<Charts.Epoch> epochs = new ArrayList<>();
    StringBuilder table =
        new StringBuilder(
            "<table><tr><th>epoch</th><th>train loss</th><th>valid loss</th>"
                + "<th>valid accuracy</th><th>examples/s</th></tr>");
    for (ReportData.Epoch line : training.epochs()) {
      Charts.Epoch epoch = line.figures();
      epochs.add(epoch);
      table.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%.4f</td><td>%s</td><td>%s</td><td>%,.0f</td></tr>",
              epoch.epoch(),
              epoch.trainLoss(),
              epoch.validLoss() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.4f", epoch.validLoss()),
              epoch.validAccuracy() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.4f", epoch.validAccuracy()),
              line.examplesPerSecond()));
    }
    ReportData.ModelInfo model = training.model();
    if (model != null) {
      html.paragraph(
          String.format(
              Locale.ROOT,
              "%s on %d features, %d labels; the model is epoch %d of %d (%s).",
              Html.escape(model.arch()),
              model.dim(),
              model.labels(),
              model.epoch(),
              model.epochsTrained(),
              Html.escape(model.selectedBy())));
    }
    html.image(Charts.training(epochs), "loss and accuracy per epoch");
    html.raw(table.append("</table>").toString());
  }

  private static void evaluation(ReportData.Evaluation eval, Html html) throws IOException {
    html.heading("Test metrics");
    if (eval == null) {
      html.paragraph("No evaluation yet (no eval.json).");
      return;
    }
    StringBuilder summary =
        new StringBuilder(eval.examples() + " " + Html.escape(eval.split()) + " examples:");
    eval.metrics()
        .forEach(
            (metric, value) ->
                summary.append(String.format(Locale.ROOT, " %s <b>%.4f</b>", metric, value)));
    html.paragraph(summary.toString());
    html.image(Charts.confusion(eval.labels(), eval.confusion()), "confusion matrix");
    StringBuilder table =
        new StringBuilder(
            "<table><tr><th>label</th><th>precision</th><th>recall</th><th>f1</th>"
                + "<th>support</th></tr>");
    eval.perClass()
        .forEach(
            label ->
                table.append(
                    String.format(
                        Locale.ROOT,
                        "<tr><th>%s</th><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>",
                        Html.escape(label.label()),
                        label.precision(),
                        label.recall(),
                        label.f1(),
                        label.support())));
    html.raw(table.append("</table>").toString());
  }

  private static void duplicates(ReportData.Duplicates duplicates, Html html) throws IOException {
    html.heading("Duplicates");
    if (duplicates == null) {
      html.paragraph("No dedupe output yet (no dedupe/_duplicates/).");
      return;
    }
    SortedMap<Integer, Long> bySize = duplicates.clustersBySize();
    html.paragraph(
        String.format(
            Locale.ROOT,
            "%,d documents dropped as duplicates (%,d exact, %,d near) of %,d kept"
                + " documents; the largest cluster has %d documents.",
            duplicates.exact() + duplicates.near(),
            duplicates.exact(),
            duplicates.near(),
            duplicates.kept(),
            bySize.isEmpty() ? 0 : bySize.lastKey()));
    if (bySize.isEmpty()) {
      return;
    }
    List<String> sizes = new ArrayList<>();
    List<Long> clusters = new ArrayList<>();
    bySize.forEach(
        (size, count) -> {
          sizes.add(Integer.toString(size));
          clusters.add(count);
        });
    html.image(Charts.clusterSizes(sizes, clusters), "duplicate clusters by size");
  }
}
