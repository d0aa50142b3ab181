package dev.sheaf.shard;

import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** The parsed, validated options of {@code sheaf shard}. */
record ShardOptions(
    List<Path> inputs,
    Path output,
    boolean overwrite,
    int shards,
    int[] percents,
    int seed,
    boolean stratify,
    String codec) {
  static final int DEFAULT_SHARDS = 8;
  static final int DEFAULT_SEED = 42;
  static final List<String> CODECS = List.of("snappy", "deflate", "zstandard", "null");

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("input")
            .hasArg()
            .argName("DIR")
            .desc("the output of sheaf vectorize (Example records and _vectorizer/)")
            .build());
    StagePaths.addOutputOptions(
        options, "train/, valid/, test/, _vectorizer/, _MANIFEST.json", false);
    options.addOption(
        Option.builder()
            .longOpt("shards")
            .hasArg()
            .argName("N")
            .desc(
                "shards per split (default "
                    + DEFAULT_SHARDS
                    + "); within a split sizes differ by at most one")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("split")
            .hasArg()
            .argName("T/V/T")
            .desc("train/valid/test percentages (default 80/10/10)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("seed")
            .hasArg()
            .argName("S")
            .desc("seed of the split and the shuffle (default " + DEFAULT_SEED + ")")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("stratify")
            .desc("keep each label's proportions in every split (split boundaries per label)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("codec")
            .hasArg()
            .argName("CODEC")
            .desc(
                "snappy (default: the trainer decodes it 5x faster than deflate), deflate (smaller), zstandard or null")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("verify")
            .hasArg()
            .argName("DIR")
            .desc("check the shards of DIR against its manifest (counts, bytes, SHA-256) instead")
            .build());
    return options;
  }

  static ShardOptions parse(CommandLine line) {
    if (!line.hasOption("input") || !line.hasOption("output")) {
      throw new UsageException("shard needs --input and --output (or --verify DIR)");
    }
    SplitRule split = SplitRule.parse(line.getOptionValue("split"), line.getOptionValue("seed"));
    String codec = line.getOptionValue("codec", ShardJob.DEFAULT_CODEC);
    if (!CODECS.contains(codec)) {
      throw new UsageException(
          "--codec must be snappy, deflate, zstandard or null (got '" + codec + "')");
    }
    return new ShardOptions(
        List.of(new Path(line.getOptionValue("input"))),
        new Path(line.getOptionValue("output")),
        line.hasOption("overwrite"),
        OptionValues.positiveInt(line, "shards", DEFAULT_SHARDS),
        split.percents(),
        split.seed(),
        line.hasOption("stratify"),
        codec);
  }

  /** Three whole percentages that add up to 100, e.g. 80/10/10 or 90/10/0. */
  static int[] parseSplit(String value) {
    String[] parts = value.trim().split("/");
    if (parts.length == 3) {
      try {
        int[] percents = new int[3];
        int sum = 0;
        for (int i = 0; i < 3; i++) {
          percents[i] = Integer.parseInt(parts[i].trim());
          sum += percents[i];
          if (percents[i] < 0) {
            sum = -1;
            break;
          }
        }
        if (sum == 100) {
          return percents;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new UsageException(
        "--split takes three percentages that add up to 100, like 80/10/10 (got '" + value + "')");
  }

  /** The split rule of {@code --split} and {@code --seed}. */
  SplitRule splitRule() {
    return new SplitRule(percents, seed);
  }

  double[] cumulative() {
    return splitRule().cumulative();
  }

  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("shards", shards);
    parameters.put("split", percents[0] + "/" + percents[1] + "/" + percents[2]);
    parameters.put("seed", seed);
    parameters.put("stratify", stratify);
    parameters.put("codec", codec);
    return parameters;
  }
}
