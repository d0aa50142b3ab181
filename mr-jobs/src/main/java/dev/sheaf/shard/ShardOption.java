package dev.sheaf.shard;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.PipelineRole;
import dev.sheaf.common.StageOption;

/** The settings of {@code sheaf shard}: one constant per option or {@code -D}-only key. */
enum ShardOption implements StageOption {
  INPUT(
      OptionSpec.valued(
              "input", "DIR", "the output of sheaf vectorize (Example records and _vectorizer/)")
          .setBy(PipelineRole.MANAGED)),
  SHARDS(
      OptionSpec.valued(
              "shards", "N", "shards per split; within a split sizes differ by at most one")
          .withDefault(ShardOptions.DEFAULT_SHARDS)),
  SPLIT(
      OptionSpec.valued("split", "T/V/T", "train/valid/test percentages")
          .withDefault(SplitRule.DEFAULT_SPLIT)),
  SEED(
      OptionSpec.valued("seed", "S", "seed of the split and the shuffle")
          .withDefault(SplitRule.DEFAULT_SEED)),
  STRATIFY(
      OptionSpec.flag(
          "stratify", "keep each label's proportions in every split (split boundaries per label)")),
  CODEC(
      OptionSpec.valued(
              "codec",
              "CODEC",
              "snappy (the trainer decodes it 5x faster than deflate), deflate (smaller), zstandard or null")
          .withDefault(ShardJob.DEFAULT_CODEC)
          .withKey(ShardJob.CODEC)),
  VERIFY(
      OptionSpec.valued(
              "verify",
              "DIR",
              "check the shards of DIR against its manifest (counts, bytes, SHA-256) instead")
          .setBy(PipelineRole.MANAGED)),
  REDUCERS(
      OptionSpec.configOnly(
          ShardJob.REDUCERS,
          0,
          "reduce tasks of the shard job, each writing a range of shards; 0: one per shard"
              + " (embedded: the cores)"));

  private final OptionSpec spec;

  ShardOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
