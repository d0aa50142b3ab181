package dev.sheaf.testing;

import dev.sheaf.common.StageJobs;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Test-only fault injection (a {@link StageJobs.JobDecorator} that only this test jar provides):
 * with {@link #ENABLED} set, map task 0 and reduce task 0 of every job (but uber jobs, which Hadoop
 * never retries) run their real work and then fail on their first attempt, after writing their
 * output, so the framework must throw that attempt's output away and run the task again. The
 * cluster ITs turn it on, with speculative execution, and still require output identical to an
 * embedded run's.
 */
public final class FailFirstAttempts implements StageJobs.JobDecorator {
  public static final String ENABLED = "sheaf.test.fail-first-attempts";
  static final String MAPPER = "sheaf.test.original.mapper";
  static final String REDUCER = "sheaf.test.original.reducer";

  @Override
  public void decorate(Job job) throws IOException {
    Configuration conf = job.getConfiguration();
    // an uber job runs its tasks in the AM and retries none of them: a failure would end the job
    if (!conf.getBoolean(ENABLED, false)
        || conf.getBoolean("mapreduce.job.ubertask.enable", false)) {
      return;
    }
    try {
      conf.setClass(MAPPER, job.getMapperClass(), Mapper.class);
      job.setMapperClass(FailingMapper.class);
      if (job.getNumReduceTasks() > 0) {
        conf.setClass(REDUCER, job.getReducerClass(), Reducer.class);
        job.setReducerClass(FailingReducer.class);
      }
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }

  static void failTheFirstAttemptOfTaskZero(TaskAttemptID attempt) throws IOException {
    if (attempt.getId() == 0 && attempt.getTaskID().getId() == 0) {
      throw new IOException("injected failure of " + attempt + " after its work (test)");
    }
  }

  /** Runs the job's own mapper, then fails if this is task 0's first attempt. */
  public static final class FailingMapper extends Mapper<Object, Object, Object, Object> {
    @Override
    @SuppressWarnings("unchecked")
    public void run(Context context) throws IOException, InterruptedException {
      Mapper<Object, Object, Object, Object> real =
          ReflectionUtils.newInstance(
              context.getConfiguration().getClass(MAPPER, Mapper.class, Mapper.class),
              context.getConfiguration());
      real.run(context);
      failTheFirstAttemptOfTaskZero(context.getTaskAttemptID());
    }
  }

  /** Runs the job's own reducer, then fails if this is task 0's first attempt. */
  public static final class FailingReducer extends Reducer<Object, Object, Object, Object> {
    @Override
    @SuppressWarnings("unchecked")
    public void run(Context context) throws IOException, InterruptedException {
      Reducer<Object, Object, Object, Object> real =
          ReflectionUtils.newInstance(
              context.getConfiguration().getClass(REDUCER, Reducer.class, Reducer.class),
              context.getConfiguration());
      real.run(context);
      failTheFirstAttemptOfTaskZero(context.getTaskAttemptID());
    }
  }
}
