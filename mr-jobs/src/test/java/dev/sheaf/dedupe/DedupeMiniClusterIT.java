package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import dev.sheaf.testing.MiniClusterExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf dedupe} on a real HDFS and YARN: the same CLI with the cluster's configuration given
 * as {@code -conf}, input and output on HDFS, tasks in YARN containers. Its records must equal an
 * embedded run's.
 */
class DedupeMiniClusterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  /**
   * Every job above ran with task 0's first map and reduce attempts failing after their work (and
   * speculative execution on), and its output still equalled the embedded run's.
   */
  @AfterAll
  static void everyJobLostItsInjectedAttempts() throws Exception {
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf dedupe");
  }

  @TempDir Path dir;

  /**
   * Near dedupe is a dozen small jobs: uber mode (one reducer, tasks in the AM) halves the time.
   */
  @Test
  void nearDedupeOnHdfsAndYarnGivesTheEmbeddedRecords() throws Exception {
    dedupesOnHdfsAndYarnLikeEmbedded(
        "near",
        List.of("-D", "mapreduce.job.ubertask.enable=true", "-D", "mapreduce.job.reduces=1"));
  }

  @Test
  void exactDedupeOnHdfsAndYarnGivesTheEmbeddedRecords() throws Exception {
    dedupesOnHdfsAndYarnLikeEmbedded(
        "exact", List.of("-D", "mapreduce.job.reduces=2"), "--exact-only");
  }

  private void dedupesOnHdfsAndYarnLikeEmbedded(String name, List<String> generic, String... mode)
      throws Exception {
    Path local = Fixtures.hostile(dir.resolve("corpus"));
    Files.write(local.resolve("sample.jsonl"), Fixtures.spamassassinLines().subList(0, 100));
    Files.write(local.resolve("copies.jsonl"), Fixtures.spamassassinLines().subList(0, 10));

    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path("/corpus-" + name);
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), input);
    String output = "/out/dedupe-" + name;

    List<String> args =
        new java.util.ArrayList<>(List.of("dedupe", "-conf", clusterXml.toString()));
    args.addAll(generic);
    args.addAll(List.of("--input", input.toString(), "--output", output));
    args.addAll(List.of(mode));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    // 100 sample + 10 copies (same ids, so the copies are duplicates of themselves) + 22 hostile
    assertTrue(run.out().contains("132 in -> 110 kept, 10 exact duplicates, "), run.out());
    assertTrue(run.out().contains(" 12 rejected"), run.out());
    assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(output, "_SUCCESS")));
    // part-r-* from the exact mode's reducers, part-m-* from the near mode's map-side last pass
    assertTrue(hdfs.globStatus(new org.apache.hadoop.fs.Path(output, "part-*.avro")).length > 0);
    JsonNode manifest;
    try (java.io.InputStream in =
        hdfs.open(new org.apache.hadoop.fs.Path(output, "_MANIFEST.json"))) {
      manifest = new ObjectMapper().readTree(in);
    }
    assertTrue(
        manifest.at("/inputs/0/path").asText().startsWith("hdfs://"),
        manifest.at("/inputs").toString());
    assertEquals(name, manifest.at("/parameters/mode").asText());

    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path(output), new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    Path embedded = dir.resolve("embedded");
    List<String> localArgs =
        new java.util.ArrayList<>(
            List.of("dedupe", "--input", local.toString(), "--output", embedded.toString()));
    localArgs.addAll(List.of(mode));
    CliRun local1 = CliRun.of(localArgs.toArray(new String[0]));
    assertEquals(0, local1.exitCode(), local1.err());

    assertEquals(sorted(embedded, Document.class), sorted(fromCluster, Document.class));
    assertEquals(
        sorted(embedded.resolve("_duplicates"), Duplicate.class),
        sorted(fromCluster.resolve("_duplicates"), Duplicate.class));
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
}
