package dev.sheaf.common;

/**
 * {@code --output DIR} and {@code --overwrite}, which every stage writing a directory has; {@link
 * StagePaths#outputSettings} gives a command its own description of what the output holds.
 */
public enum OutputOption implements StageOption {
  OUTPUT(OptionSpec.valued("output", "DIR", "output directory").setBy(PipelineRole.MANAGED)),
  OVERWRITE(
      OptionSpec.flag(
              "overwrite",
              "replace an existing output (only once the new one is complete; never an input)")
          .setBy(PipelineRole.MANAGED));

  private final OptionSpec spec;

  OutputOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
