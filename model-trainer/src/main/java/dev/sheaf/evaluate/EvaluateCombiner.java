package dev.sheaf.evaluate;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/** Sums the counts under one key: a task's examples that share a score travel as one record. */
public class EvaluateCombiner
    extends Reducer<LongWritable, EvaluateCounts, LongWritable, EvaluateCounts> {
  @Override
  protected void reduce(LongWritable key, Iterable<EvaluateCounts> values, Context context)
      throws IOException, InterruptedException {
    EvaluateCounts sum = new EvaluateCounts();
    for (EvaluateCounts value : values) {
      sum.add(value);
    }
    context.write(key, sum);
  }
}
