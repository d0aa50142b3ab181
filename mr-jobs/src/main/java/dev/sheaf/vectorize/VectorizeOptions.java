package dev.sheaf.vectorize;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.OutputOption;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import dev.sheaf.shard.SplitRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** The parsed, validated options of {@code sheaf vectorize}. */
record VectorizeOptions(
    InputOptions input,
    Path output,
    boolean overwrite,
    VectorizerSpec spec,
    int maxVocab,
    int minDf,
    double maxDf,
    Path stopwordsFile,
    Path labelsFile,
    SplitRule fitSplit) {
  static final int DEFAULT_DIM = 1 << 20;
  static final int DEFAULT_MAX_VOCAB = 100_000;
  static final int DEFAULT_MIN_DF = 2;
  static final double DEFAULT_MAX_DF = 0.5;

  /** MurmurHash3's seed for feature hashing; fixed, so a hashing space never changes. */
  static final int HASH_SEED = 42;

  static final String DEFAULT_NGRAMS = "1";
  static final String DEFAULT_STOPWORDS = "none";
  static final String DEFAULT_STEM = "none";
  static final String DEFAULT_TF = "raw";
  static final String DEFAULT_IDF = "smooth";
  static final String DEFAULT_NORM = "l2";
  static final String DEFAULT_FIT_ON = "train";

  /** The options of {@code sheaf vectorize}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(
        StageOption.concat(
            InputOptions.settings(InputFormatKind.AVRO),
            StagePaths.outputSettings(
                "Example records, _vectorizer/, _rejects/, _MANIFEST.json", true),
            List.of(VectorizeOption.values()),
            List.of(JobOption.values())));
  }

  static VectorizeOptions parse(CommandLine line) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.AVRO);
    String features =
        oneOf(
            line,
            VectorizeOption.FEATURES,
            VectorizerSpec.HASHING,
            List.of(VectorizerSpec.HASHING, VectorizerSpec.VOCAB));
    boolean hashing = features.equals(VectorizerSpec.HASHING);
    for (VectorizeOption vocabOnly :
        new VectorizeOption[] {
          VectorizeOption.MAX_VOCAB, VectorizeOption.MIN_DF, VectorizeOption.MAX_DF
        }) {
      if (hashing && vocabOnly.isSet(line)) {
        throw new UsageException(
            vocabOnly.flag() + " applies with " + VectorizeOption.FEATURES.flag() + " vocab only");
      }
    }
    if (!hashing && VectorizeOption.DIM.isSet(line)) {
      throw new UsageException(
          VectorizeOption.DIM.flag()
              + " applies with "
              + VectorizeOption.FEATURES.flag()
              + " hashing only (vocab's dimension is its size)");
    }
    int dim =
        VectorizeOption.DIM.isSet(line) ? parseDim(VectorizeOption.DIM.value(line)) : DEFAULT_DIM;
    int[] ngrams = parseNgrams(VectorizeOption.NGRAMS.value(line, DEFAULT_NGRAMS));
    String stopwordsValue = VectorizeOption.STOPWORDS.value(line, DEFAULT_STOPWORDS);
    Path stopwordsFile = null;
    String stopwords = stopwordsValue;
    if (!stopwordsValue.equals("en") && !stopwordsValue.equals("none")) {
      stopwordsFile = new Path(stopwordsValue);
      stopwords = "file";
    }
    double maxDf = DEFAULT_MAX_DF;
    if (VectorizeOption.MAX_DF.isSet(line)) {
      maxDf =
          OptionValues.nonNegative(
              VectorizeOption.MAX_DF.flag(), VectorizeOption.MAX_DF.value(line));
      if (maxDf <= 0 || maxDf > 1) {
        throw new UsageException(
            VectorizeOption.MAX_DF.flag()
                + " must be in (0, 1] (got "
                + VectorizeOption.MAX_DF.value(line)
                + ")");
      }
    }
    VectorizerSpec spec =
        new VectorizerSpec(
            features,
            dim,
            ngrams[0],
            ngrams[1],
            stopwords,
            oneOf(line, VectorizeOption.STEM, DEFAULT_STEM, List.of("none", "porter")),
            oneOf(line, VectorizeOption.TF, DEFAULT_TF, List.of("raw", "log", "binary")),
            oneOf(line, VectorizeOption.IDF, DEFAULT_IDF, List.of("smooth", "none")),
            oneOf(line, VectorizeOption.NORM, DEFAULT_NORM, List.of("l2", "none")),
            HASH_SEED,
            0);
    boolean fitOnTrain =
        oneOf(line, VectorizeOption.FIT_ON, DEFAULT_FIT_ON, List.of(DEFAULT_FIT_ON, "all"))
            .equals(DEFAULT_FIT_ON);
    if (!fitOnTrain && (VectorizeOption.SPLIT.isSet(line) || VectorizeOption.SEED.isSet(line))) {
      throw new UsageException(
          VectorizeOption.SPLIT.flag()
              + " and "
              + VectorizeOption.SEED.flag()
              + " go with "
              + VectorizeOption.FIT_ON.flag()
              + " train");
    }
    SplitRule fitSplit =
        fitOnTrain
            ? SplitRule.parse(VectorizeOption.SPLIT.value(line), VectorizeOption.SEED.value(line))
            : null;
    return new VectorizeOptions(
        input,
        new Path(OutputOption.OUTPUT.value(line)),
        OutputOption.OVERWRITE.isSet(line),
        spec,
        OptionValues.positiveInt(line, VectorizeOption.MAX_VOCAB, DEFAULT_MAX_VOCAB),
        OptionValues.positiveInt(line, VectorizeOption.MIN_DF, DEFAULT_MIN_DF),
        maxDf,
        stopwordsFile,
        VectorizeOption.LABELS.isSet(line) ? new Path(VectorizeOption.LABELS.value(line)) : null,
        fitSplit);
  }

  /** {@code 1048576} or {@code 2^20}; between 1 and 2^30. */
  static int parseDim(String value) {
    long dim = -1;
    try {
      String text = value.trim();
      int caret = text.indexOf('^');
      if (caret > 0) {
        long base = Long.parseLong(text.substring(0, caret));
        int exponent = Integer.parseInt(text.substring(caret + 1));
        dim = exponent <= 62 ? (long) Math.pow(base, exponent) : -1;
      } else {
        dim = Long.parseLong(text);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (dim < 1 || dim > (1 << 30)) {
      throw new UsageException(
          VectorizeOption.DIM.flag()
              + " must be a number from 1 to 2^30, like 1048576 or 2^20 (got '"
              + value
              + "')");
    }
    return (int) dim;
  }

  /** {@code 1}, {@code 2} or {@code 1-2}: n from 1 to 5. */
  static int[] parseNgrams(String value) {
    String[] parts = value.trim().split("-", -1);
    try {
      int min = Integer.parseInt(parts[0].trim());
      int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
      if (parts.length <= 2 && min >= 1 && max >= min && max <= 5) {
        return new int[] {min, max};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        VectorizeOption.NGRAMS.flag()
            + " takes N or MIN-MAX with 1 <= MIN <= MAX <= 5, like 1-2 (got '"
            + value
            + "')");
  }

  private static String oneOf(
      CommandLine line, VectorizeOption option, String defaultValue, List<String> allowed) {
    String value = option.value(line, defaultValue).trim();
    if (!allowed.contains(value)) {
      throw new UsageException(
          option.flag() + " must be " + String.join(" or ", allowed) + " (got '" + value + "')");
    }
    return value;
  }

  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    input.describeTo(parameters);
    parameters.put("features", spec.features());
    if (spec.hashing()) {
      parameters.put("dim", spec.dim());
      parameters.put("hashSeed", spec.hashSeed());
    } else {
      parameters.put("maxVocab", maxVocab);
      parameters.put("minDf", minDf);
      parameters.put("maxDf", maxDf);
    }
    parameters.put("ngrams", spec.ngramMin() + "-" + spec.ngramMax());
    parameters.put(
        "stopwords", stopwordsFile == null ? spec.stopwords() : stopwordsFile.toString());
    parameters.put("stem", spec.stem());
    parameters.put("tf", spec.tf());
    parameters.put("idf", spec.idf());
    parameters.put("norm", spec.norm());
    parameters.put("labels", labelsFile == null ? "from the input" : labelsFile.toString());
    parameters.put("fitOn", fitSplit == null ? "all" : "train");
    if (fitSplit != null) {
      parameters.put("split", fitSplit.describe());
      parameters.put("seed", fitSplit.seed());
    }
    return parameters;
  }
}
