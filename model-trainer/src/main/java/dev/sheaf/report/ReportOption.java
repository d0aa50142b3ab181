package dev.sheaf.report;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf report}: one constant per option. */
enum ReportOption implements StageOption {
  WORK(
      OptionSpec.valued("work", "DIR", "a work directory of sheaf pipeline or sheaf quickstart")
          .mandatory()),
  OUTPUT(
      OptionSpec.valued(
          "output",
          "FILE",
          "the HTML file (default WORK/report.html; replaced, as the report is derived from WORK)"));

  private final OptionSpec spec;

  ReportOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
