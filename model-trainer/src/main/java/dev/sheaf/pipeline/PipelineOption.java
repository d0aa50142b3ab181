package dev.sheaf.pipeline;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf pipeline}: one constant per option. */
enum PipelineOption implements StageOption {
  INPUT(
      OptionSpec.valued("input", "PATH", "the raw input: files or directories, separated by commas")
          .mandatory()),
  FORMAT(
      OptionSpec.valued("format", "FORMAT", InputFormatKind.names())
          .withDefault(InputFormatKind.JSONL.optionValue())),
  WORK(
      OptionSpec.valued(
              "work",
              "DIR",
              "where the stages write: dedupe/, clean/, vectors/, shards/, model/, eval.json, _pipeline/")
          .mandatory()),
  CONF(
      OptionSpec.valued(
          "conf",
          "FILE",
          "the stages' options as STAGE.OPTION=VALUE lines (examples/sheaf.properties lists them all)")),
  SET(
      OptionSpec.valued(
              "set",
              "STAGE.OPTION=VALUE",
              "a stage option, over the --conf file's (repeat for several)")
          .repeatable()),
  RESUME(
      OptionSpec.flag(
          "resume", "skip each stage whose output matches its input and options; rerun the rest")),
  OVERWRITE(OptionSpec.flag("overwrite", "rerun every stage, replacing the outputs")),
  FROM(
      OptionSpec.valued(
          "from",
          "STAGE",
          "start at STAGE (dedupe, clean, vectorize, shard, train, evaluate); the earlier outputs must exist")),
  TO(OptionSpec.valued("to", "STAGE", "stop after STAGE"));

  private final OptionSpec spec;

  PipelineOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
