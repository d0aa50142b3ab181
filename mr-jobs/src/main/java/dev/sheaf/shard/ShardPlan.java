package dev.sheaf.shard;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the shard tasks share: the seed, shards per split, how u maps to a split (fractions, or
 * per-label bucket cuts with --stratify), and, once counted, how many examples of each split fall
 * in each order bucket. From those counts every example's exact rank in its split's shuffled order
 * is known, and so its shard: shard k of a split holds ranks [T k / N, T (k + 1) / N).
 */
final class ShardPlan {
  private static final int MAGIC = 0x53484431;
  final int seed;
  final int shards;
  final double[] cumulative;

  /** label -> the u buckets where valid and test begin; empty without --stratify. */
  final Map<Integer, int[]> stratifyCuts;

  /** [split][order bucket] -> examples; null before the counting pass. */
  long[][] orderCounts;

  private long[][] starts;

  ShardPlan(int seed, int shards, double[] cumulative, Map<Integer, int[]> stratifyCuts) {
    this.seed = seed;
    this.shards = shards;
    this.cumulative = cumulative;
    this.stratifyCuts = stratifyCuts;
  }

  /** The split of an example. */
  int split(int label, long splitHash) {
    int[] cuts = stratifyCuts.get(label);
    if (cuts == null) {
      return ShardKeys.split(ShardKeys.unit(splitHash), cumulative);
    }
    int bucket = ShardKeys.stratifyBucket(splitHash);
    return bucket < cuts[0] ? 0 : bucket < cuts[1] ? 1 : 2;
  }

  long total(int split) {
    return start(split, ShardKeys.ORDER_BUCKETS);
  }

  /** The rank of the first example of {@code bucket} in its split's order. */
  long start(int split, int bucket) {
    if (starts == null) {
      starts = new long[orderCounts.length][];
      for (int s = 0; s < orderCounts.length; s++) {
        starts[s] = new long[ShardKeys.ORDER_BUCKETS + 1];
        for (int b = 0; b < ShardKeys.ORDER_BUCKETS; b++) {
          starts[s][b + 1] = starts[s][b] + orderCounts[s][b];
        }
      }
    }
    return starts[split][bucket];
  }

  /**
   * Per label, the bucket cuts that put the fractions of its examples closest to the wanted ones
   * into train, valid and test (ties: the smaller cut).
   */
  static Map<Integer, int[]> stratifyCuts(Map<Integer, long[]> histograms, double[] cumulative) {
    Map<Integer, int[]> cuts = new TreeMap<>();
    histograms.forEach(
        (label, histogram) -> {
          long n = 0;
          for (long count : histogram) {
            n += count;
          }
          int[] labelCuts = new int[cumulative.length];
          for (int j = 0; j < cumulative.length; j++) {
            double target = cumulative[j] * n;
            long prefix = 0;
            int best = 0;
            double bestError = Math.abs(target);
            for (int c = 1; c <= histogram.length; c++) {
              prefix += histogram[c - 1];
              double error = Math.abs(prefix - target);
              if (error < bestError) {
                bestError = error;
                best = c;
              }
            }
            labelCuts[j] = best;
          }
          cuts.put(label, labelCuts);
        });
    return cuts;
  }

  void write(Configuration conf, Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(
            new java.io.BufferedOutputStream(
                file.getFileSystem(conf).create(file, true), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(seed);
      out.writeInt(shards);
      out.writeDouble(cumulative[0]);
      out.writeDouble(cumulative[1]);
      out.writeInt(stratifyCuts.size());
      for (Map.Entry<Integer, int[]> cut : stratifyCuts.entrySet()) {
        out.writeInt(cut.getKey());
        out.writeInt(cut.getValue()[0]);
        out.writeInt(cut.getValue()[1]);
      }
      out.writeBoolean(orderCounts != null);
      if (orderCounts != null) {
        for (long[] split : orderCounts) {
          for (long count : split) {
            out.writeLong(count);
          }
        }
      }
    }
  }

  static ShardPlan read(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(fs.open(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a shard plan");
      }
      int seed = in.readInt();
      int shards = in.readInt();
      double[] cumulative = {in.readDouble(), in.readDouble()};
      Map<Integer, int[]> cuts = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        cuts.put(in.readInt(), new int[] {in.readInt(), in.readInt()});
      }
      ShardPlan plan = new ShardPlan(seed, shards, cumulative, cuts);
      if (in.readBoolean()) {
        plan.orderCounts = new long[ShardKeys.SPLITS.length][ShardKeys.ORDER_BUCKETS];
        for (long[] split : plan.orderCounts) {
          for (int b = 0; b < split.length; b++) {
            split[b] = in.readLong();
          }
        }
      }
      return plan;
    }
  }
}
