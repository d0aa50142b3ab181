package dev.sheaf.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.TextFiles;
import dev.sheaf.report.Charts;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A model directory's record of its epochs: {@code metrics.jsonl} (one JSON line an epoch: losses,
 * accuracy, rate, examples, seconds, step; L-BFGS adds the objective and the passes), the curves
 * {@code training.png} redrawn from it, and the progress line printed after each epoch.
 */
final class MetricsLog {
  static final String METRICS = "metrics.jsonl";

  /** The loss and accuracy curves so far, redrawn after every epoch. */
  static final String PLOT = "training.png";

  private static final ObjectMapper JSON = JsonFiles.mapper();

  private final Configuration conf;
  private final Path modelDir;

  MetricsLog(Configuration conf, Path modelDir) {
    this.conf = conf;
    this.modelDir = modelDir;
  }

  /** Appends {@code state}'s line to {@code metrics.jsonl} and redraws {@code training.png}. */
  void append(TrainingState state) throws IOException {
    Path file = new Path(modelDir, METRICS);
    ObjectNode line = JSON.createObjectNode();
    line.put("epoch", state.epoch());
    line.put("train_loss", state.trainLoss());
    if (state.validLoss() != null) {
      line.put("valid_loss", state.validLoss());
      line.put("valid_acc", state.validAccuracy());
    }
    line.put("lr", state.lr());
    line.put("examples", state.examples());
    line.put("seconds", state.seconds());
    line.put("examples_per_second", state.examples() / Math.max(1e-9, state.seconds()));
    line.put("step", state.step());
    if (state.l2() != null) {
      line.put("l2", state.l2());
    }
    if (state.objective() != null) {
      line.put("objective", state.objective());
      line.put("passes", state.passes());
    }
    List<String> lines = new ArrayList<>(TextFiles.readAllLines(conf, file));
    lines.add(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
    TextFiles.writeLines(conf, file, lines);
    plot(lines);
  }

  /** Drops the lines of epochs after {@code lastEpoch} (a resumed run repeats them). */
  void truncate(int lastEpoch) throws IOException {
    Path file = new Path(modelDir, METRICS);
    List<String> kept = new ArrayList<>();
    for (String line : TextFiles.readAllLines(conf, file)) {
      if (!line.isBlank() && JSON.readTree(line).path("epoch").asInt() <= lastEpoch) {
        kept.add(line);
      }
    }
    TextFiles.writeLines(conf, file, kept);
  }

  private void plot(List<String> lines) throws IOException {
    List<Charts.Epoch> epochs = new ArrayList<>();
    for (String line : lines) {
      JsonNode epoch = JSON.readTree(line);
      epochs.add(
          new Charts.Epoch(
              epoch.path("epoch").asInt(),
              epoch.path("train_loss").asDouble(),
              epoch.has("valid_loss") ? epoch.path("valid_loss").asDouble() : null,
              epoch.has("valid_acc") ? epoch.path("valid_acc").asDouble() : null));
    }
    Path file = new Path(modelDir, PLOT);
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      out.write(Charts.training(epochs));
    }
  }

  /** {@code epoch 3/10 train_loss 0.2140 valid_loss 0.1980 valid_acc 0.9620 41.2k ex/s 12.8 s}. */
  static String progressLine(TrainingState state, int epochs) {
    String valid =
        state.validLoss() == null
            ? "valid (none)"
            : String.format(
                Locale.ROOT,
                "valid_loss %.4f  valid_acc %.4f",
                state.validLoss(),
                state.validAccuracy());
    double rate = state.examples() / Math.max(1e-9, state.seconds());
    String speed =
        rate >= 1e6
            ? String.format(Locale.ROOT, "%.2fM", rate / 1e6)
            : String.format(Locale.ROOT, "%.1fk", rate / 1e3);
    String objective =
        state.objective() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "  objective %.6f (%d pass%s)",
                state.objective(),
                state.passes(),
                state.passes() == 1 ? "" : "es");
    return String.format(
        Locale.ROOT,
        "epoch %d/%d  train_loss %.4f  %s  %s ex/s  %.1f s%s",
        state.epoch(),
        epochs,
        state.trainLoss(),
        valid,
        speed,
        state.seconds(),
        objective);
  }
}
