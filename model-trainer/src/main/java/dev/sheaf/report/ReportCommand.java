package dev.sheaf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.SheafVersion;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sheaf report}: one self-contained HTML page (PNG charts inline) on a work directory of
 * {@code sheaf pipeline} or {@code quickstart}: the records through the stages with what each
 * dropped and why, loss and accuracy per epoch, the test metrics and confusion matrix, and the
 * sizes of dedupe's duplicate clusters. Reads only the stages' own files (manifests,
 * {@code model.json}, {@code metrics.jsonl}, the metrics JSON, {@code _duplicates/}); a stage that
 * has not run is said to be missing.
 */
public final class ReportCommand extends SheafCommand {
  /** The data stages: directory, and the outcomes that count as passed on (the rest were dropped). */
  private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();
  /** Drop reasons charted by name; the rest are summed as "other". */
  private static final int CHARTED_REASONS = 8;
  private static final ObjectMapper JSON = JsonFiles.mapper();

  static {
    STAGES.put("dedupe", List.of("kept"));
    STAGES.put("clean", List.of("kept"));
    STAGES.put("vectors", List.of("examples"));
    STAGES.put("shards", List.of("train", "valid", "test"));
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "Write one HTML page with charts on a pipeline's work directory: stage funnel, training, test metrics, duplicates.";
  }

  @Override
  protected String synopsis() {
    return "--work DIR [--output FILE.html]";
  }

