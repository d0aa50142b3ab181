package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline passes one set of split options to vectorize (which fits on train) and shard (which
 * splits).
 */
class PipelineSplitTest {
  private static List<String> vectorize(Map<String, String> settings) {
    return PipelineOptions.stageArguments(settings).get(Stage.VECTORIZE);
  }

  @Test
  void shardsSplitAndSeedReachVectorizeUnlessVectorizeSetsItsOwn() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("shard.split", "70/15/15");
    settings.put("shard.seed", "7");
    assertEquals(List.of("--split", "70/15/15", "--seed", "7"), vectorize(settings));
    settings.put("vectorize.fit-on", "all");
    assertEquals(List.of("--fit-on", "all"), vectorize(settings));
  }

  @Test
  void aStratifiedShardHasItsFeaturesFittedOnEveryDocument() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("shard.stratify", "true");
    assertEquals(List.of("--fit-on", "all"), vectorize(settings));
    assertEquals(List.of(), vectorize(Map.of()), "the defaults agree already");
  }
}
