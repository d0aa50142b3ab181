package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageJobsTest {
  @TempDir
  Path dir;

  @Test
  void anOutputWhoseRecordsDoNotAddUpLosesItsSuccessMarker() throws Exception {
    Files.writeString(dir.resolve("_SUCCESS"), "");
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.toUri());
    assertThrows(StageFailedException.class, () -> StageJobs.checkConservation(new Configuration(), output,
        new Conservation("dedupe", 5).add("kept", 4)));
    assertFalse(Files.exists(dir.resolve("_SUCCESS")));
  }

  @Test
  void anOutputThatAddsUpKeepsItsSuccessMarker() throws Exception {
    Files.writeString(dir.resolve("_SUCCESS"), "");
    StageJobs.checkConservation(new Configuration(), new org.apache.hadoop.fs.Path(dir.toUri()),
        new Conservation("dedupe", 5).add("kept", 4).add("rejected", 1));
    assertTrue(Files.exists(dir.resolve("_SUCCESS")));
  }
}
