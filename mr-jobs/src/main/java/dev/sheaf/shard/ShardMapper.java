package dev.sheaf.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The shard job's map: keys each example's encoded bytes by (global shard, order hash, id), so each
 * reducer gets one shard's examples in shuffled order, never decoded. The mapper knows its
 * example's order bucket, and from the plan the ranks that bucket spans; a bucket that straddles a
 * shard boundary goes to both shards, and each reducer keeps the ranks that are its own.
 */
public class ShardMapper extends Mapper<RawExample, NullWritable, BytesWritable, BytesWritable> {
  private ShardPlan plan;
  private final BytesWritable key = new BytesWritable();
  private final BytesWritable value = new BytesWritable();
  private ByteBuffer buffer = ByteBuffer.allocate(256);

  @Override
  protected void setup(Context context) throws IOException {
    plan =
        ShardPlan.read(
            context.getConfiguration(), new Path(context.getConfiguration().get(ShardJob.PLAN)));
  }

  @Override
  protected void map(RawExample example, NullWritable nothing, Context context)
      throws IOException, InterruptedException {
    long[] hash = ShardKeys.hash(example.bytes, example.idOffset, example.idLength, plan.seed);
    int split = plan.split(example.label, hash[0]);
    int bucket = ShardKeys.orderBucket(hash[1]);
    long total = plan.total(split);
    long first = plan.start(split, bucket);
    long last = plan.start(split, bucket + 1) - 1;
    value.set(example.bytes, example.offset, example.length);
    for (int k = ShardKeys.shardOf(total, plan.shards, first);
        k <= ShardKeys.shardOf(total, plan.shards, last);
        k++) {
      if (buffer.capacity() < 12 + example.idLength) {
        buffer = ByteBuffer.allocate(2 * (12 + example.idLength));
      }
      buffer.clear();
      buffer
          .putInt(split * plan.shards + k)
          .putLong(hash[1])
          .put(example.bytes, example.idOffset, example.idLength);
      key.set(buffer.array(), 0, buffer.position());
      context.write(key, value);
    }
  }

  /** By the global shard in the key's first four bytes ({@link ShardReducer#reducerOf}). */
  public static class ShardPartitioner extends Partitioner<BytesWritable, BytesWritable>
      implements Configurable {
    private Configuration conf;
    private int shards;

    @Override
    public void setConf(Configuration conf) {
      this.conf = conf;
      this.shards = conf.getInt(ShardJob.TOTAL_SHARDS, 1);
    }

    @Override
    public Configuration getConf() {
      return conf;
    }

    @Override
    public int getPartition(BytesWritable key, BytesWritable value, int partitions) {
      return ShardReducer.reducerOf(
          ByteBuffer.wrap(key.getBytes(), 0, 4).getInt(), shards, partitions);
    }
  }
}
