package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

class SheafConfigurationTest {
  @Test
  void embeddedModePollsQuicklyAndUsesEveryCoreEvenAfterMapredDefaultsAreLoaded() {
    new JobConf(); // loads mapred-default.xml, whose 5 s poll interval must not win
    Configuration conf = Sheaf.configuration();
    assertEquals(
        Sheaf.EMBEDDED_POLL_INTERVAL_MS,
        conf.getInt("mapreduce.client.completion.pollinterval", -1));
    assertEquals(
        Runtime.getRuntime().availableProcessors(),
        conf.getInt("mapreduce.local.map.tasks.maximum", -1));
    assertEquals(
        Runtime.getRuntime().availableProcessors(), conf.getInt("mapreduce.job.reduces", -1));
    // the reducers together keep at most half the heap of map outputs in memory
    assertEquals(
        0.5f,
        conf.getFloat(Sheaf.REDUCE_INPUT_BUFFER_PERCENT, 0f)
            * conf.getInt("mapreduce.job.reduces", 0),
        1e-6f);
  }

  /**
   * Hadoop sets file modes itself (022 by default): the process umask must reach it, a configured
   * one win.
   */
  @Test
  void hadoopCreatesFilesWithTheProcessUmaskUnlessAConfigurationSetsOne() throws Exception {
    Path probe = Files.createTempDirectory("umask-probe");
    try {
      Path created = Files.createDirectory(probe.resolve("d"));
      int mode = toMode(Files.getPosixFilePermissions(created));
      assertEquals(
          String.format("%03o", ~mode & 0777),
          Sheaf.configuration().get("fs.permissions.umask-mode"));
      Files.delete(created);
    } finally {
      Files.delete(probe);
    }
    Configuration configured = new Configuration();
    configured.set("fs.permissions.umask-mode", "027");
    Sheaf.applyProcessUmask(configured);
    assertEquals("027", configured.get("fs.permissions.umask-mode"));
  }

  private static int toMode(java.util.Set<PosixFilePermission> permissions) {
    String text = PosixFilePermissions.toString(permissions);
    int mode = 0;
    for (int i = 0; i < 9; i++) {
      mode = mode << 1 | (text.charAt(i) == '-' ? 0 : 1);
    }
    return mode;
  }
}
