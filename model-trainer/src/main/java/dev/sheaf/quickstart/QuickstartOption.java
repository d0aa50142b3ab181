package dev.sheaf.quickstart;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf quickstart}: one constant per option. */
enum QuickstartOption implements StageOption {
  WORK(
      OptionSpec.valued("work", "DIR", "where the sample and each stage's output go")
          .withDefault(QuickstartCommand.DEFAULT_WORK));

  private final OptionSpec spec;

  QuickstartOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
