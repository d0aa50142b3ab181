package dev.sheaf.evaluate;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The one reducer: the tasks' summaries first (their keys sort first, in a fixed order), then the
 * scores in ascending order, which is what the exact ROC AUC needs; writes the totals as one line
 * of JSON for the driver.
 */
public class EvaluateReducer extends Reducer<LongWritable, EvaluateCounts, NullWritable, Text> {
  private EvaluateCounts summary;
  private final RocAuc auc = new RocAuc();

  @Override
  protected void reduce(LongWritable key, Iterable<EvaluateCounts> values, Context context) {
    EvaluateCounts sum = new EvaluateCounts();
    for (EvaluateCounts value : values) {
      sum.add(value);
    }
    if (key.get() <= EvaluateMapper.SUMMARY) {
      if (summary == null) {
        summary = sum;
      } else {
        summary.add(sum);
      }
    } else {
      auc.add(sum.counts()[0], sum.counts()[1]);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (summary != null) {
      context.write(
          NullWritable.get(),
          new Text(Metrics.totals(summary.counts(), summary.lossSum(), auc.value())));
    }
  }
}
