package dev.sheaf.predict;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf predict}: one constant per option. */
enum PredictOption implements StageOption {
  MODEL(
      OptionSpec.valued(
              "model",
              "DIR",
              "a model directory (the output of sheaf train): its clean settings, vectorizer and parameters")
          .withKey(PredictOptions.MODEL)
          .mandatory()),
  OUTPUT(
      OptionSpec.valued(
              "output",
              "DIR",
              "where the predictions go: Avro part files, _dropped/, _rejects/, _MANIFEST.json")
          .mandatory()),
  OVERWRITE(OptionSpec.flag("overwrite", "replace an existing output directory")),
  JSONL(
      OptionSpec.flag("jsonl", "also write each prediction as a JSON line (part-m-*.jsonl)")
          .withKey(PredictOptions.JSONL)),
  TOP_K(
      OptionSpec.valued(
              "top-k", "K", "keep the K most probable labels' probabilities (default: every label)")
          .withKey(PredictOptions.TOP_K)),
  THRESHOLD(
      OptionSpec.valued(
              "threshold",
              "F",
              "two labels: predict the second when its probability is at least F (default: the more probable);"
                  + " more labels: a null label unless the most probable reaches F")
          .withKey(PredictOptions.THRESHOLD)),
  FILTER(
      OptionSpec.flag(
              "filter",
              "drop the documents the model's clean rules (presets, language) drop, to _dropped/ (default: every "
                  + "document is scored, and failedRule says which rule it fails)")
          .withKey(PredictOptions.FILTER));

  private final OptionSpec spec;

  PredictOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
