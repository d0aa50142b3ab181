package dev.sheaf.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The split an example falls in without stratification: from the seeded 128-bit MurmurHash3 of its
 * id alone ({@link ShardKeys}), u in [0, 1) against the cumulative split fractions. It is the rule
 * {@code sheaf shard} assigns splits by, shared so that {@code sheaf vectorize} can fit its
 * vocabulary and document frequencies on the training split only, and recorded beside the
 * vectorizer ({@code _vectorizer/split.json}) so that shard can insist on the same split.
 *
 * @param percents train, valid and test percentages, adding up to 100
 * @param seed the split seed ({@code --seed})
 */
public record SplitRule(int[] percents, int seed) {
  /** The record beside the vectorizer's files. */
  public static final String FILE_NAME = "split.json";

  public static final int TRAIN = 0;

  /** Shard's default split: train/valid/test percentages. */
  public static final String DEFAULT_SPLIT = "80/10/10";

  /** Shard's default split seed. */
  public static final int DEFAULT_SEED = 42;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The rule of {@code --split T/V/T --seed S}; the defaults are shard's (80/10/10, 42). */
  public static SplitRule parse(String split, String seed) {
    try {
      return new SplitRule(
          ShardOptions.parseSplit(split == null ? DEFAULT_SPLIT : split),
          seed == null ? DEFAULT_SEED : Integer.parseInt(seed.trim()));
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be an integer (got '" + seed + "')");
    }
  }

  /** 0 (train), 1 (valid) or 2 (test) for an example id. */
  public int split(String id) {
    return ShardKeys.split(ShardKeys.unit(ShardKeys.hash(id, seed)[0]), cumulative());
  }

  double[] cumulative() {
    return new double[] {percents[0] / 100.0, (percents[0] + percents[1]) / 100.0};
  }

  /** {@code 80/10/10}. */
  public String describe() {
    return percents[0] + "/" + percents[1] + "/" + percents[2];
  }

  /** Writes {@code {"fitOn": "train", "split": "80/10/10", "seed": 42}} into {@code dir}. */
  public void writeTo(Configuration conf, Path dir) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("fitOn", "train");
    node.put("split", describe());
    node.put("seed", seed);
    TextFiles.writeLines(conf, new Path(dir, FILE_NAME), List.of(JSON.writeValueAsString(node)));
  }

  /**
   * The rule a vectorizer directory records, or null when its features were fitted on every split.
   */
  public static SplitRule readFrom(Configuration conf, Path dir) throws IOException {
    Path file = new Path(dir, FILE_NAME);
    if (!file.getFileSystem(conf).isFile(file)) {
      return null;
    }
    JsonNode node = JSON.readTree(String.join("\n", TextFiles.readAllLines(conf, file)));
    return parse(node.path("split").asText(), node.path("seed").asText());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SplitRule rule
        && java.util.Arrays.equals(percents, rule.percents)
        && seed == rule.seed;
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(percents) + seed;
  }
}
