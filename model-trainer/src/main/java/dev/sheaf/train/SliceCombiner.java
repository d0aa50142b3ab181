package dev.sheaf.train;

import java.io.IOException;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Adds up the updates one map task wrote for the same slice (same key) before the shuffle. The
 * mapper already sums its whole split in memory and writes one update a slice, so this merges only
 * where a task wrote several (a spill, a future mapper that flushes early); it keeps the key, so
 * the reducer's summing order stays the task order.
 */
public class SliceCombiner extends Reducer<SliceKey, SliceUpdate, SliceKey, SliceUpdate> {
  @Override
  protected void reduce(SliceKey key, Iterable<SliceUpdate> updates, Context context)
      throws IOException, InterruptedException {
    SliceUpdate sum = null;
    for (SliceUpdate update : updates) {
      if (sum == null) {
        sum = update.copy();
      } else {
        sum.add(update);
      }
    }
    context.write(key, sum);
  }
}
