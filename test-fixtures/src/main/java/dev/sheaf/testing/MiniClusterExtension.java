package dev.sheaf.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real HDFS (MiniDFSCluster) and a real YARN with the MapReduce framework
 * (MiniMRYarnCluster) once per test class, and stops them after it. Register it as a static field:
 *
 * <pre>
 * {@code @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();}
 * </pre>
 *
 * then give jobs {@link #configuration()}. Start-up takes about 10 s, shutdown about 15 s. Jobs on
 * it run with task failures injected and speculative execution on (see {@link #configuration}).
 */
public final class MiniClusterExtension implements BeforeAllCallback, AfterAllCallback {
  /**
   * The switch of the test-only fault injection (dev.sheaf.testing.FailFirstAttempts in the mr-jobs
   * test jar).
   */
  public static final String FAIL_FIRST_ATTEMPTS = "sheaf.test.fail-first-attempts";

  private MiniDFSCluster dfs;
  private MiniMRClientCluster yarn;
  private Configuration configuration;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    File base = Files.createTempDirectory("sheaf-minicluster-").toFile();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base, "dfs").getAbsolutePath());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    dfs.waitActive();
    Configuration yarnConf = new Configuration(dfs.getConfiguration(0));
    yarnConf.set(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, "false");
    // small containers: the CI machine has 2 cores
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
    yarnConf.setInt(YarnConfiguration.NM_VCORES, 4);
    yarnConf.setInt("yarn.app.mapreduce.am.resource.mb", 768);
    yarnConf.setInt("mapreduce.map.memory.mb", 768);
    yarnConf.setInt("mapreduce.reduce.memory.mb", 768);
    // a task's JVM lives seconds: the C1 compiler alone and one GC thread leave the 2 cores to the
    // work (Java's float arithmetic is the same under any JIT tier, so the outputs are too)
    String opts = "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    yarnConf.set("mapreduce.map.java.opts", opts);
    yarnConf.set("mapreduce.reduce.java.opts", opts);
    yarnConf.set("yarn.app.mapreduce.am.command-opts", opts);
    yarnConf.setInt("mapreduce.client.completion.pollinterval", 200);
    // containers are granted on heartbeats (the AM's to the RM, the NM's to the RM), 1 s apart by
    // default: a job with retried attempts waits for several in a row
    yarnConf.setInt("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", 100);
    yarnConf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
    yarn = MiniMRClientClusterFactory.create(context.getRequiredTestClass(), 1, yarnConf);
    configuration = new Configuration(yarn.getConfig());
    // every job on this cluster loses task 0's first map and reduce attempt after their work
    // (FailFirstAttempts, in sheaf-mr-jobs' test jar) and may run speculative attempts: the ITs'
    // outputs must still equal the embedded runs'
    configuration.setBoolean(FAIL_FIRST_ATTEMPTS, true);
    configuration.setBoolean("mapreduce.map.speculative", true);
    configuration.setBoolean("mapreduce.reduce.speculative", true);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  /** A configuration pointing at the mini HDFS and YARN; jobs run on YARN, paths are on HDFS. */
  public Configuration configuration() {
    return new Configuration(configuration);
  }

  /**
   * For each finished job on this cluster whose name starts with {@code namePrefix} (as "sheaf
   * clean"): its failed map attempts, failed reduce attempts, reduce tasks and uber maps, read back
   * from the job's counters; how an IT proves the injected failures really happened.
   */
  public java.util.List<long[]> attemptFailures(String namePrefix)
      throws IOException, InterruptedException {
    java.util.List<long[]> jobs = new java.util.ArrayList<>();
    Cluster cluster = new Cluster(configuration);
    try {
      for (JobStatus status : cluster.getAllJobStatuses()) {
        if (!status.getJobName().startsWith(namePrefix)
            || status.getState() != JobStatus.State.SUCCEEDED) {
          continue;
        }
        Counters counters = cluster.getJob(status.getJobID()).getCounters();
        jobs.add(
            new long[] {
              counters.findCounter(JobCounter.NUM_FAILED_MAPS).getValue(),
              counters.findCounter(JobCounter.NUM_FAILED_REDUCES).getValue(),
              counters.findCounter(JobCounter.TOTAL_LAUNCHED_REDUCES).getValue(),
              counters.findCounter(JobCounter.NUM_UBER_SUBMAPS).getValue()
            });
      }
    } finally {
      cluster.close();
    }
    return jobs;
  }

  /**
   * Fails unless every finished job named {@code namePrefix}... that ran outside uber mode (where
   * Hadoop retries nothing) lost a map attempt, and a reduce attempt if it had reduces; at least
   * one such job must have run.
   */
  public void assertEveryJobSurvivedInjectedFailures(String namePrefix)
      throws IOException, InterruptedException {
    java.util.List<long[]> jobs = attemptFailures(namePrefix);
    jobs.removeIf(job -> job[3] > 0);
    if (jobs.isEmpty()) {
      throw new AssertionError(
          "no finished job named '" + namePrefix + "...' ran on the cluster outside uber mode");
    }
    for (long[] job : jobs) {
      if (job[0] < 1 || (job[2] > 0 && job[1] < 1)) {
        throw new AssertionError(
            "a '"
                + namePrefix
                + "' job did not lose its injected attempts: failed maps "
                + job[0]
                + ", failed reduces "
                + job[1]
                + " of "
                + job[2]
                + " launched");
      }
    }
  }

  public FileSystem fileSystem() throws IOException {
    return dfs.getFileSystem();
  }
}
