package dev.sheaf.dedupe;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The parsed, validated options of {@code sheaf dedupe} ({@code near} is null with {@code
 * --exact-only}), and the keys that carry them to tasks.
 */
public record DedupeOptions(
    InputOptions input, Path output, boolean overwrite, KeepPolicy keep, Near near) {
  public static final String NEAR_THRESHOLD = "sheaf.dedupe.near-threshold";
  public static final float DEFAULT_NEAR_THRESHOLD = 0.8f;
  public static final String SHINGLE_SIZE = "sheaf.dedupe.shingle-size";
  public static final int DEFAULT_SHINGLE_SIZE = 5;
  public static final String NUM_PERM = "sheaf.dedupe.num-perm";
  public static final int DEFAULT_NUM_PERM = 160;
  public static final String BANDS = "sheaf.dedupe.bands";
  public static final String ROWS = "sheaf.dedupe.rows";
  public static final String KEEP = "sheaf.dedupe.keep";
  public static final String MAX_BUCKET_SIZE = "sheaf.dedupe.max-bucket-size";
  public static final int DEFAULT_MAX_BUCKET_SIZE = 100_000;
  public static final String SKETCH_SIZE = "sheaf.dedupe.sketch-size";
  public static final int DEFAULT_SKETCH_SIZE = 1024;

  /** The near-duplicate settings as tasks read them. */
  public record Near(
      float threshold,
      int shingleSize,
      int numPerm,
      LshBands bands,
      KeepPolicy keep,
      int maxBucketSize,
      int sketchSize) {
    public static Near from(Configuration conf) {
      return new Near(
          conf.getFloat(NEAR_THRESHOLD, DEFAULT_NEAR_THRESHOLD),
          conf.getInt(SHINGLE_SIZE, DEFAULT_SHINGLE_SIZE),
          conf.getInt(NUM_PERM, DEFAULT_NUM_PERM),
          new LshBands(conf.getInt(BANDS, 0), conf.getInt(ROWS, 0)),
          keepPolicy(conf),
          conf.getInt(MAX_BUCKET_SIZE, DEFAULT_MAX_BUCKET_SIZE),
          conf.getInt(SKETCH_SIZE, DEFAULT_SKETCH_SIZE));
    }

    void applyTo(Configuration conf) {
      conf.setFloat(NEAR_THRESHOLD, threshold);
      conf.setInt(SHINGLE_SIZE, shingleSize);
      conf.setInt(NUM_PERM, numPerm);
      conf.setInt(BANDS, bands.bands());
      conf.setInt(ROWS, bands.rows());
      setKeepPolicy(conf, keep);
      conf.setInt(MAX_BUCKET_SIZE, maxBucketSize);
      conf.setInt(SKETCH_SIZE, sketchSize);
    }
  }

  /** Which document of a group is kept, in both modes. */
  public static KeepPolicy keepPolicy(Configuration conf) {
    return KeepPolicy.valueOf(conf.get(KEEP, KeepPolicy.SMALLEST_ID.name()));
  }

  static void setKeepPolicy(Configuration conf, KeepPolicy keep) {
    conf.set(KEEP, keep.name());
  }

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.JSONL);
    StagePaths.addOutputOptions(
        options, "kept documents, _duplicates/, _rejects/, _MANIFEST.json", true);
    options.addOption(
        Option.builder()
            .longOpt("exact-only")
            .desc(
                "remove exact duplicates only (same text after NFKC, lower case, punctuation and white space "
                    + "removed): one job, no MinHash")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("near-threshold")
            .hasArg()
            .argName("J")
            .desc(
                "drop documents whose word-shingle Jaccard similarity to a kept one is at least J (default 0.8)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("shingle-size")
            .hasArg()
            .argName("K")
            .desc("words per shingle (default 5)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("num-perm")
            .hasArg()
            .argName("N")
            .desc("MinHash bins (one-permutation hashing; default 160)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("bands")
            .hasArg()
            .argName("B")
            .desc("LSH bands (with --rows; default: chosen from the threshold)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("rows")
            .hasArg()
            .argName("R")
            .desc("LSH rows per band (with --bands)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("keep")
            .hasArg()
            .argName("POLICY")
            .desc("which document of a group to keep: smallest-id (default), longest, earliest")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("sketch-size")
            .hasArg()
            .argName("K")
            .desc(
                "shingle hashes kept per document to verify candidates: exact Jaccard for texts of at most K "
                    + "shingles, an estimate for longer ones (default 1024)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("max-bucket-size")
            .hasArg()
            .argName("N")
            .desc(
                "compare at most N documents of one LSH bucket; the rest are counted (default 100000)")
            .build());
    return options;
  }

  static DedupeOptions parse(CommandLine line) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.JSONL);
    Path output = new Path(line.getOptionValue("output"));
    KeepPolicy keep =
        KeepPolicy.parse(line.getOptionValue("keep", KeepPolicy.SMALLEST_ID.optionValue()));
    if (line.hasOption("exact-only")) {
      for (String nearOption :
          new String[] {
            "near-threshold",
            "shingle-size",
            "num-perm",
            "bands",
            "rows",
            "max-bucket-size",
            "sketch-size"
          }) {
        if (line.hasOption(nearOption)) {
          throw new UsageException("--" + nearOption + " does not apply with --exact-only");
        }
      }
      return new DedupeOptions(input, output, line.hasOption("overwrite"), keep, null);
    }
    float threshold = DEFAULT_NEAR_THRESHOLD;
    if (line.hasOption("near-threshold")) {
      String value = line.getOptionValue("near-threshold");
      try {
        threshold = Float.parseFloat(value);
      } catch (NumberFormatException e) {
        threshold = Float.NaN;
      }
      if (!(threshold > 0 && threshold <= 1)) {
        throw new UsageException(
            "--near-threshold must be a number in (0, 1] (got '" + value + "')");
      }
    }
    int numPerm = OptionValues.positiveInt(line, "num-perm", DEFAULT_NUM_PERM);
    LshBands bands;
    if (line.hasOption("bands") || line.hasOption("rows")) {
      if (!(line.hasOption("bands") && line.hasOption("rows"))) {
        throw new UsageException("--bands and --rows go together");
      }
      bands =
          new LshBands(
              OptionValues.positiveInt(line, "bands", 0),
              OptionValues.positiveInt(line, "rows", 0));
      if ((long) bands.bands() * bands.rows() > numPerm) {
        throw new UsageException("--bands x --rows must be at most --num-perm (" + numPerm + ")");
      }
    } else {
      bands = LshBands.forRecall(threshold, numPerm);
    }
    Near near =
        new Near(
            threshold,
            OptionValues.positiveInt(line, "shingle-size", DEFAULT_SHINGLE_SIZE),
            numPerm,
            bands,
            keep,
            OptionValues.positiveInt(line, "max-bucket-size", DEFAULT_MAX_BUCKET_SIZE),
            OptionValues.positiveInt(line, "sketch-size", DEFAULT_SKETCH_SIZE));
    return new DedupeOptions(input, output, line.hasOption("overwrite"), keep, near);
  }

  /** The parameters as the manifest records them. */
  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    input.describeTo(parameters);
    parameters.put("mode", near == null ? "exact" : "near");
    parameters.put(
        "normalization",
        "NFKC, lower case, punctuation removed but inside numbers, white space collapsed");
    parameters.put("fingerprint", "MurmurHash3 x64 128");
    parameters.put("keep", keep.optionValue());
    if (near != null) {
      parameters.put("nearThreshold", near.threshold());
      parameters.put("shingleSize", near.shingleSize());
      parameters.put("signature", "one-permutation MinHash, optimal densification");
      parameters.put("numPerm", near.numPerm());
      parameters.put("bands", near.bands().bands());
      parameters.put("rows", near.bands().rows());
      parameters.put("maxBucketSize", near.maxBucketSize());
      parameters.put("sketchSize", near.sketchSize());
    }
    return parameters;
  }
}
