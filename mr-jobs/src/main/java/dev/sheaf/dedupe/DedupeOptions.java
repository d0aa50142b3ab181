package dev.sheaf.dedupe;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.OutputOption;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
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

  /** The options of {@code sheaf dedupe}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(
        StageOption.concat(
            InputOptions.settings(InputFormatKind.JSONL),
            StagePaths.outputSettings(
                "kept documents, _duplicates/, _rejects/, _MANIFEST.json", true),
            List.of(DedupeOption.values()),
            List.of(JobOption.values())));
  }

  static DedupeOptions parse(CommandLine line) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.JSONL);
    Path output = new Path(OutputOption.OUTPUT.value(line));
    boolean overwrite = OutputOption.OVERWRITE.isSet(line);
    KeepPolicy keep =
        KeepPolicy.parse(DedupeOption.KEEP.value(line, DedupeOption.KEEP.spec().defaultValue()));
    if (DedupeOption.EXACT_ONLY.isSet(line)) {
      for (DedupeOption nearOption : DedupeOption.NEAR_ONLY) {
        if (nearOption.isSet(line)) {
          throw new UsageException(
              nearOption.flag() + " does not apply with " + DedupeOption.EXACT_ONLY.flag());
        }
      }
      return new DedupeOptions(input, output, overwrite, keep, null);
    }
    float threshold = DEFAULT_NEAR_THRESHOLD;
    if (DedupeOption.NEAR_THRESHOLD.isSet(line)) {
      String value = DedupeOption.NEAR_THRESHOLD.value(line);
      try {
        threshold = Float.parseFloat(value);
      } catch (NumberFormatException e) {
        threshold = Float.NaN;
      }
      if (!(threshold > 0 && threshold <= 1)) {
        throw new UsageException(
            DedupeOption.NEAR_THRESHOLD.flag()
                + " must be a number in (0, 1] (got '"
                + value
                + "')");
      }
    }
    int numPerm = OptionValues.positiveInt(line, DedupeOption.NUM_PERM, DEFAULT_NUM_PERM);
    LshBands bands;
    if (DedupeOption.BANDS.isSet(line) || DedupeOption.ROWS.isSet(line)) {
      if (!(DedupeOption.BANDS.isSet(line) && DedupeOption.ROWS.isSet(line))) {
        throw new UsageException(
            DedupeOption.BANDS.flag() + " and " + DedupeOption.ROWS.flag() + " go together");
      }
      bands =
          new LshBands(
              OptionValues.positiveInt(line, DedupeOption.BANDS, 0),
              OptionValues.positiveInt(line, DedupeOption.ROWS, 0));
      if ((long) bands.bands() * bands.rows() > numPerm) {
        throw new UsageException(
            DedupeOption.BANDS.flag()
                + " x "
                + DedupeOption.ROWS.flag()
                + " must be at most "
                + DedupeOption.NUM_PERM.flag()
                + " ("
                + numPerm
                + ")");
      }
    } else {
      bands = LshBands.forRecall(threshold, numPerm);
    }
    Near near =
        new Near(
            threshold,
            OptionValues.positiveInt(line, DedupeOption.SHINGLE_SIZE, DEFAULT_SHINGLE_SIZE),
            numPerm,
            bands,
            keep,
            OptionValues.positiveInt(line, DedupeOption.MAX_BUCKET_SIZE, DEFAULT_MAX_BUCKET_SIZE),
            OptionValues.positiveInt(line, DedupeOption.SKETCH_SIZE, DEFAULT_SKETCH_SIZE));
    return new DedupeOptions(input, output, overwrite, keep, near);
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
