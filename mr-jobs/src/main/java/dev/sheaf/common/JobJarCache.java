package dev.sheaf.common;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the job jar to a YARN cluster once instead of with every job. Hadoop's {@code
 * JobResourceUploader} copies a local job jar (181 MB for the CPU trainer, about 660 MB with CUDA)
 * into each job's staging directory, so a 30-epoch training uploads it 30 times and more; a job jar
 * already on a cluster file system it leaves where it is. So before a job is submitted to YARN the
 * local jar is copied once to {@value #DEFAULT_DIR} under the user's home directory on the default
 * file system (or {@link #DIR}), named by its SHA-256, and the job points at that copy: later jobs
 * of the run, and later runs of the same jar, upload nothing but their configuration and splits.
 * When every directory above the copy is world-executable and the copy world-readable (the rule of
 * YARN's public cache), the jar is marked public, so each node downloads it once, not once a job.
 *
 * <p>Nothing changes in embedded runs (local file system or runner) or when the jar is already
 * remote. A copy appears atomically (written under a temporary name, then renamed, the temporary
 * file removed if the upload fails), so runs that start together can share the directory. Each
 * rebuild of a jar is new content and a new copy: after an upload the directory keeps the {@value
 * #KEPT_COPIES} newest copies of that jar's name and deletes older ones (a run still using one of
 * those fails when its next job cannot localise it; run different builds from different {@link
 * #DIR}s). Set {@link #DIR} to the empty string for Hadoop's own behaviour.
 */
public final class JobJarCache {
  /**
   * The directory of shipped jars on the default file system, relative to the user's home directory
   * unless absolute; empty: upload the jar with every job.
   */
  public static final String DIR = "sheaf.job-jar.cache-dir";

  public static final String DEFAULT_DIR = ".sheaf/jars";

  /** Copies of one jar name (builds of it) the directory keeps, the newest. */
  static final int KEPT_COPIES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(JobJarCache.class);

  /**
   * Jars this JVM shipped or found: local path, length and time -> the copy (hashing 600 MB takes a
   * second).
   */
  private static final Map<String, Path> SHIPPED = new HashMap<>();

  private JobJarCache() {}

  /**
   * Points {@code job} at the cluster copy of its local job jar, uploading the jar first if no copy
   * of the same content is there yet. Does nothing unless the job runs on YARN, has a local job jar
   * and the default file system is not the local one.
   *
   * @throws IOException when the jar cannot be read, or the copy cannot be written or renamed
   */
  public static synchronized void use(Job job) throws IOException {
    Configuration conf = job.getConfiguration();
    String jar = conf.get(MRJobConfig.JAR);
    String dir = conf.getTrimmed(DIR, DEFAULT_DIR);
    if (jar == null
        || dir.isEmpty()
        || !MRConfig.YARN_FRAMEWORK_NAME.equals(conf.get(MRConfig.FRAMEWORK_NAME))) {
      return;
    }
    URI uri = new Path(jar).toUri();
    FileSystem fs = FileSystem.get(conf);
    if ((uri.getScheme() != null && !uri.getScheme().equals("file"))
        || fs.getUri().getScheme().equals("file")) {
      return;
    }
    File local = new File(uri.getPath());
    Path cacheDir = fs.makeQualified(new Path(fs.getHomeDirectory(), dir));
    String key =
        local.getAbsolutePath()
            + ':'
            + local.length()
            + ':'
            + local.lastModified()
            + " -> "
            + cacheDir;
    Path copy = SHIPPED.get(key);
    // removed since (a cleaned home directory, another build's pruning): ship it again
    if (copy == null || !fs.exists(copy)) {
      copy = ship(fs, local, cacheDir);
      SHIPPED.put(key, copy);
    }
    job.setJar(copy.toString());
    conf.setBoolean(MRJobConfig.JOBJAR_VISIBILITY, isPublic(fs, copy));
  }

  /** The copy of {@code local} in {@code cacheDir}: found by content, or uploaded now. */
  private static Path ship(FileSystem fs, File local, Path cacheDir) throws IOException {
    Path copy = new Path(cacheDir, sha256(local) + "-" + local.getName());
    if (fs.exists(copy) && fs.getFileStatus(copy).getLen() == local.length()) {
      LOG.info("job jar: {} is already on the cluster as {}", local.getName(), copy);
      return copy;
    }
    long start = System.nanoTime();
    Path temporary = new Path(cacheDir, "." + copy.getName() + "." + UUID.randomUUID() + ".tmp");
    fs.mkdirs(cacheDir);
    try {
      fs.copyFromLocalFile(false, true, new Path(local.toURI()), temporary);
      // false: another run put the same content there first
      if (!fs.rename(temporary, copy)
          && (!fs.exists(copy) || fs.getFileStatus(copy).getLen() != local.length())) {
        throw new IOException("could not rename " + temporary + " to " + copy);
      }
    } finally {
      fs.delete(temporary, false);
    }
    pruneOlderCopies(fs, cacheDir, local.getName(), copy);
    LOG.info(
        String.format(
            Locale.ROOT,
            "job jar: uploaded %s once to %s (%,d bytes, %.1f s)",
            local.getName(),
            copy,
            local.length(),
            (System.nanoTime() - start) / 1e9));
    return copy;
  }

  /**
   * Deletes the copies of {@code jarName} (other builds) beyond the {@value #KEPT_COPIES} newest,
   * never {@code keep}.
   */
  private static void pruneOlderCopies(FileSystem fs, Path cacheDir, String jarName, Path keep)
      throws IOException {
    FileStatus[] copies =
        fs.listStatus(
            cacheDir,
            path -> path.getName().endsWith("-" + jarName) && !path.getName().startsWith("."));
    Arrays.sort(
        copies,
        Comparator.comparingLong(FileStatus::getModificationTime)
            .thenComparing(FileStatus::getPath)
            .reversed());
    for (int i = KEPT_COPIES; i < copies.length; i++) {
      if (!copies[i].getPath().getName().equals(keep.getName())) {
        fs.delete(copies[i].getPath(), false);
        LOG.info("job jar: removed an older copy, {}", copies[i].getPath());
      }
    }
  }

  /**
   * YARN's public-cache rule (as {@code ClientDistributedCacheManager.isPublic}): the file readable
   * by others, and every directory above it executable by others.
   */
  static boolean isPublic(FileSystem fs, Path file) throws IOException {
    FileStatus status = fs.getFileStatus(file);
    if (!status.getPermission().getOtherAction().implies(FsAction.READ)) {
      return false;
    }
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      if (!fs.getFileStatus(dir).getPermission().getOtherAction().implies(FsAction.EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  /** The file's SHA-256 as 64 lowercase hex digits. */
  static String sha256(File file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file.toPath())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
