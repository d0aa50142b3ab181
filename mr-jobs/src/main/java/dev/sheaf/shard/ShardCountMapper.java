package dev.sheaf.shard;

import dev.sheaf.avro.Example;
import dev.sheaf.common.StageCounters;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The counting passes' map, counting in memory and emitting the sums when the task ends: with
 * --stratify first the u-bucket histogram of each label ({@code S<label>\t<bucket>}); then, the
 * splits known, each split's order-bucket histogram ({@code O<split>\t<bucket>}) and label
 * histogram ({@code Y<split>\t<label>}).
 */
public class ShardCountMapper extends Mapper<AvroKey<Example>, NullWritable, Text, LongWritable> {
  static final String STRATIFY_PASS = "sheaf.shard.stratify-pass";

  private ShardPlan plan;
  private boolean stratifyPass;
  private final Map<Integer, long[]> labelBuckets = new HashMap<>();
  private final long[][] orderCounts = new long[ShardKeys.SPLITS.length][ShardKeys.ORDER_BUCKETS];
  private final Map<String, Long> splitLabels = new TreeMap<>();

  @Override
  protected void setup(Context context) throws IOException {
    plan = ShardPlan.read(context.getConfiguration(), new Path(context.getConfiguration().get(ShardJob.PLAN)));
    stratifyPass = context.getConfiguration().getBoolean(STRATIFY_PASS, false);
  }

  @Override
  protected void map(AvroKey<Example> key, NullWritable value, Context context) {
    Example example = key.datum();
    long[] hash = ShardKeys.hash(example.getId(), plan.seed);
    if (stratifyPass) {
      labelBuckets.computeIfAbsent(example.getLabel(), label -> new long[ShardKeys.STRATIFY_BUCKETS])
          [ShardKeys.stratifyBucket(hash[0])]++;
      return;
    }
    context.getCounter(StageCounters.RECORDS_IN).increment(1);
    int split = plan.split(example.getLabel(), hash[0]);
    orderCounts[split][ShardKeys.orderBucket(hash[1])]++;
    splitLabels.merge(split + "\t" + example.getLabel(), 1L, Long::sum);
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
    for (Map.Entry<String, Long> label : splitLabels.entrySet()) {
      key.set("Y" + label.getKey());
      count.set(label.getValue());
      context.write(key, count);
    }
  }

  private static void emitNonZero(char kind, int group, long[] counts, Text key, LongWritable count, Context context)
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
