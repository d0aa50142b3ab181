package dev.sheaf.vectorize;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import dev.sheaf.shard.SplitRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
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

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.AVRO);
    StagePaths.addOutputOptions(
        options, "Example records, _vectorizer/, _rejects/, _MANIFEST.json", true);
    options.addOption(
        Option.builder()
            .longOpt("features")
            .hasArg()
            .argName("KIND")
            .desc("hashing (default) or vocab")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("dim")
            .hasArg()
            .argName("N")
            .desc("hashing: the dimension, e.g. 1048576 or 2^20 (default 2^20)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("max-vocab")
            .hasArg()
            .argName("N")
            .desc("vocab: keep the N most frequent terms (default 100000; ties by term)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("min-df")
            .hasArg()
            .argName("N")
            .desc("vocab: drop terms in fewer than N documents (default 2)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("max-df")
            .hasArg()
            .argName("F")
            .desc("vocab: drop terms in more than this fraction of documents (default 0.5)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("ngrams")
            .hasArg()
            .argName("MIN-MAX")
            .desc("word n-grams, e.g. 1 or 1-2 (default 1)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("stopwords")
            .hasArg()
            .argName("LIST")
            .desc("en (Lucene's English list), none (default), or a FILE of words, one a line")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("stem")
            .hasArg()
            .argName("STEMMER")
            .desc("porter or none (default)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("tf")
            .hasArg()
            .argName("TF")
            .desc("raw (default), log or binary")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("idf")
            .hasArg()
            .argName("IDF")
            .desc("smooth (default) or none")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("norm")
            .hasArg()
            .argName("NORM")
            .desc("l2 (default) or none")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("fit-on")
            .hasArg()
            .argName("SPLIT")
            .desc(
                "fit the vocabulary, document frequencies and idf on train (default: the documents sheaf shard will "
                    + "put in the train split, by --split and --seed) or all documents")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("split")
            .hasArg()
            .argName("T/V/T")
            .desc(
                "with --fit-on train: the split shard will use (default 80/10/10; shard refuses another)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("seed")
            .hasArg()
            .argName("S")
            .desc("with --fit-on train: shard's split seed (default 42)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("labels")
            .hasArg()
            .argName("FILE")
            .desc(
                "the label names, one a line, in index order (default: the sorted labels of the input)")
            .build());
    return options;
  }

  static VectorizeOptions parse(CommandLine line) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.AVRO);
    String features =
        oneOf(
            line,
            "features",
            VectorizerSpec.HASHING,
            List.of(VectorizerSpec.HASHING, VectorizerSpec.VOCAB));
    boolean hashing = features.equals(VectorizerSpec.HASHING);
    for (String vocabOnly : new String[] {"max-vocab", "min-df", "max-df"}) {
      if (hashing && line.hasOption(vocabOnly)) {
        throw new UsageException("--" + vocabOnly + " applies with --features vocab only");
      }
    }
    if (!hashing && line.hasOption("dim")) {
      throw new UsageException(
          "--dim applies with --features hashing only (vocab's dimension is its size)");
    }
    int dim = line.hasOption("dim") ? parseDim(line.getOptionValue("dim")) : DEFAULT_DIM;
    int[] ngrams = parseNgrams(line.getOptionValue("ngrams", "1"));
    String stopwordsValue = line.getOptionValue("stopwords", "none");
    Path stopwordsFile = null;
    String stopwords = stopwordsValue;
    if (!stopwordsValue.equals("en") && !stopwordsValue.equals("none")) {
      stopwordsFile = new Path(stopwordsValue);
      stopwords = "file";
    }
    double maxDf = DEFAULT_MAX_DF;
    if (line.hasOption("max-df")) {
      maxDf = OptionValues.nonNegative("--max-df", line.getOptionValue("max-df"));
      if (maxDf <= 0 || maxDf > 1) {
        throw new UsageException(
            "--max-df must be in (0, 1] (got " + line.getOptionValue("max-df") + ")");
      }
    }
    VectorizerSpec spec =
        new VectorizerSpec(
            features,
            dim,
            ngrams[0],
            ngrams[1],
            stopwords,
            oneOf(line, "stem", "none", List.of("none", "porter")),
            oneOf(line, "tf", "raw", List.of("raw", "log", "binary")),
            oneOf(line, "idf", "smooth", List.of("smooth", "none")),
            oneOf(line, "norm", "l2", List.of("l2", "none")),
            HASH_SEED,
            0);
    boolean fitOnTrain = oneOf(line, "fit-on", "train", List.of("train", "all")).equals("train");
    if (!fitOnTrain && (line.hasOption("split") || line.hasOption("seed"))) {
      throw new UsageException("--split and --seed go with --fit-on train");
    }
    SplitRule fitSplit =
        fitOnTrain
            ? SplitRule.parse(line.getOptionValue("split"), line.getOptionValue("seed"))
            : null;
    return new VectorizeOptions(
        input,
        new Path(line.getOptionValue("output")),
        line.hasOption("overwrite"),
        spec,
        OptionValues.positiveInt(line, "max-vocab", DEFAULT_MAX_VOCAB),
        OptionValues.positiveInt(line, "min-df", DEFAULT_MIN_DF),
        maxDf,
        stopwordsFile,
        line.hasOption("labels") ? new Path(line.getOptionValue("labels")) : null,
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
          "--dim must be a number from 1 to 2^30, like 1048576 or 2^20 (got '" + value + "')");
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
        "--ngrams takes N or MIN-MAX with 1 <= MIN <= MAX <= 5, like 1-2 (got '" + value + "')");
  }

  private static String oneOf(
      CommandLine line, String option, String defaultValue, List<String> allowed) {
    String value = line.getOptionValue(option, defaultValue).trim();
    if (!allowed.contains(value)) {
      throw new UsageException(
          "--" + option + " must be " + String.join(" or ", allowed) + " (got '" + value + "')");
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