  @Override
  protected Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("work").hasArg().argName("DIR").required()
        .desc("a work directory of sheaf pipeline or sheaf quickstart").build());
    options.addOption(Option.builder().longOpt("output").hasArg().argName("FILE")
        .desc("the HTML file (default WORK/report.html; replaced, as the report is derived from WORK)").build());
    return options;
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Configuration conf = getConf();
    Path work = new Path(line.getOptionValue("work"));
    FileSystem fs = work.getFileSystem(conf);
    if (!fs.isDirectory(work)) {
      throw new UsageException("--work " + work + " is not a directory");
    }
    Path output = new Path(line.getOptionValue("output", new Path(work, "report.html").toString()));
    Html html = new Html("Sheaf report: " + work);
    html.paragraph("Work directory <code>" + Html.escape(fs.makeQualified(work).toString()) + "</code>, written "
        + Instant.now() + " by sheaf " + Html.escape(SheafVersion.get()) + ".");
    int parts = stages(conf, work, html) + training(conf, work, html) + metrics(conf, work, html)
        + duplicates(conf, work, html);
    if (parts == 0) {
      throw new UsageException("--work " + work + " holds no stage output to report on (run sheaf pipeline first)");
    }
    try (OutputStream out = output.getFileSystem(conf).create(output, true)) {
      out.write(html.finish().getBytes(StandardCharsets.UTF_8));
    }
    System.out.printf("report: %s (%d of 4 parts)%n", output, parts);
    return 0;
  }

  /** A stage's JSON file, or null when the stage has not written it. */
  private static JsonNode readJson(Configuration conf, Path file) throws IOException {
    return file.getFileSystem(conf).isFile(file) ? JsonFiles.read(conf, file) : null;
  }

  /** The funnel chart and the table of records in, out and dropped by reason per stage. */
  private static int stages(Configuration conf, Path work, Html html) throws IOException {
    html.heading("Records through the stages");
    JsonNode summary = readJson(conf, new Path(work, "_pipeline/summary.json"));
    Map<String, Double> seconds = new HashMap<>();
    if (summary != null) {
      summary.path("stages").forEach(stage -> {
        if (stage.has("seconds")) {
          seconds.put(stage.path("stage").asText(), stage.path("seconds").asDouble());
        }
      });
    }
    List<String> names = new ArrayList<>();
    List<Long> out = new ArrayList<>();
    List<Map<String, Long>> drops = new ArrayList<>();
    StringBuilder table = new StringBuilder("<table><tr><th>stage</th><th>in</th><th>out</th><th>seconds</th>"
        + "<th>dropped, by reason</th></tr>");
    for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
      JsonNode manifest = readJson(conf, new Path(new Path(work, stage.getKey()), Manifest.FILE_NAME));
      if (manifest == null) {
        continue;
      }
      JsonNode records = manifest.path("records");
      if (names.isEmpty()) {
        names.add("input");
        out.add(records.path("in").asLong());
        drops.add(Map.of());
      }
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
      names.add(command);
      out.add(passed);
      drops.add(dropped);
      StringBuilder reasons = new StringBuilder();
      dropped.forEach((reason, count) -> reasons.append(reasons.length() == 0 ? "" : ", ").append(count).append(' ')
          .append(Html.escape(reason)));
      table.append(String.format(Locale.ROOT, "<tr><th>%s</th><td>%,d</td><td>%,d</td><td>%s</td><td class=\"text\">%s</td></tr>",
          command, records.path("in").asLong(), passed, seconds.containsKey(command)
              ? String.format(Locale.ROOT, "%.1f", seconds.get(command)) : "", reasons.length() == 0 ? "none" : reasons));
    }
    if (names.isEmpty()) {
      html.paragraph("No stage output yet (no dedupe/, clean/, vectors/ or shards/ manifest).");
      return 0;
    }
    html.image(Charts.funnel(names, out, chartedReasons(drops)), "records kept and dropped per stage");
    html.raw(table.append("</table>").toString());
    return 1;
  }

  /** The largest reasons by total, each a series over the stages; the rest summed as "other". */
  private static Map<String, long[]> chartedReasons(List<Map<String, Long>> drops) {
    Map<String, Long> totals = new TreeMap<>();
    drops.forEach(stage -> stage.forEach((reason, count) -> totals.merge(reason, count, Long::sum)));
    List<String> ranked = new ArrayList<>(totals.keySet());
    ranked.sort((a, b) -> Long.compare(totals.get(b), totals.get(a)));
    Map<String, long[]> series = new LinkedHashMap<>();
    for (int s = 0; s < drops.size(); s++) {
      for (Map.Entry<String, Long> drop : drops.get(s).entrySet()) {
        String name = ranked.indexOf(drop.getKey()) < CHARTED_REASONS ? drop.getKey() : "other reasons";
        series.computeIfAbsent(name, key -> new long[drops.size()])[s] += drop.getValue();
      }
    }
    return series;
  }

  private static int training(Configuration conf, Path work, Html html) throws IOException {
    html.heading("Training");
    Path metricsFile = new Path(work, "model/metrics.jsonl");
    JsonNode model = readJson(conf, new Path(work, "model/model.json"));
    if (!metricsFile.getFileSystem(conf).isFile(metricsFile)) {
      html.paragraph("No training yet (no model/metrics.jsonl).");
      return 0;
    }
    List<Charts.Epoch> epochs = new ArrayList<>();
    StringBuilder table = new StringBuilder("<table><tr><th>epoch</th><th>train loss</th><th>valid loss</th>"
        + "<th>valid accuracy</th><th>examples/s</th></tr>");
    for (String line : TextFiles.readAllLines(conf, metricsFile)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode epoch = JSON.readTree(line);
      Double validLoss = epoch.has("valid_loss") ? epoch.path("valid_loss").asDouble() : null;
      Double validAccuracy = epoch.has("valid_acc") ? epoch.path("valid_acc").asDouble() : null;
      epochs.add(new Charts.Epoch(epoch.path("epoch").asInt(), epoch.path("train_loss").asDouble(), validLoss,
          validAccuracy));
      table.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td><td>%s</td><td>%s</td><td>%,.0f</td></tr>",
          epoch.path("epoch").asInt(), epoch.path("train_loss").asDouble(),
          validLoss == null ? "" : String.format(Locale.ROOT, "%.4f", validLoss),
          validAccuracy == null ? "" : String.format(Locale.ROOT, "%.4f", validAccuracy),
          epoch.path("examples_per_second").asDouble()));
    }
    if (model != null) {
      html.paragraph(String.format(Locale.ROOT, "%s on %d features, %d labels; the model is epoch %d of %d (%s).",
          Html.escape(model.path("arch").asText()), model.path("dim").asInt(), model.path("labels").size(),
          model.path("epoch").asInt(), model.path("epochsTrained").asInt(),
          Html.escape(model.path("selectedBy").asText())));
    }
    html.image(Charts.training(epochs), "loss and accuracy per epoch");
    html.raw(table.append("</table>").toString());
    return 1;
  }

  private static int metrics(Configuration conf, Path work, Html html) throws IOException {
    html.heading("Test metrics");
    JsonNode eval = readJson(conf, new Path(work, "eval.json"));
    if (eval == null) {
      eval = readJson(conf, new Path(work, "model/eval-test.json"));
    }
    if (eval == null) {
      html.paragraph("No evaluation yet (no eval.json).");
      return 0;
    }
    StringBuilder summary = new StringBuilder(eval.path("examples").asLong() + " " + Html.escape(eval.path("split")
        .asText("test")) + " examples:");
    for (String metric : new String[] {"accuracy", "macro_f1", "log_loss", "auc"}) {
      if (eval.has(metric)) {
        summary.append(String.format(Locale.ROOT, " %s <b>%.4f</b>", metric, eval.path(metric).asDouble()));
      }
    }
    html.paragraph(summary.toString());
    List<String> labels = new ArrayList<>();
    eval.path("confusion").path("labels").forEach(label -> labels.add(label.asText()));
    long[][] counts = new long[labels.size()][labels.size()];
    JsonNode rows = eval.path("confusion").path("counts");
    for (int t = 0; t < labels.size(); t++) {
      for (int p = 0; p < labels.size(); p++) {
        counts[t][p] = rows.path(t).path(p).asLong();
      }
    }
    html.image(Charts.confusion(labels, counts), "confusion matrix");
    StringBuilder table = new StringBuilder("<table><tr><th>label</th><th>precision</th><th>recall</th><th>f1</th>"
        + "<th>support</th></tr>");
    eval.path("per_class").fields().forEachRemaining(label -> table.append(String.format(Locale.ROOT,
        "<tr><th>%s</th><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>", Html.escape(label.getKey()),
        label.getValue().path("precision").asDouble(), label.getValue().path("recall").asDouble(),
        label.getValue().path("f1").asDouble(), label.getValue().path("support").asLong())));
    html.raw(table.append("</table>").toString());
    return 1;
  }

  /** Cluster sizes from dedupe's _duplicates/: a kept document and the documents dropped as its duplicates. */
  private static int duplicates(Configuration conf, Path work, Html html) throws IOException {
    html.heading("Duplicates");
    Path dir = new Path(work, "dedupe/_duplicates");
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.isDirectory(dir)) {
      html.paragraph("No dedupe output yet (no dedupe/_duplicates/).");
      return 0;
    }
    Map<String, Integer> dropped = new HashMap<>();
    long exact = 0;
    long near = 0;
    for (FileStatus file : TextFiles.matching(conf, new Path(dir, "*.avro"))) {
      try (InputStream in = fs.open(file.getPath());
          DataFileStream<Duplicate> records = new DataFileStream<>(in, new SpecificDatumReader<>(Duplicate.class))) {
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
    TreeMap<Integer, Long> bySize = new TreeMap<>();
    dropped.values().forEach(count -> bySize.merge(count + 1, 1L, Long::sum));
    html.paragraph(String.format(Locale.ROOT, "%,d documents dropped as duplicates (%,d exact, %,d near) of %,d kept"
        + " documents; the largest cluster has %d documents.", exact + near, exact, near, dropped.size(),
        bySize.isEmpty() ? 0 : bySize.lastKey()));
    if (bySize.isEmpty()) {
      return 1;
    }
    List<String> sizes = new ArrayList<>();
    List<Long> clusters = new ArrayList<>();
    bySize.forEach((size, count) -> {
      sizes.add(Integer.toString(size));
      clusters.add(count);
    });
    html.image(Charts.clusterSizes(sizes, clusters), "duplicate clusters by size");
    return 1;
  }

  /** A page being written: headings, paragraphs, tables and inline PNGs. */
  static final class Html {
    private final StringBuilder page = new StringBuilder();

    Html(String title) {
      page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
          .append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;"
              + "padding:0 1em;color:#222}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}"
              + "table{border-collapse:collapse;margin:.6em 0}th,td{padding:3px 10px;border-bottom:1px solid #e4e4e4;"
              + "text-align:right}th{text-align:left}td.text{text-align:left;font-size:.9em}"
              + "img{max-width:100%;display:block;margin:.6em 0}code{font-size:.9em}</style></head><body>\n<h1>")
          .append(escape(title)).append("</h1>\n");
    }

    void heading(String text) {
      page.append("<h2>").append(escape(text)).append("</h2>\n");
    }

    void paragraph(String trustedHtml) {
      page.append("<p>").append(trustedHtml).append("</p>\n");
    }

    void raw(String trustedHtml) {
      page.append(trustedHtml).append('\n');
    }

    void image(byte[] png, String alt) {
      page.append("<img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    String finish() {
      return page.append("</body></html>\n").toString();
    }

    static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }
}
