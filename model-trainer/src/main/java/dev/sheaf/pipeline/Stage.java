package dev.sheaf.pipeline;

import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.StageOption;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;

/**
 * The stages {@code sheaf pipeline} runs, in order, each a {@code sheaf} command reading the
 * previous one's output under the work directory. A stage is finished when its result file exists
 * (a data stage's manifest, which it writes last; the model's {@code model.json}; the metrics
 * JSON), and that file's SHA-256 fingerprints what it produced.
 */
enum Stage {
  DEDUPE("dedupe"),
  CLEAN("clean"),
  VECTORIZE("vectors"),
  SHARD("shards"),
  TRAIN("model"),
  EVALUATE("eval.json");

  private final String output;

  Stage(String output) {
    this.output = output;
  }

  String command() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Stage parse(String name) {
    for (Stage stage : values()) {
      if (stage.command().equals(name)) {
        return stage;
      }
    }
    return null;
  }

  Path output(Path work) {
    return new Path(work, output);
  }

  /** The file a finished run of this stage leaves last. */
  Path resultFile(Path work) {
    return switch (this) {
      case TRAIN -> new Path(output(work), "model.json");
      case EVALUATE -> output(work);
      default -> new Path(output(work), Manifest.FILE_NAME);
    };
  }

  /** The result files of the stages this one reads (none for dedupe, which reads the raw input). */
  List<Stage> reads() {
    return switch (this) {
      case DEDUPE -> List.of();
      case EVALUATE -> List.of(TRAIN, SHARD);
      default -> List.of(values()[ordinal() - 1]);
    };
  }

  /**
   * Whether the pipeline sets the stage command's option {@code --option} itself (where the stage
   * reads and writes, and how it reruns), so the properties may not: what the option's setting says
   * ({@link dev.sheaf.common.OptionSpec#pipeline()}), the raw-input options managed in every stage
   * but the one that reads the raw input. False for a name the command does not have.
   */
  boolean managed(String option) {
    StageOption setting = Sheaf.command(command()).declaredOption(option);
    return setting != null && setting.spec().pipeline().managed(reads().isEmpty());
  }

  /** The arguments the pipeline gives: where the stage reads and writes. */
  List<String> managedArguments(Path work, List<Path> inputs, String format) {
    String in = ordinal() > 0 ? values()[ordinal() - 1].output(work).toString() : null;
    String out = output(work).toString();
    return switch (this) {
      case DEDUPE ->
          List.of(
              "--input",
              String.join(",", inputs.stream().map(Path::toString).toList()),
              "--format",
              format,
              "--output",
              out);
      case CLEAN, VECTORIZE, SHARD -> List.of("--input", in, "--output", out);
      case TRAIN -> List.of("--shards", SHARD.output(work).toString(), "--model", out);
      case EVALUATE ->
          List.of(
              "--model",
              TRAIN.output(work).toString(),
              "--shards",
              SHARD.output(work).toString(),
              "--output",
              out);
    };
  }
}
