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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf dedupe} on a real HDFS and YARN: the same CLI with the cluster's configuration
 * given as {@code -conf}, input and output on HDFS, tasks in YARN containers. Its records must
 * equal an embedded run's.
 */
class DedupeMiniClusterIT {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  @TempDir
  Path dir;

  @Test
  void dedupesOnHdfsAndYarnLikeEmbedded() throws Exception {
    Path local = Fixtures.hostile(dir.resolve("corpus"));
    Files.write(local.resolve("sample.jsonl"), Fixtures.spamassassinLines().subList(0, 100));
    Files.write(local.resolve("copies.jsonl"), Fixtures.spamassassinLines().subList(0, 10));

    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path("/corpus");
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), input);

    CliRun run = CliRun.of("dedupe", "-conf", clusterXml.toString(), "-D", "mapreduce.job.reduces=2",
        "--input", "/corpus", "--output", "/out/dedupe");
    assertEquals(0, run.exitCode(), run.err());
    // 100 sample + 10 copies (same ids, so the copies are duplicates of themselves) + 22 hostile
    assertTrue(run.out().contains("132 in -> 110 kept, 10 exact duplicates, 0 empty after normalization, 12 rejected"),
        run.out());
    assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path("/out/dedupe/_SUCCESS")));
    assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path("/out/dedupe/part-r-00001.avro")));
    JsonNode manifest;
    try (java.io.InputStream in = hdfs.open(new org.apache.hadoop.fs.Path("/out/dedupe/_MANIFEST.json"))) {
      manifest = new ObjectMapper().readTree(in);
    }
    assertTrue(manifest.at("/inputs/0/path").asText().startsWith("hdfs://"), manifest.at("/inputs").toString());

    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/out/dedupe"), new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    Path embedded = dir.resolve("embedded");
    CliRun local1 = CliRun.of("dedupe", "--input", local.toString(), "--output", embedded.toString());
    assertEquals(0, local1.exitCode(), local1.err());

    assertEquals(sorted(embedded, Document.class), sorted(fromCluster, Document.class));
    assertEquals(sorted(embedded.resolve("_duplicates"), Duplicate.class),
        sorted(fromCluster.resolve("_duplicates"), Duplicate.class));
    assertEquals(sorted(embedded.resolve("_rejects"), Reject.class), sorted(fromCluster.resolve("_rejects"), Reject.class));
  }

  private static List<String> sorted(Path directory, Class<?> type) {
    List<String> records = AvroFiles.read(directory, type).stream().map(Object::toString).sorted().toList();
    assertTrue(!records.isEmpty(), "no records in " + directory);
    return records;
  }

}
