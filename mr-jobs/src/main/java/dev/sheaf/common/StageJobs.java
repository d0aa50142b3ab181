package dev.sheaf.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.avro.Schema;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.avro.specific.SpecificData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Job setup and submission that every stage shares, in one place. */
public final class StageJobs {
  private static final Logger LOG = LoggerFactory.getLogger(StageJobs.class);

  /**
   * The codec of every stage's intermediate and document/example outputs (shard has its own
   * option).
   */
  public static final String AVRO_CODEC = "snappy";

  private StageJobs() {}

  /**
   * A job for {@code stage} reading {@code input} with its Sheaf input format: recursive input
   * listing, the stage name for rejects and the rejects output.
   */
  public static Job newJob(
      Configuration conf, String stage, InputOptions input, java.util.List<Path> inputs)
      throws IOException {
    Job job = baseJob(conf, stage);
    Configuration jobConf = job.getConfiguration();
    jobConf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    input.applyTo(jobConf, inputs);
    job.setInputFormatClass(input.format().inputFormat());
    for (Path path : inputs) {
      FileInputFormat.addInputPath(job, path);
    }
    RejectWriter.declare(job);
    AvroMultipleOutputs.setCountersEnabled(job, false);
    return job;
  }

  /**
   * A job named {@code sheaf <stage>} with Avro's specific data model for every Avro key, value,
   * input and output: our records are generated classes, and avro-mapred's default, reflection,
   * spends most of a record's time looking up its encoding. The task class path keeps Hadoop's
   * order (its jars, then the job jar): the job jar carries the libraries Hadoop also ships renamed
   * (the parent pom's shade relocations), so neither copy can shadow the other.
   */
  public static Job baseJob(Configuration conf, String stage) throws IOException {
    Job job = Job.getInstance(conf, "sheaf " + stage);
    job.setJarByClass(StageJobs.class);
    AvroJob.setDataModelClass(job, SpecificData.class);
    job.getConfiguration().set(DocumentMapper.STAGE, stage);
    return job;
  }

  /** Avro container files of {@code schema} as the job's output, compressed. */
  public static void avroOutput(Job job, Schema schema) {
    job.setOutputFormatClass(AvroKeyOutputFormat.class);
    AvroJob.setOutputKeySchema(job, schema);
    compressAvroOutputs(job);
  }

  /** Snappy for every Avro file the job writes: fast to write and read back, splittable. */
  public static void compressAvroOutputs(Job job) {
    FileOutputFormat.setCompressOutput(job, true);
    job.getConfiguration().set(AvroJob.CONF_OUTPUT_CODEC, AVRO_CODEC);
  }

  /**
   * A step every job passes through just before it is submitted, found with {@link ServiceLoader}.
   * Sheaf's own jars provide none; the reliability tests' jar provides one that makes tasks fail on
   * their first attempt, so no setting alone can change what a production job does.
   */
  public interface JobDecorator {
    void decorate(Job job) throws IOException;
  }

  private static final List<JobDecorator> DECORATORS = new ArrayList<>();

  static {
    ServiceLoader.load(JobDecorator.class, StageJobs.class.getClassLoader())
        .forEach(DECORATORS::add);
  }

  /** Runs the job to the end; a failed or killed job is a {@link StageFailedException}. */
  public static void run(Job job) throws IOException, InterruptedException {
    for (JobDecorator decorator : DECORATORS) {
      decorator.decorate(job);
    }
    JobJarCache.use(job);
    boolean ok;
    long start = System.nanoTime();
    try {
      submit(job);
      ok = job.waitForCompletion(false);
    } catch (ClassNotFoundException e) {
      throw new StageFailedException(
          "job '" + job.getJobName() + "': class not found: " + e.getMessage());
    }
    if (!ok) {
      throw new StageFailedException(
          "job '"
              + job.getJobName()
              + "' failed: "
              + failureReason(job)
              + " (run with --verbose for the task logs)");
    }
    LOG.info(
        "job '{}' ({}) done in {} ms",
        job.getJobName(),
        job.getJobID(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Submits the job and logs what the submission wrote to the staging file system (the job jar
   * unless {@link JobJarCache} shipped it before, the configuration, the splits), in bytes.
   */
  private static void submit(Job job)
      throws IOException, InterruptedException, ClassNotFoundException {
    FileSystem staging = FileSystem.get(job.getConfiguration());
    long before = bytesWritten(staging);
    job.submit();
    LOG.info(
        "job '{}' ({}): {} bytes uploaded to {} at submission",
        job.getJobName(),
        job.getJobID(),
        bytesWritten(staging) - before,
        staging.getUri());
  }

  /** What this JVM wrote to {@code fs}'s scheme so far, in bytes. */
  private static long bytesWritten(FileSystem fs) {
    // the global statistics name each file system's by its scheme; "bytesWritten" is their key for
    // it
    StorageStatistics statistics =
        FileSystem.getGlobalStorageStatistics().get(fs.getUri().getScheme());
    Long bytes = statistics == null ? null : statistics.getLong("bytesWritten");
    return bytes == null ? 0 : bytes;
  }

  /** The first failed task's first diagnostic line (what broke), else the job's failure info. */
  private static String failureReason(Job job) throws IOException, InterruptedException {
    for (TaskCompletionEvent event : job.getTaskCompletionEvents(0, 100)) {
      if (event.getStatus() == TaskCompletionEvent.Status.FAILED) {
        for (String diagnostic : job.getTaskDiagnostics(event.getTaskAttemptId())) {
          if (diagnostic != null && !diagnostic.isBlank()) {
            return diagnostic.strip().lines().findFirst().orElse("");
          }
        }
      }
    }
    if (LocalJobFailures.lastFailure() != null) {
      return LocalJobFailures.lastFailure().strip().lines().findFirst().orElse("");
    }
    String info = job.getStatus() == null ? null : job.getStatus().getFailureInfo();
    return info == null || info.isBlank()
        ? "unknown reason"
        : info.strip().lines().findFirst().orElse("");
  }
}
