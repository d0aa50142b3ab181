package dev.sheaf.shard;

import dev.sheaf.common.StageCounters;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The counting passes' map, counting in memory and emitting the sums when the task ends: with
 * --stratify first the u-bucket histogram of each label ({@code S<label>\t<bucket>}); then, the
 * splits known, each split's order-bucket histogram ({@code O<split>\t<bucket>}) and label
 * histogram ({@code Y<split>\t<label>}).
 */
public class ShardCountMapper extends Mapper<RawExample, NullWritable, Text, LongWritable> {
  static final String STRATIFY_PASS = "sheaf.shard.stratify-pass";

  private ShardPlan plan;
  private boolean stratifyPass;
  private final Map<Integer, long[]> labelBuckets = new HashMap<>();
  private final long[][] orderCounts = new long[ShardKeys.SPLITS.length][ShardKeys.ORDER_BUCKETS];
  private final Map<String, long[]> splitLabels = new TreeMap<>();
  private Counter recordsIn;

  @Override
  protected void setup(Context context) throws IOException {
    plan =
        ShardPlan.read(
            context.getConfiguration(), new Path(context.getConfiguration().get(ShardJob.PLAN)));
    stratifyPass = context.getConfiguration().getBoolean(STRATIFY_PASS, false);
    recordsIn = context.getCounter(StageCounters.RECORDS_IN);
  }

  @Override
  protected void map(RawExample example, NullWritable value, Context context) {
    long[] hash = ShardKeys.hash(example.bytes, example.idOffset, example.idLength, plan.seed);
    if (stratifyPass) {
      labelBuckets
          .computeIfAbsent(example.label, label -> new long[ShardKeys.STRATIFY_BUCKETS])[
          ShardKeys.stratifyBucket(hash[0])]++;
      return;
    }
    recordsIn.increment(1);
    int split = plan.split(example.label, hash[0]);
    orderCounts[split][ShardKeys.orderBucket(hash[1])]++;
    splitLabels.computeIfAbsent(split + "\t" + example.label, k -> new long[1])[0]++;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    Text key = new Text();
    LongWritable count = new LongWritable();
    for (Map.Entry<Integer, long[]> label : labelBuckets.entrySet()) {
      emitNonZero('S', label.getKey(), label.getValue(), key, count, context);
    }
    for (int s = 0; s < orderCounts.length; s++) {
      emitNonZero('O', s, orderCounts[s], key, count, context);
    }
    for (Map.Entry<String, long[]> label : splitLabels.entrySet()) {
      key.set("Y" + label.getKey());
      count.set(label.getValue()[0]);
      context.write(key, count);
    }
  }

  private static void emitNonZero(
      char kind, int group, long[] counts, Text key, LongWritable count, Context context)
      throws IOException, InterruptedException {
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] != 0) {
        key.set(kind + Integer.toString(group) + "\t" + b);
        count.set(counts[b]);
        context.write(key, count);
      }
    }
  }
}
