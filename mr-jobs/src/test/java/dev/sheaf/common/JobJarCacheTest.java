package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobJarCache} on a real HDFS: what a job is pointed at, and what is uploaded when. */
class JobJarCacheTest {
  private static MiniDFSCluster dfs;
  private static FileSystem fs;

  @TempDir static Path local;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    dfs.waitActive();
    fs = dfs.getFileSystem();
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  @BeforeEach
  void emptyHome() throws IOException {
    fs.delete(fs.getHomeDirectory(), true);
    fs.mkdirs(fs.getHomeDirectory(), new FsPermission((short) 0755));
  }

  @Test
  void aLocalJarIsUploadedOnceAndEveryJobUsesTheCopy() throws Exception {
    File jar = jar("sheaf-job.jar", 3 << 20, 1);
    long before = bytesWritten();
    Job first = yarnJob(jar);
    JobJarCache.use(first);
    long uploaded = bytesWritten() - before;
    org.apache.hadoop.fs.Path copy = new org.apache.hadoop.fs.Path(first.getJar());
    assertEquals("hdfs", copy.toUri().getScheme(), first.getJar());
    assertEquals(
        fs.makeQualified(
            new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), JobJarCache.DEFAULT_DIR)),
        copy.getParent());
    assertEquals(sha256(jar) + "-sheaf-job.jar", copy.getName());
    assertArrayEquals(Files.readAllBytes(jar.toPath()), read(copy));
    assertEquals(jar.length(), uploaded);

    // the next jobs of the run, and a run in another JVM (the cache of this one cleared by a new
    // modification time), upload nothing and use the same copy
    for (int i = 0; i < 3; i++) {
      assertTrue(jar.setLastModified(jar.lastModified() + 1000));
      before = bytesWritten();
      Job next = yarnJob(jar);
      JobJarCache.use(next);
      assertEquals(0, bytesWritten() - before);
      assertEquals(first.getJar(), next.getJar());
    }
    assertEquals(1, fs.listStatus(copy.getParent()).length, "no temporary file is left");
  }

  @Test
  void anotherJarGetsItsOwnCopy() throws Exception {
    File one = jar("a.jar", 1 << 20, 2);
    File other = jar("b.jar", 1 << 20, 3);
    Job first = yarnJob(one);
    Job second = yarnJob(other);
    JobJarCache.use(first);
    JobJarCache.use(second);
    assertNotEquals(first.getJar(), second.getJar());
    assertArrayEquals(
        Files.readAllBytes(other.toPath()), read(new org.apache.hadoop.fs.Path(second.getJar())));
  }

  @Test
  void theJarIsPublicOnlyWhereYarnsPublicCacheWouldTakeIt() throws Exception {
    File jar = jar("public.jar", 1 << 16, 4);
    Job open = yarnJob(jar);
    JobJarCache.use(open);
    assertTrue(
        open.getConfiguration().getBoolean(MRJobConfig.JOBJAR_VISIBILITY, false),
        "home 755, copy 644");

    fs.setPermission(fs.getHomeDirectory(), new FsPermission((short) 0700));
    Job closed = yarnJob(jar);
    JobJarCache.use(closed);
    assertFalse(
        closed.getConfiguration().getBoolean(MRJobConfig.JOBJAR_VISIBILITY, true), "home 700");
    assertEquals(open.getJar(), closed.getJar());
  }

  @Test
  void embeddedRunsAndTheEmptySettingKeepHadoopsOwnUpload() throws Exception {
    File jar = jar("kept.jar", 1 << 16, 5);
    String localJar = new org.apache.hadoop.fs.Path(jar.toURI()).toString();

    Job off = yarnJob(jar);
    off.getConfiguration().set(JobJarCache.DIR, "");
    JobJarCache.use(off);
    assertEquals(localJar, off.getJar());

    Job localRunner = yarnJob(jar);
    localRunner.getConfiguration().set(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME);
    JobJarCache.use(localRunner);
    assertEquals(localJar, localRunner.getJar());

    Job localFs = yarnJob(jar);
    localFs.getConfiguration().set("fs.defaultFS", "file:///");
    JobJarCache.use(localFs);
    assertEquals(localJar, localFs.getJar());

    assertFalse(
        fs.exists(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), JobJarCache.DEFAULT_DIR)));
  }

  @Test
  void anAbsoluteDirectoryIsUsedAsGiven() throws Exception {
    File jar = jar("absolute.jar", 1 << 16, 6);
    Job job = yarnJob(jar);
    job.getConfiguration().set(JobJarCache.DIR, "/apps/sheaf/jars");
    JobJarCache.use(job);
    assertEquals(
        "/apps/sheaf/jars",
        new org.apache.hadoop.fs.Path(job.getJar()).getParent().toUri().getPath());
    FileStatus[] copies = fs.listStatus(new org.apache.hadoop.fs.Path("/apps/sheaf/jars"));
    assertEquals(1, copies.length);
    assertEquals(jar.length(), copies[0].getLen());
  }

  @Test
  void rebuildsKeepTheNewestCopiesOfAJarAndADeletedCopyIsShippedAgain() throws Exception {
    org.apache.hadoop.fs.Path dir =
        new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), JobJarCache.DEFAULT_DIR);
    String last = null;
    for (int build = 0; build < 5; build++) {
      // the same jar name, new content each build (as a rebuild's new entry times give)
      Job job = yarnJob(jar("sheaf-rebuilt.jar", 1 << 16, 100 + build));
      JobJarCache.use(job);
      last = job.getJar();
      FileStatus[] copies = fs.listStatus(dir);
      assertEquals(
          Math.min(build + 1, JobJarCache.KEPT_COPIES), copies.length, "after build " + build);
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(last)));
    }
    // a copy removed behind the JVM's back (a cleaned home directory) is uploaded again
    fs.delete(new org.apache.hadoop.fs.Path(last), false);
    File same = jar("sheaf-rebuilt.jar", 1 << 16, 104);
    long before = bytesWritten();
    Job again = yarnJob(same);
    JobJarCache.use(again);
    assertEquals(same.length(), bytesWritten() - before);
    assertEquals(last, again.getJar());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(last)));
  }

  @Test
  void aFailedUploadLeavesNoPartialCopy() throws Exception {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/quota/jars");
    fs.mkdirs(dir);
    // a space quota below the jar's size: the upload fails part way
    ((DistributedFileSystem) fs).setQuota(dir, HdfsConstants.QUOTA_DONT_SET, 256 << 10);
    Job job = yarnJob(jar("big.jar", 2 << 20, 9));
    job.getConfiguration().set(JobJarCache.DIR, dir.toString());
    assertThrows(IOException.class, () -> JobJarCache.use(job));
    assertEquals(0, fs.listStatus(dir).length, "no copy and no temporary file");
  }

  private static Job yarnJob(File jar) throws IOException {
    Configuration conf = new Configuration(fs.getConf());
    conf.set(MRConfig.FRAMEWORK_NAME, MRConfig.YARN_FRAMEWORK_NAME);
    Job job = Job.getInstance(conf);
    job.setJar(new org.apache.hadoop.fs.Path(jar.toURI()).toString());
    return job;
  }

  /** A jar-sized file of random bytes ({@code seed} picks them). */
  private static File jar(String name, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Path file = local.resolve(seed + "/" + name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes).toFile();
  }

  private static byte[] read(org.apache.hadoop.fs.Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static long bytesWritten() {
    Long bytes = FileSystem.getGlobalStorageStatistics().get("hdfs").getLong("bytesWritten");
    return bytes == null ? 0 : bytes;
  }

  private static String sha256(File file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file.toPath())));
  }
}
