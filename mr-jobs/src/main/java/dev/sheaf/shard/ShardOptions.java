package dev.sheaf.shard;

import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.OutputOption;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
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
  static final int DEFAULT_SEED = SplitRule.DEFAULT_SEED;
  static final List<String> CODECS = List.of("snappy", "deflate", "zstandard", "null");

  /** The options of {@code sheaf shard}, built from its settings. */
  static Options options() {
    List<StageOption> settings = new ArrayList<>();
    settings.add(ShardOption.INPUT);
    settings.addAll(
        StagePaths.outputSettings("train/, valid/, test/, _vectorizer/, _MANIFEST.json", false));
    for (ShardOption option : ShardOption.values()) {
      if (option != ShardOption.INPUT) {
        settings.add(option);
      }
    }
    settings.addAll(List.of(JobOption.values()));
    return StageOption.toOptions(settings);
  }

  static ShardOptions parse(CommandLine line) {
    if (!ShardOption.INPUT.isSet(line) || !OutputOption.OUTPUT.isSet(line)) {
      throw new UsageException(
          "shard needs "
              + ShardOption.INPUT.flag()
              + " and "
              + OutputOption.OUTPUT.flag()
              + " (or "
              + ShardOption.VERIFY.flag()
              + " DIR)");
    }
    SplitRule split = SplitRule.parse(ShardOption.SPLIT.value(line), ShardOption.SEED.value(line));
    String codec = ShardOption.CODEC.value(line, ShardJob.DEFAULT_CODEC);
    if (!CODECS.contains(codec)) {
      throw new UsageException(
          ShardOption.CODEC.flag()
              + " must be snappy, deflate, zstandard or null (got '"
              + codec
              + "')");
    }
    return new ShardOptions(
        List.of(new Path(ShardOption.INPUT.value(line))),
        new Path(OutputOption.OUTPUT.value(line)),
        OutputOption.OVERWRITE.isSet(line),
        OptionValues.positiveInt(line, ShardOption.SHARDS, DEFAULT_SHARDS),
        split.percents(),
        split.seed(),
        ShardOption.STRATIFY.isSet(line),
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
        ShardOption.SPLIT.flag()
            + " takes three percentages that add up to 100, like 80/10/10 (got '"
            + value
            + "')");
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
