package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

class SheafConfigurationTest {
  @Test
  void embeddedModePollsQuicklyAndUsesEveryCoreEvenAfterMapredDefaultsAreLoaded() {
    new JobConf(); // loads mapred-default.xml, whose 5 s poll interval must not win
    Configuration conf = Sheaf.configuration();
    assertEquals(Sheaf.EMBEDDED_POLL_INTERVAL_MS, conf.getInt("mapreduce.client.completion.pollinterval", -1));
    assertEquals(Runtime.getRuntime().availableProcessors(), conf.getInt("mapreduce.local.map.tasks.maximum", -1));
    assertEquals(Runtime.getRuntime().availableProcessors(), conf.getInt("mapreduce.job.reduces", -1));
  }
}
