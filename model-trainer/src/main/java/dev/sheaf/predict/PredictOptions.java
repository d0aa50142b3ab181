package dev.sheaf.predict;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The parsed options of {@code sheaf predict}. */
record PredictOptions(InputOptions input, Path output, boolean overwrite, Settings settings) {
  static final String MODEL = "sheaf.predict.model";
  static final String TOP_K = "sheaf.predict.top-k";
  static final String THRESHOLD = "sheaf.predict.threshold";
  static final String JSONL = "sheaf.predict.jsonl";

  /**
   * Whether the model's clean rules drop documents (else every document is scored, the rule it
   * fails noted).
   */
  static final String FILTER = "sheaf.predict.filter";

  /**
   * What the map tasks need: the model directory (qualified), how many probabilities to keep, the
   * threshold.
   */
  record Settings(String model, int topK, Double threshold, boolean jsonl, boolean filter) {
    void applyTo(Configuration conf) {
      conf.set(MODEL, model);
      conf.setInt(TOP_K, topK);
      if (threshold != null) {
        conf.setDouble(THRESHOLD, threshold);
      }
      conf.setBoolean(JSONL, jsonl);
      conf.setBoolean(FILTER, filter);
    }

    static Settings from(Configuration conf) {
      return new Settings(
          conf.get(MODEL),
          conf.getInt(TOP_K, Integer.MAX_VALUE),
          conf.get(THRESHOLD) == null ? null : conf.getDouble(THRESHOLD, 0.5),
          conf.getBoolean(JSONL, false),
          conf.getBoolean(FILTER, false));
    }
  }

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.JSONL);
    options.addOption(
        Option.builder()
            .longOpt("model")
            .hasArg()
            .argName("DIR")
            .required()
            .desc(
                "a model directory (the output of sheaf train): its clean settings, vectorizer and parameters")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("output")
            .hasArg()
            .argName("DIR")
            .required()
            .desc("where the predictions go: Avro part files, _dropped/, _rejects/, _MANIFEST.json")
            .build());
    options.addOption(
        Option.builder().longOpt("overwrite").desc("replace an existing output directory").build());
    options.addOption(
        Option.builder()
            .longOpt("jsonl")
            .desc("also write each prediction as a JSON line (part-m-*.jsonl)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("top-k")
            .hasArg()
            .argName("K")
            .desc("keep the K most probable labels' probabilities (default: every label)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("threshold")
            .hasArg()
            .argName("F")
            .desc(
                "two labels: predict the second when its probability is at least F (default: the more probable);"
                    + " more labels: a null label unless the most probable reaches F")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("filter")
            .desc(
                "drop the documents the model's clean rules (presets, language) drop, to _dropped/ (default: every "
                    + "document is scored, and failedRule says which rule it fails)")
            .build());
    return options;
  }

  static PredictOptions parse(CommandLine line, Configuration conf) {
    Double threshold = null;
    if (line.hasOption("threshold")) {
      threshold = OptionValues.nonNegative("--threshold", line.getOptionValue("threshold"));
      if (threshold > 1) {
        throw new UsageException(
            "--threshold must be a probability from 0 to 1 (got '"
                + line.getOptionValue("threshold")
                + "')");
      }
    }
    Path model = new Path(line.getOptionValue("model"));
    String qualified;
    try {
      qualified = model.getFileSystem(conf).makeQualified(model).toString();
    } catch (java.io.IOException e) {
      throw new UsageException("--model " + model + ": " + e.getMessage());
    }
    return new PredictOptions(
        InputOptions.parse(line, InputFormatKind.JSONL),
        new Path(line.getOptionValue("output")),
        line.hasOption("overwrite"),
        new Settings(
            qualified,
            OptionValues.positiveInt(line, "top-k", Integer.MAX_VALUE),
            threshold,
            line.hasOption("jsonl"),
            line.hasOption("filter")));
  }

  /** The parameters as the manifest records them. */
  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    input.describeTo(parameters);
    parameters.put("model", settings.model());
    parameters.put("topK", settings.topK() == Integer.MAX_VALUE ? "all" : settings.topK());
    parameters.put("threshold", settings.threshold() == null ? "argmax" : settings.threshold());
    parameters.put("jsonl", settings.jsonl());
    parameters.put("filter", settings.filter());
    return parameters;
  }
}
