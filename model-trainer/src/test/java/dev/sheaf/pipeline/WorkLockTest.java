package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two pipelines never run on one work directory, however it is spelled. */
class WorkLockTest {
  @TempDir Path dir;

  private static org.apache.hadoop.fs.Path qualified(String path) throws Exception {
    return FileSystem.getLocal(new Configuration())
        .makeQualified(new org.apache.hadoop.fs.Path(path));
  }

  @Test
  void aSecondPipelineOnTheSameWorkDirectoryRefusesUntilTheFirstEnds() throws Exception {
    Configuration conf = new Configuration();
    Path work = dir.resolve("work");
    Path link = dir.resolve("link");
    try (WorkLock first = WorkLock.take(conf, qualified(work.toString()))) {
      Files.createSymbolicLink(link, work);
      for (String spelling :
          new String[] {work.toString(), work + "/", link.toString(), work + "/../work"}) {
        UsageException e =
            assertThrows(
                UsageException.class, () -> WorkLock.take(conf, qualified(spelling)), spelling);
        assertTrue(e.getMessage().contains("in use by another pipeline"), e.getMessage());
      }
    }
    WorkLock.take(conf, qualified(work.toString())).close();
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsNotFollowed() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path victim = Files.writeString(dir.resolve("victim"), "keep me");
    Files.createSymbolicLink(work.resolve(WorkLock.FILE_NAME), victim);
    assertThrows(
        java.io.IOException.class,
        () -> WorkLock.take(new Configuration(), qualified(work.toString())));
    assertTrue(Files.readString(victim).equals("keep me"));
  }

  /**
   * On a shared file system (HDFS; here the same protocol on the local one): a live holder's
   * heartbeat makes a second pipeline refuse; a holder that stopped beating (a killed client) is
   * taken over, so a resume after a kill needs no hand work.
   */
  @Test
  void onASharedFileSystemALiveHolderIsRefusedAndADeadOneTakenOver() throws Exception {
    long heartbeat = WorkLock.heartbeatMillis;
    WorkLock.heartbeatMillis = 100;
    try {
      Configuration conf = new Configuration();
      org.apache.hadoop.fs.Path work = qualified(dir.resolve("shared").toString());
      WorkLock first = WorkLock.take(conf, work, false);
      UsageException e = assertThrows(UsageException.class, () -> WorkLock.take(conf, work, false));
      assertTrue(e.getMessage().contains("in use by another pipeline"), e.getMessage());
      first.abandon();
      WorkLock second = WorkLock.take(conf, work, false);
      assertThrows(
          UsageException.class, () -> WorkLock.take(conf, work, false), "the new holder beats");
      second.close();
      WorkLock.take(conf, work, false).close();
    } finally {
      WorkLock.heartbeatMillis = heartbeat;
    }
  }
}
