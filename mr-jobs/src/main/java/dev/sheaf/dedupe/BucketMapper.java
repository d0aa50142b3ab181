package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Near dedupe, bucket job map: a leader's (bucket, rank) entry as a key, members sorted by rank.
 */
public final class BucketMapper extends Mapper<Text, Text, PairKey, NullWritable> {
  private final PairKey key = new PairKey();

  @Override
  protected void map(Text bucket, Text rank, Context context)
      throws IOException, InterruptedException {
    context.write(key.set(bucket, rank), NullWritable.get());
  }
}
