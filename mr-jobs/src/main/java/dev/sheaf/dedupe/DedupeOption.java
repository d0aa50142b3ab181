package dev.sheaf.dedupe;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/**
 * The settings of {@code sheaf dedupe} besides the input and output options: one constant per
 * option or {@code -D}-only key, the defaults from {@link DedupeOptions}' {@code DEFAULT_*}
 * constants.
 */
enum DedupeOption implements StageOption {
  EXACT_ONLY(
      OptionSpec.flag(
          "exact-only",
          "remove exact duplicates only (same text after NFKC, lower case, punctuation and white"
              + " space removed): one job, no MinHash")),
  NEAR_THRESHOLD(
      OptionSpec.valued(
              "near-threshold",
              "J",
              "drop documents whose word-shingle Jaccard similarity to a kept one is at least J")
          .withDefault(DedupeOptions.DEFAULT_NEAR_THRESHOLD)
          .withKey(DedupeOptions.NEAR_THRESHOLD)),
  SHINGLE_SIZE(
      OptionSpec.valued("shingle-size", "K", "words per shingle")
          .withDefault(DedupeOptions.DEFAULT_SHINGLE_SIZE)
          .withKey(DedupeOptions.SHINGLE_SIZE)),
  NUM_PERM(
      OptionSpec.valued("num-perm", "N", "MinHash bins (one-permutation hashing)")
          .withDefault(DedupeOptions.DEFAULT_NUM_PERM)
          .withKey(DedupeOptions.NUM_PERM)),
  BANDS(
      OptionSpec.valued("bands", "B", "LSH bands (with --rows; default: chosen from the threshold)")
          .withKey(DedupeOptions.BANDS)),
  ROWS(
      OptionSpec.valued("rows", "R", "LSH rows per band (with --bands)")
          .withKey(DedupeOptions.ROWS)),
  KEEP(
      OptionSpec.valued(
              "keep", "POLICY", "which document of a group to keep: smallest-id, longest, earliest")
          .withDefault(KeepPolicy.SMALLEST_ID.optionValue())
          .withKey(DedupeOptions.KEEP)),
  SKETCH_SIZE(
      OptionSpec.valued(
              "sketch-size",
              "K",
              "shingle hashes kept per document to verify candidates: exact Jaccard for texts of at"
                  + " most K shingles, an estimate for longer ones")
          .withDefault(DedupeOptions.DEFAULT_SKETCH_SIZE)
          .withKey(DedupeOptions.SKETCH_SIZE)),
  MAX_BUCKET_SIZE(
      OptionSpec.valued(
              "max-bucket-size",
              "N",
              "compare at most N documents of one LSH bucket; the rest are counted")
          .withDefault(DedupeOptions.DEFAULT_MAX_BUCKET_SIZE)
          .withKey(DedupeOptions.MAX_BUCKET_SIZE)),
  DRIVER_COMPONENTS_MAX_EDGES(
      OptionSpec.configOnly(
          DriverComponents.MAX_EDGES,
          DriverComponents.DEFAULT_MAX_EDGES,
          "graphs of at most this many duplicate edges find their groups in the driver by"
              + " union-find; larger ones by MapReduce rounds (0: always the rounds)")),
  DRIVER_GRAPH_MEMORY_MB(
      OptionSpec.configOnly(
          DriverGraph.MEMORY_MB,
          DriverGraph.DEFAULT_MEMORY_MB,
          "MiB of the driver's heap for the leaders (one per distinct text: its sketch of"
              + " --sketch-size longs, "
              + DriverGraph.LEADER_OVERHEAD_BYTES
              + " bytes, and "
              + DriverGraph.ENTRY_BYTES
              + " a band; "
              + DriverGraph.NODE_BYTES
              + " an exact duplicate); when they fit, the driver pairs, verifies and labels in place of four"
              + " jobs (0: always the jobs)")),
  LABELS_MEMORY_MB(
      OptionSpec.configOnly(
          NearFilter.LABELS_MEMORY_MB,
          NearFilter.DEFAULT_LABELS_MEMORY_MB,
          "MiB of a map task's heap the last pass may give to the dropped documents' labels (each"
              + " one's rank and "
              + LabelTable.MEMBER_OVERHEAD_BYTES
              + " bytes, "
              + LabelTable.COMPONENT_BYTES
              + " a group); above it, or after MapReduce rounds, the last pass is a reduce-side"
              + " join (0: always the join)"));

  /** The options that apply to near-duplicate search only: refused with {@code --exact-only}. */
  static final DedupeOption[] NEAR_ONLY = {
    NEAR_THRESHOLD, SHINGLE_SIZE, NUM_PERM, BANDS, ROWS, MAX_BUCKET_SIZE, SKETCH_SIZE
  };

  private final OptionSpec spec;

  DedupeOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
