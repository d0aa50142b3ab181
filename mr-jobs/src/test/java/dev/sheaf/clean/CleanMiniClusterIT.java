package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Filtered;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import dev.sheaf.testing.MiniClusterExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf clean} on a real HDFS and YARN, every step on (the language detector's profiles and
 * jsoup load in the YARN containers): the records must equal an embedded run's.
 */
class CleanMiniClusterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  /**
   * Every job above ran with task 0's first map and reduce attempts failing after their work (and
   * speculative execution on), and its output still equalled the embedded run's.
   */
  @AfterAll
  static void everyJobLostItsInjectedAttempts() throws Exception {
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf clean");
  }

  @TempDir Path dir;

  @Test
  void cleanOnHdfsAndYarnGivesTheEmbeddedRecords() throws Exception {
    Path local = Fixtures.hostile(dir.resolve("corpus"));
    Files.write(local.resolve("sample.jsonl"), Fixtures.spamassassinLines().subList(0, 120));
    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path("/corpus");
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), input);
    List<String> options =
        List.of(
            "--format",
            "jsonl",
            "--strip-quotes",
            "--keep-filtered",
            "--languages",
            "en",
            "--rule",
            "min-words=20");

    List<String> args =
        new ArrayList<>(
            List.of(
                "clean",
                "-conf",
                clusterXml.toString(),
                "--input",
                input.toString(),
                "--output",
                "/out/clean"));
    args.addAll(options);
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("clean: 142 in -> "), run.out());
    assertTrue(
        run.out().contains(" filtered WORD_COUNT") && run.out().contains(", 12 rejected;"),
        run.out());

    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path("/out/clean"),
        new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    Path embedded = dir.resolve("embedded");
    List<String> localArgs =
        new ArrayList<>(
            List.of("clean", "--input", local.toString(), "--output", embedded.toString()));
    localArgs.addAll(options);
    CliRun embeddedRun = CliRun.of(localArgs.toArray(new String[0]));
    assertEquals(0, embeddedRun.exitCode(), embeddedRun.err());

    assertEquals(sorted(embedded, Document.class), sorted(fromCluster, Document.class));
    assertTrue(
        AvroFiles.read(fromCluster, Document.class).stream()
            .allMatch(document -> "en".equals(document.getMeta().get(TextCleaner.LANGUAGE_KEY))),
        "detected in containers");
    assertEquals(
        sorted(embedded.resolve("_filtered"), Filtered.class),
        sorted(fromCluster.resolve("_filtered"), Filtered.class));
    assertEquals(
        sorted(embedded.resolve("_rejects"), Reject.class),
        sorted(fromCluster.resolve("_rejects"), Reject.class));
  }

  private static List<String> sorted(Path directory, Class<?> type) {
    List<String> records =
        AvroFiles.read(directory, type).stream().map(Object::toString).sorted().toList();
    assertTrue(!records.isEmpty(), "no records in " + directory);
    return records;
  }

  /**
   * On HDFS (local job runner): an output under a directory the user may not write, and an output
   * past the directory's space quota, each fail in one line and leave no _SUCCESS or manifest, the
   * marks a later run (sheaf pipeline --resume, Oozie's decisions) takes for finished.
   */
  @Test
  void anUnwritableOutputAndAFullQuotaFailInOneLineAndLeaveNothingFinished() throws Exception {
    Path input = Fixtures.hostile(dir.resolve("hostile-for-quota"));
    Configuration local = CLUSTER.configuration();
    local.set("mapreduce.framework.name", "local");
    Path xml = dir.resolve("local-on-hdfs.xml");
    try (OutputStream out = Files.newOutputStream(xml)) {
      local.writeXml(out);
    }
    String conf = xml.toString();
    DistributedFileSystem hdfs = (DistributedFileSystem) CLUSTER.fileSystem();
    org.apache.hadoop.fs.Path locked = new org.apache.hadoop.fs.Path("/locked");
    hdfs.mkdirs(locked);
    hdfs.setPermission(locked, new FsPermission((short) 0755));
    UserGroupInformation alice =
        UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
    CliRun denied =
        alice.doAs(
            (PrivilegedExceptionAction<CliRun>)
                () ->
                    CliRun.of(
                        "dedupe",
                        "-conf",
                        conf,
                        "--input",
                        input.toUri().toString(),
                        "--output",
                        "/locked/out"));
    assertNotEquals(0, denied.exitCode());
    assertTrue(denied.errLine().contains("Permission denied"), denied.err());
    assertEquals(1, denied.err().strip().lines().count(), "one line: " + denied.err());
    assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path("/locked/out")));

    org.apache.hadoop.fs.Path quota = new org.apache.hadoop.fs.Path("/quota");
    hdfs.mkdirs(quota);
    hdfs.setQuota(quota, HdfsConstants.QUOTA_DONT_SET, 64 * 1024);
    CliRun full =
        CliRun.of(
            "dedupe", "-conf", conf, "--input", input.toUri().toString(), "--output", "/quota/out");
    assertEquals(1, full.exitCode(), full.err());
    assertTrue(full.errLine().toLowerCase(java.util.Locale.ROOT).contains("quota"), full.err());
    assertEquals(1, full.err().strip().lines().count(), "one line: " + full.err());
    assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path("/quota/out/_SUCCESS")));
    assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path("/quota/out/_MANIFEST.json")));
  }
}
