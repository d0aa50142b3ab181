package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

/**
 * What an epoch job's tasks get in their environment for ND4J, and what model.json records of it.
 */
class BlasEnvironmentTest {
  private static final Map<String, String> CLIENT =
      Map.of(
          "OPENBLAS_CORETYPE",
          "Haswell",
          "OPENBLAS_L2_SIZE",
          "512",
          "PATH",
          "/usr/bin",
          "OMP_NUM_THREADS",
          "16");

  /** Hadoop's defaults (mapred-default.xml lists mapred.child.env, empty) and a cluster. */
  private static Configuration clusterJob() {
    Configuration conf = new JobConf();
    conf.set("mapreduce.framework.name", "yarn");
    return conf;
  }

  @Test
  void tasksGetTheClientsKernelSettingsAndTheirOwnVcores() {
    Configuration conf = clusterJob();
    conf.setInt("mapreduce.map.cpu.vcores", 4);
    BlasEnvironment.apply(conf, CLIENT);
    assertEquals(
        "OMP_NUM_THREADS=4,OPENBLAS_NUM_THREADS=4,OPENBLAS_CORETYPE=Haswell,OPENBLAS_L2_SIZE=512",
        conf.get("mapreduce.map.env"));
    assertEquals(
        "OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1,OPENBLAS_CORETYPE=Haswell,OPENBLAS_L2_SIZE=512",
        conf.get("mapreduce.reduce.env"),
        "the client's PATH and thread count stay home");
    assertEquals(
        Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512"),
        BlasEnvironment.mapTaskKernel(clusterJob(), CLIENT));
  }

  @Test
  void onlyTheVariablesTheClientHasArePassed() {
    Configuration conf = clusterJob();
    BlasEnvironment.apply(conf, Map.of("OPENBLAS_CORETYPE", "Zen", "OPENBLAS_L2_SIZE", " "));
    assertEquals(
        "OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1,OPENBLAS_CORETYPE=Zen",
        conf.get("mapreduce.map.env"));
    assertEquals(Map.of(), BlasEnvironment.mapTaskKernel(clusterJob(), Map.of()));
    Configuration commas = clusterJob();
    BlasEnvironment.apply(commas, Map.of("OPENBLAS_CORETYPE", "Zen,OMP_NUM_THREADS=64"));
    assertEquals(
        "OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1",
        commas.get("mapreduce.map.env"),
        "a value the comma-separated list cannot carry is not passed");
  }

  @Test
  void theUsersOwnValueWinsAndTheirOtherEntriesStay() {
    Configuration conf = clusterJob();
    conf.set("mapreduce.map.env", "OPENBLAS_CORETYPE=Sandybridge,MY_VAR=a=OPENBLAS_L2_SIZE");
    conf.set("mapreduce.reduce.env.OPENBLAS_L2_SIZE", "256");
    BlasEnvironment.apply(conf, CLIENT);
    assertEquals(
        "OPENBLAS_CORETYPE=Sandybridge,MY_VAR=a=OPENBLAS_L2_SIZE,OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1,"
            + "OPENBLAS_L2_SIZE=512",
        conf.get("mapreduce.map.env"),
        "a name inside a value names nothing");
    assertEquals(
        "OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1,OPENBLAS_CORETYPE=Haswell",
        conf.get("mapreduce.reduce.env"));
    assertEquals("256", conf.get("mapreduce.reduce.env.OPENBLAS_L2_SIZE"));

    Configuration user = clusterJob();
    user.set("mapreduce.map.env", "OPENBLAS_CORETYPE=Sandybridge");
    assertEquals(
        Map.of("OPENBLAS_CORETYPE", "Sandybridge", "OPENBLAS_L2_SIZE", "512"),
        BlasEnvironment.mapTaskKernel(user, CLIENT));
    assertEquals(
        "OPENBLAS_CORETYPE=Sandybridge",
        user.get("mapreduce.map.env"),
        "mapTaskKernel changes nothing");
  }

  @Test
  void theClustersAdminEnvironmentAndTheOldChildEnvCountAsTheUsers() {
    Configuration conf = clusterJob();
    conf.set("mapreduce.admin.user.env", "LD_LIBRARY_PATH=/opt/native,OPENBLAS_CORETYPE=SkylakeX");
    conf.set("mapred.child.env", "MY_VAR=1,OPENBLAS_L2_SIZE=1024");
    BlasEnvironment.apply(conf, CLIENT);
    assertEquals(
        "MY_VAR=1,OPENBLAS_L2_SIZE=1024,OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1",
        conf.get("mapreduce.map.env"),
        "mapred.child.env, which a task reads where mapreduce.map.env is unset, kept");
    assertEquals(
        Map.of("OPENBLAS_CORETYPE", "SkylakeX", "OPENBLAS_L2_SIZE", "1024"),
        BlasEnvironment.mapTaskKernel(conf, CLIENT));
  }

  @Test
  void threadsAreAddedPerVariableTheUserDidNotName() {
    Configuration conf = clusterJob();
    conf.setInt("mapreduce.map.cpu.vcores", 2);
    conf.set("mapreduce.map.env", "OMP_NUM_THREADS=8");
    conf.set("mapreduce.reduce.env", "MY_VAR=1,OPENBLAS_NUM_THREADS=3");
    BlasEnvironment.apply(conf, Map.of());
    assertEquals("OMP_NUM_THREADS=8,OPENBLAS_NUM_THREADS=2", conf.get("mapreduce.map.env"));
    assertEquals(
        "MY_VAR=1,OPENBLAS_NUM_THREADS=3,OMP_NUM_THREADS=1", conf.get("mapreduce.reduce.env"));

    Configuration named = clusterJob();
    named.set("mapreduce.map.env", "OMP_NUM_THREADS=8,OPENBLAS_NUM_THREADS=8");
    BlasEnvironment.apply(named, Map.of());
    assertEquals(
        "OMP_NUM_THREADS=8,OPENBLAS_NUM_THREADS=8",
        named.get("mapreduce.map.env"),
        "nothing to add");
  }

  @Test
  void theKeyOffLeavesTheKernelToEachNode() {
    Configuration conf = clusterJob();
    conf.setBoolean(BlasEnvironment.INHERIT, false);
    BlasEnvironment.apply(conf, CLIENT);
    assertEquals("OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1", conf.get("mapreduce.map.env"));
    assertEquals("OMP_NUM_THREADS=1,OPENBLAS_NUM_THREADS=1", conf.get("mapreduce.reduce.env"));
    Configuration off = clusterJob();
    off.setBoolean(BlasEnvironment.INHERIT, false);
    assertEquals(Map.of(), BlasEnvironment.mapTaskKernel(off, CLIENT));
  }

  @Test
  void embeddedTasksRunOnTheClientsOwnSettings() {
    Configuration conf = new JobConf();
    conf.set("mapreduce.framework.name", "local");
    conf.setBoolean(BlasEnvironment.INHERIT, false);
    conf.set("mapreduce.map.env", "OPENBLAS_CORETYPE=Sandybridge");
    assertEquals(
        Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512"),
        BlasEnvironment.mapTaskKernel(conf, CLIENT),
        "LocalJobRunner's tasks share the client JVM's environment");
  }
}
