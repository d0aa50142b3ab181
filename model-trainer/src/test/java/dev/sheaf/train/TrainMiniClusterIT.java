package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.SyntheticShards;
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
 * train (average and gradient modes, two slices, several map tasks reading the previous model
 * from HDFS, ND4J in the YARN reduce containers) and evaluate on a real HDFS and YARN: the model
 * must be the embedded run's, bit for bit, and its metrics the same. Then an MLP (ND4J in the
 * map containers, dropout) trained on the sample chain's shards and applied by predict to the raw
 * sample on HDFS: the same model and the same predictions as embedded.
 */
class TrainMiniClusterIT {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  /**
   * Every job above ran with task 0's first map and reduce attempts failing after their work
   * (and speculative execution on), and its output still equalled the embedded run's.
   */
  @AfterAll
  static void everyJobLostItsInjectedAttempts() throws Exception {
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf train");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf evaluate");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf predict");
  }

  @TempDir
  Path dir;

  @Test
  void aModelTrainedOnYarnIsTheEmbeddedModel() throws Exception {
    Path shards = SyntheticShards.write(dir.resolve("shards"), 500, 3, new int[] {600, 150, 150}, 3, 21);
    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(shards.toUri()), new org.apache.hadoop.fs.Path("/shards"));
    String conf = clusterXml.toString();
    // a YARN job costs about 20 s here: two epochs of average mode, one of gradient mode
    for (String sync : new String[] {"average", "gradient"}) {
      String epochs = sync.equals("average") ? "2" : "1";
      String[] options = {"--epochs", epochs, "--slices", "2", "--sync", sync, "--optimizer", "adam", "--lr", "0.05"};
      CliRun.ok(CliRun.concat(new String[] {"train", "-conf", conf, "--shards", "/shards", "--model", "/model-" + sync}, options));
      CliRun.ok("evaluate", "-conf", conf, "--model", "/model-" + sync, "--shards", "/shards");
      Path local = dir.resolve("model-" + sync);
      CliRun.ok(CliRun.concat(new String[] {"train", "--shards", shards.toString(), "--model", local.toString()}, options));
      CliRun.ok("evaluate", "--model", local.toString(), "--shards", shards.toString());

      Path fromCluster = dir.resolve("from-cluster-" + sync);
      hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/model-" + sync),
          new org.apache.hadoop.fs.Path(fromCluster.toUri()));
      assertArrayEquals(Files.readAllBytes(local.resolve("params/params.slice")),
          Files.readAllBytes(fromCluster.resolve("params/params.slice")), sync);
      ObjectMapper json = new ObjectMapper();
      assertEquals(json.readTree(local.resolve("eval-test.json").toFile()).path("log_loss"),
          json.readTree(fromCluster.resolve("eval-test.json").toFile()).path("log_loss"), sync);
      assertTrue(json.readTree(fromCluster.resolve("eval-test.json").toFile()).path("accuracy").asDouble() > 0.7);
      assertEquals(Integer.parseInt(epochs), Files.readAllLines(fromCluster.resolve("metrics.jsonl")).size());
    }
  }

  @Test
  void anMlpTrainedAndAppliedOnYarnIsTheEmbeddedOne() throws Exception {
    Path work = dir.resolve("qs");
    CliRun.ok("quickstart", "--work", work.toString());
    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(work.resolve("shards").toUri()),
        new org.apache.hadoop.fs.Path("/qs-shards"));
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(work.resolve("input").toUri()),
        new org.apache.hadoop.fs.Path("/qs-input"));
    String conf = clusterXml.toString();
    String[] options = {"--arch", "mlp", "--hidden", "16,8", "--dropout", "0.2", "--epochs", "1", "--slices", "2"};
    CliRun.ok(CliRun.concat(new String[] {"train", "-conf", conf, "--shards", "/qs-shards", "--model", "/mlp"}, options));
    CliRun onYarn = CliRun.ok("predict", "-conf", conf, "--model", "/mlp", "--input", "/qs-input", "--output",
        "/predictions", "--jsonl");
    Path local = dir.resolve("mlp");
    CliRun.ok(CliRun.concat(new String[] {"train", "--shards", work.resolve("shards").toString(), "--model",
        local.toString()}, options));
    CliRun embedded = CliRun.ok("predict", "--model", local.toString(), "--input", work.resolve("input").toString(),
        "--output", dir.resolve("predictions").toString(), "--jsonl");

    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/mlp"), new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    assertArrayEquals(Files.readAllBytes(local.resolve("params/params.slice")),
        Files.readAllBytes(fromCluster.resolve("params/params.slice")), "the MLP");
    Path predictions = dir.resolve("predictions-from-cluster");
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/predictions"),
        new org.apache.hadoop.fs.Path(predictions.toUri()));
    assertEquals(Files.readAllLines(dir.resolve("predictions/part-m-00000.jsonl")),
        Files.readAllLines(predictions.resolve("part-m-00000.jsonl")));
    assertEquals(embedded.out().replaceAll(";.*", ""), onYarn.out().replaceAll(";.*", ""));
    assertTrue(onYarn.out().startsWith("predict: 300 in -> 251 predicted"), onYarn.out());
  }
}
