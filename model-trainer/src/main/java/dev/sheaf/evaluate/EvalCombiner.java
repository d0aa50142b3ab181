package dev.sheaf.evaluate;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/** Sums the counts under one key: a task's examples that share a score travel as one record. */
public class EvalCombiner extends Reducer<LongWritable, EvalCounts, LongWritable, EvalCounts> {
  @Override
  protected void reduce(LongWritable key, Iterable<EvalCounts> values, Context context)
      throws IOException, InterruptedException {
    EvalCounts sum = new EvalCounts();
    for (EvalCounts value : values) {
      sum.add(value);
    }
    context.write(key, sum);
  }
}
