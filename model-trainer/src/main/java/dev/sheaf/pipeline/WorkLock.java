package dev.sheaf.pipeline;

import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The pipeline's lock on its work directory, {@code <work>/_pipeline.lock}, so two pipelines never
 * run on one work directory. The lock file lives inside the work directory, so every spelling of
 * the path ({@code W}, {@code W/}, a link to it) takes the same lock.
 *
 * <ul>
 *   <li>Local file system: an operating-system lock ({@code fcntl}, through {@link
 *       FileChannel#tryLock()}) on a file opened without following links; a killed pipeline
 *       releases it with its process. A second pipeline refuses at once.
 *   <li>Other file systems (HDFS): the file is created only if absent (one client wins, the
 *       NameNode decides) and its modification time is touched every {@link #heartbeatMillis} while
 *       the pipeline runs. A pipeline that finds the file watches it for three heartbeats: if it is
 *       touched, its holder is alive and this one refuses; if not, the holder died (a killed
 *       client) and the lock is taken over, so {@code --resume} after a kill just works.
 * </ul>
 */
final class WorkLock implements AutoCloseable {
  static final String FILE_NAME = "_pipeline.lock";

  /** How often a holder on a shared file system touches its lock; tests shorten it. */
  static long heartbeatMillis = 2_000;

  private final FileChannel channel;
  private final FileLock lock;
  private final FileSystem fs;
  private final Path file;
  private final ScheduledExecutorService heartbeat;

  private WorkLock(
      FileChannel channel,
      FileLock lock,
      FileSystem fs,
      Path file,
      ScheduledExecutorService heartbeat) {
    this.channel = channel;
    this.lock = lock;
    this.fs = fs;
    this.file = file;
    this.heartbeat = heartbeat;
  }

  /**
   * Takes the lock; on a shared file system this can wait three heartbeats to tell a live holder
   * from a dead one.
   *
   * @param work the qualified work directory (created if missing)
   * @throws UsageException when another pipeline holds it
   */
  static WorkLock take(Configuration conf, Path work) throws IOException, InterruptedException {
    return take(conf, work, "file".equals(work.toUri().getScheme()));
  }

  static WorkLock take(Configuration conf, Path work, boolean osLock)
      throws IOException, InterruptedException {
    FileSystem fs = work.getFileSystem(conf);
    fs.mkdirs(work);
    Path file = new Path(work, FILE_NAME);
    return osLock ? osLock(work, file) : sharedLock(fs, work, file);
  }

  private static WorkLock osLock(Path work, Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(
            Paths.get(file.toUri().getPath()),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another pipeline in this JVM
    }
    if (lock == null) {
      channel.close();
      throw held(work, file);
    }
    return new WorkLock(channel, lock, null, null, null);
  }

  private static WorkLock sharedLock(FileSystem fs, Path work, Path file)
      throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (OutputStream out = fs.create(file, false)) {
        out.write(
            ("pipeline started " + java.time.Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException e) {
        if (holderAlive(fs, file)) {
          throw held(work, file);
        }
        fs.delete(file, false); // its holder stopped touching it: killed
        continue;
      }
      ScheduledExecutorService heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "sheaf-pipeline-lock");
                thread.setDaemon(true);
                return thread;
              });
      heartbeat.scheduleAtFixedRate(
          () -> touch(fs, file), heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
      return new WorkLock(null, null, fs, file, heartbeat);
    }
    throw held(work, file);
  }

  /** Whether the lock file's modification time moves within three heartbeats. */
  private static boolean holderAlive(FileSystem fs, Path file)
      throws IOException, InterruptedException {
    long seen = fs.getFileStatus(file).getModificationTime();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * heartbeatMillis);
    while (System.nanoTime() < deadline) {
      Thread.sleep(Math.max(1, heartbeatMillis / 5));
      if (!fs.exists(file)) {
        return false; // its holder ended: take it
      }
      if (fs.getFileStatus(file).getModificationTime() != seen) {
        return true;
      }
    }
    return false;
  }

  private static void touch(FileSystem fs, Path file) {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException e) {
      // a missed beat; three in a row let another pipeline take over
    }
  }

  private static UsageException held(Path work, Path file) {
    return new UsageException(
        "--work "
            + work
            + " is in use by another pipeline (lock "
            + file
            + "); wait for it to end");
  }

  /** Stops the heartbeat without removing the lock, as a killed pipeline would (tests). */
  void abandon() {
    heartbeat.shutdownNow();
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
      channel.close();
    } else {
      heartbeat.shutdownNow();
      fs.delete(file, false);
    }
  }
}
