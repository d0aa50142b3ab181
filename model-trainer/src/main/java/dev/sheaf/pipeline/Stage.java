package dev.sheaf.pipeline;

import dev.sheaf.common.Manifest;
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
   * Options the pipeline sets itself (where the stage reads and writes, and how it reruns); the
   * properties may not.
   */
  boolean managed(String option) {
    return switch (option) {
      case "input", "format", "output", "overwrite", "resume", "help" -> true;
      case "shards" -> this == TRAIN || this == EVALUATE;
      case "model" -> this == TRAIN || this == EVALUATE;
      case "verify" -> this == SHARD;
      // how to read raw records: dedupe's business; the later stages read Avro
      case "id-field",
          "text-field",
          "label-field",
          "label-from-dir",
          "max-record-bytes",
          "strict-files" ->
          this != DEDUPE;
      case "split" -> this == EVALUATE;
      default -> false;
    };
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
