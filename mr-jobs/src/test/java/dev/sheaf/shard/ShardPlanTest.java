package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardPlanTest {
  @TempDir Path dir;

  @Test
  void shardRangesCoverEveryRankOnceAndDifferByAtMostOne() {
    for (long total = 0; total <= 40; total++) {
      for (int shards = 1; shards <= 7; shards++) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int k = 0; k < shards; k++) {
          long size =
              ShardKeys.shardStart(total, shards, k + 1) - ShardKeys.shardStart(total, shards, k);
          min = Math.min(min, size);
          max = Math.max(max, size);
          for (long rank = ShardKeys.shardStart(total, shards, k);
              rank < ShardKeys.shardStart(total, shards, k + 1);
              rank++) {
            assertEquals(k, ShardKeys.shardOf(total, shards, rank));
          }
        }
        assertEquals(total, ShardKeys.shardStart(total, shards, shards));
        assertTrue(max - min <= 1, total + " over " + shards);
      }
    }
  }

  @Test
  void splitsFollowTheFractionsAndDependOnTheIdAndSeedOnly() {
    double[] cumulative = {0.8, 0.9};
    int[] counts = new int[3];
    for (int i = 0; i < 100_000; i++) {
      counts[ShardKeys.split(ShardKeys.unit(ShardKeys.hash("doc-" + i, 42)[0]), cumulative)]++;
    }
    assertEquals(80_000, counts[0], 600);
    assertEquals(10_000, counts[1], 400);
    assertEquals(10_000, counts[2], 400);
    assertArrayEquals(ShardKeys.hash("doc-7", 42), ShardKeys.hash("doc-7", 42));
    assertTrue(ShardKeys.hash("doc-7", 42)[0] != ShardKeys.hash("doc-7", 43)[0]);
  }

  @Test
  void stratifyCutsPutEachLabelsWantedShareInEverySplit() {
    long[] histogram = new long[ShardKeys.STRATIFY_BUCKETS];
    for (int b = 0; b < histogram.length; b += 41) {
      histogram[b] = 1; // 100 examples spread over the buckets
    }
    int[] cuts = ShardPlan.stratifyCuts(Map.of(3, histogram), new double[] {0.8, 0.9}).get(3);
    long train = 0;
    long valid = 0;
    for (int b = 0; b < histogram.length; b++) {
      train += b < cuts[0] ? histogram[b] : 0;
      valid += b >= cuts[0] && b < cuts[1] ? histogram[b] : 0;
    }
    assertEquals(80, train);
    assertEquals(10, valid);
  }

  @Test
  void planRoundTripsAndRanksFollowTheBucketCounts() throws Exception {
    ShardPlan plan = new ShardPlan(7, 3, new double[] {0.5, 0.75}, Map.of(1, new int[] {10, 20}));
    plan.orderCounts = new long[3][ShardKeys.ORDER_BUCKETS];
    plan.orderCounts[0][5] = 4;
    plan.orderCounts[0][9] = 6;
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("plan.bin").toUri());
    plan.write(new Configuration(), file);
    ShardPlan read = ShardPlan.read(new Configuration(), file);
    assertEquals(7, read.seed);
    assertEquals(3, read.shards);
    assertArrayEquals(new int[] {10, 20}, read.stratifyCuts.get(1));
    assertEquals(10, read.total(0));
    assertEquals(0, read.start(0, 5));
    assertEquals(4, read.start(0, 9));
    assertEquals(10, read.start(0, 10));
    assertEquals(
        1,
        read.split(1, 15L << (64 - ShardKeys.STRATIFY_BITS)),
        "a stratified label uses its own cuts");
  }
}
