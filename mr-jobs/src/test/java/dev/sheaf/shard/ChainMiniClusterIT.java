package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.Fixtures;
import dev.sheaf.testing.MiniClusterExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * vectorize, shard, verify and export on a real HDFS and YARN (the dictionary job's combiner and
 * reducers, the artifacts read by the tasks, one reducer per shard, the committer promoting the
 * shard files): the shard files must have the same bytes as an embedded run's.
 */
class ChainMiniClusterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  /**
   * Every job above ran with task 0's first map and reduce attempts failing after their work (and
   * speculative execution on), and its output still equalled the embedded run's.
   */
  @AfterAll
  static void everyJobLostItsInjectedAttempts() throws Exception {
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf vectorize");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf shard");
  }

  @TempDir Path dir;

  @Test
  void shardsOnHdfsAndYarnHaveTheEmbeddedBytes() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpus.resolve("sample.jsonl"), Fixtures.spamassassinLines());
    Path clean = dir.resolve("clean");
    CliRun.ok(
        "clean",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        clean.toString(),
        "--strip-quotes",
        "--rule",
        "min-words=20");

    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    hdfs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(clean.toUri()), new org.apache.hadoop.fs.Path("/clean"));
    String conf = clusterXml.toString();
    // fitted on every document: the shard step below stratifies
    String[] vectorize = {
      "--features", "vocab", "--ngrams", "1-2", "--stopwords", "en", "--fit-on", "all"
    };
    String[] shard = {"--shards", "2", "--seed", "5", "--stratify"};
    CliRun.ok(
        CliRun.concat(
            new String[] {
              "vectorize",
              "-conf",
              conf,
              "-D",
              "mapreduce.job.reduces=2",
              "--input",
              "/clean",
              "--output",
              "/vectors"
            },
            vectorize));
    CliRun.ok(
        CliRun.concat(
            new String[] {"shard", "-conf", conf, "--input", "/vectors", "--output", "/shards"},
            shard));
    CliRun.ok("shard", "-conf", conf, "--verify", "/shards");
    CliRun.ok(
        "export",
        "-conf",
        conf,
        "--shards",
        "/shards",
        "--split",
        "valid",
        "--output",
        "/valid.svm");
    assertTrue(hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/valid.svm")).getLen() > 0);

    Path vectors = dir.resolve("vectors");
    Path shards = dir.resolve("shards");
    CliRun.ok(
        CliRun.concat(
            new String[] {"vectorize", "--input", clean.toString(), "--output", vectors.toString()},
            vectorize));
    CliRun.ok(
        CliRun.concat(
            new String[] {"shard", "--input", vectors.toString(), "--output", shards.toString()},
            shard));
    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path("/shards"),
        new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    assertArrayEquals(
        Files.readAllBytes(shards.resolve("_vectorizer/vocabulary.tsv")),
        Files.readAllBytes(fromCluster.resolve("_vectorizer/vocabulary.tsv")));
    for (String split : ShardKeys.SPLITS) {
      for (int k = 0; k < 2; k++) {
        String name = split + "/" + ShardReducer.fileName(k, 2);
        assertArrayEquals(
            Files.readAllBytes(shards.resolve(name)),
            Files.readAllBytes(fromCluster.resolve(name)),
            name);
      }
    }
  }
}
