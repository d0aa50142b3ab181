package dev.sheaf.evaluate;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.PipelineRole;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf evaluate}: one constant per option. */
enum EvaluateOption implements StageOption {
  MODEL(
      OptionSpec.valued("model", "DIR", "a model directory (the output of sheaf train)")
          .mandatory()
          .setBy(PipelineRole.MANAGED)),
  SHARDS(
      OptionSpec.valued("shards", "DIR", "a shard set made with the model's vectorizer")
          .mandatory()
          .setBy(PipelineRole.MANAGED)),
  SPLIT(
      OptionSpec.valued("split", "SPLIT", "train, valid or test")
          .withDefault(EvaluateJob.DEFAULT_SPLIT)
          .setBy(PipelineRole.MANAGED)),
  OUTPUT(
      OptionSpec.valued(
              "output",
              "FILE",
              "where the metrics JSON goes (default MODEL/eval-SPLIT.json, replaced each run)")
          .setBy(PipelineRole.MANAGED)),
  OVERWRITE(
      OptionSpec.flag("overwrite", "replace an existing --output file")
          .setBy(PipelineRole.MANAGED));

  private final OptionSpec spec;

  EvaluateOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
