package dev.sheaf.export;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf export}: one constant per option. */
enum ExportOption implements StageOption {
  SHARDS(OptionSpec.valued("shards", "DIR", "a shard set (the output of sheaf shard)").mandatory()),
  SPLIT(
      OptionSpec.valued("split", "SPLIT", "train, valid or test")
          .withDefault(ExportCommand.SPLITS.get(0))),
  FORMAT(
      OptionSpec.valued("format", "FORMAT", "libsvm, jsonl or parquet")
          .withDefault(ExportCommand.FORMATS.get(0))),
  OUTPUT(
      OptionSpec.valued("output", "FILE", "the file to write (any Hadoop file system)")
          .mandatory()),
  OVERWRITE(OptionSpec.flag("overwrite", "replace an existing file"));

  private final OptionSpec spec;

  ExportOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
