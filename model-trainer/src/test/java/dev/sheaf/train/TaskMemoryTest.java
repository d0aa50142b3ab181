package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.UsageException;
import dev.sheaf.model.Arch;
import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.OptimizerKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

/** How an epoch job sizes its containers. */
class TaskMemoryTest {
  private static EpochSettings settings(int dim, int labels, SyncMode sync, int slices) {
    return new EpochSettings(
        ModelSpec.linear(labels == 2 ? Arch.LOGREG : Arch.SOFTMAX, dim, labels),
        sync,
        OptimizerKind.ADAM,
        0.01,
        0,
        32,
        1,
        1,
        0,
        slices,
        4096,
        "/previous");
  }

  @Test
  void aWideSoftmaxGetsContainersItsModelFitsIn() {
    Configuration conf = new JobConf();
    EpochSettings wide = settings(1 << 20, 43, SyncMode.AVERAGE, 2);
    TaskMemory.apply(conf, wide);
    // 45M parameters: loaded with Adam's two state arrays (12 bytes each) plus the working copy
    // (16)
    long heapMb = conf.getLong("mapreduce.map.memory.mb", 0) * 10 / 13;
    assertTrue(heapMb >= (45_088_812L * 28 >> 20), "map heap " + heapMb + " MiB");
    assertTrue(
        conf.get("mapreduce.map.java.opts").startsWith("-Xmx"),
        conf.get("mapreduce.map.java.opts"));
    assertTrue(conf.getLong("mapreduce.reduce.memory.mb", 0) > 1024);
  }

  @Test
  void smallModelsKeepTheDefaultsAndUserSettingsWin() {
    Configuration conf = new JobConf();
    TaskMemory.apply(conf, settings(1 << 18, 2, SyncMode.GRADIENT, 2));
    assertEquals(-1, conf.getLong("mapreduce.map.memory.mb", 0), "Hadoop's default left alone");
    assertTrue(
        conf.get("mapreduce.map.java.opts", "").isEmpty(), conf.get("mapreduce.map.java.opts"));

    Configuration user = new JobConf();
    user.setLong("mapreduce.map.memory.mb", 3000);
    TaskMemory.apply(user, settings(1 << 20, 43, SyncMode.AVERAGE, 2));
    assertEquals(3000, user.getLong("mapreduce.map.memory.mb", 0));
    assertTrue(
        user.getLong("mapreduce.reduce.memory.mb", 0) > 1024,
        "the reducers, not set by the user, still grow");
  }

  @Test
  void aModelTooWideForATaskIsRefusedInOneLineNamingDimAndLabels() {
    UsageException wide =
        assertThrows(
            UsageException.class,
            () -> TaskMemory.checkArraySize(ModelSpec.linear(Arch.SOFTMAX, 1 << 20, 4096)));
    assertTrue(
        wide.getMessage().contains("4,294,971,392 parameters (--dim 1048576 x 4096 labels)"),
        wide.getMessage());
    TaskMemory.checkArraySize(ModelSpec.linear(Arch.SOFTMAX, 1 << 20, 43));

    // embedded: the tasks run in this JVM, whose heap the test runner sets (-Xmx3g)
    Configuration conf = new JobConf();
    UsageException heap =
        assertThrows(
            UsageException.class,
            () -> TaskMemory.apply(conf, settings(1 << 24, 100, SyncMode.AVERAGE, 2)));
    assertTrue(
        heap.getMessage().contains("--dim 16777216 x 100 labels")
            && heap.getMessage().contains("this JVM"),
        heap.getMessage());
    Configuration cluster = new JobConf();
    cluster.set("mapreduce.framework.name", "yarn");
    cluster.setLong("yarn.scheduler.maximum-allocation-mb", 1024);
    UsageException yarn =
        assertThrows(
            UsageException.class,
            () -> TaskMemory.apply(cluster, settings(1 << 20, 43, SyncMode.AVERAGE, 2)));
    assertTrue(yarn.getMessage().contains("YARN's largest container"), yarn.getMessage());
  }
}
