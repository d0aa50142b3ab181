package dev.sheaf.pipeline;

import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The pipeline's lock on its work directory, {@code <work>/_pipeline.lock}, so two pipelines never
 * run on one work directory (the second refuses at once). The lock file lives inside the work
 * directory, so every spelling of the path ({@code W}, {@code W/}, a link to it) takes the same
 * lock. On the local file system it is an operating-system lock ({@code fcntl}, through
 * {@link FileChannel#tryLock()}) on a file opened without following links: a killed pipeline
 * releases it with its process. On other file systems (HDFS) the file is created only if it does
 * not exist, which the NameNode guarantees to one client at a time, and removed on {@link #close()};
 * one left by a killed pipeline is named in the refusal, to be removed by hand.
 */
final class WorkLock implements AutoCloseable {
  static final String FILE_NAME = "_pipeline.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final FileSystem fs;
  private final Path file;

  private WorkLock(FileChannel channel, FileLock lock, FileSystem fs, Path file) {
    this.channel = channel;
    this.lock = lock;
    this.fs = fs;
    this.file = file;
  }

  /**
   * Takes the lock without waiting.
   *
   * @param work the qualified work directory (created if missing)
   * @throws UsageException when another pipeline holds it
   */
  static WorkLock take(Configuration conf, Path work) throws IOException {
    FileSystem fs = work.getFileSystem(conf);
    fs.mkdirs(work);
    Path file = new Path(work, FILE_NAME);
    if ("file".equals(work.toUri().getScheme())) {
      FileChannel channel = FileChannel.open(Paths.get(file.toUri().getPath()), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by another pipeline in this JVM
      }
      if (lock == null) {
        channel.close();
        throw held(work, file);
      }
      return new WorkLock(channel, lock, null, null);
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(("pipeline started " + java.time.Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      throw held(work, file);
    }
    return new WorkLock(null, null, fs, file);
  }

  private static UsageException held(Path work, Path file) {
    return new UsageException("--work " + work + " is in use by another pipeline (lock " + file
        + "); wait for it to end, or remove the lock if no pipeline runs");
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
      channel.close();
    } else {
      fs.delete(file, false);
    }
  }
}
