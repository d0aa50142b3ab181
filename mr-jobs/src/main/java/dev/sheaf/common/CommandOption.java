package dev.sheaf.common;

/** The options every {@link SheafCommand} has, whatever its own. */
public enum CommandOption implements StageOption {
  /** {@code -h}, {@code --help}: print the usage and exit 0. */
  HELP(OptionSpec.flag("help", "print this help").withShortName("h").setBy(PipelineRole.MANAGED));

  private final OptionSpec spec;

  CommandOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
