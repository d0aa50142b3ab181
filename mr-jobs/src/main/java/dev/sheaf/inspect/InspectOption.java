package dev.sheaf.inspect;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf inspect}: one constant per option. */
enum InspectOption implements StageOption {
  LIMIT(OptionSpec.valued("limit", "N", "print at most N records (default: all)")),
  SCHEMA(OptionSpec.flag("schema", "print the Avro schema instead of records"));

  private final OptionSpec spec;

  InspectOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
