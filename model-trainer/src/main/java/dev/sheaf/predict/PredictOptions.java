package dev.sheaf.predict;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
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

  /** The options of {@code sheaf predict}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(
        StageOption.concat(
            InputOptions.settings(InputFormatKind.JSONL),
            List.of(PredictOption.values()),
            List.of(JobOption.values())));
  }

  static PredictOptions parse(CommandLine line, Configuration conf) {
    Double threshold = null;
    if (PredictOption.THRESHOLD.isSet(line)) {
      threshold =
          OptionValues.nonNegative(
              PredictOption.THRESHOLD.flag(), PredictOption.THRESHOLD.value(line));
      if (threshold > 1) {
        throw new UsageException(
            PredictOption.THRESHOLD.flag()
                + " must be a probability from 0 to 1 (got '"
                + PredictOption.THRESHOLD.value(line)
                + "')");
      }
    }
    Path model = new Path(PredictOption.MODEL.value(line));
    String qualified;
    try {
      qualified = model.getFileSystem(conf).makeQualified(model).toString();
    } catch (java.io.IOException e) {
      throw new UsageException(PredictOption.MODEL.flag() + " " + model + ": " + e.getMessage());
    }
    return new PredictOptions(
        InputOptions.parse(line, InputFormatKind.JSONL),
        new Path(PredictOption.OUTPUT.value(line)),
        PredictOption.OVERWRITE.isSet(line),
        new Settings(
            qualified,
            OptionValues.positiveInt(line, PredictOption.TOP_K, Integer.MAX_VALUE),
            threshold,
            PredictOption.JSONL.isSet(line),
            PredictOption.FILTER.isSet(line)));
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
