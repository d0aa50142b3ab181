package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.model.SyntheticShards;
import dev.sheaf.model.TrainedModel;
import dev.sheaf.testing.MiniClusterExtension;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * train (average mode, and an L-BFGS iteration with its map-only step job; two slices, several map
 * tasks reading the previous model from HDFS) on a real HDFS and YARN: the model must be the
 * embedded run's, bit for bit, and its validation the same; evaluate runs on YARN in the killed
 * pipeline's test. Then an MLP (ND4J in the map containers, dropout) trained on the sample chain's
 * shards and applied by predict to the raw sample on HDFS: the same model and the same predictions
 * as embedded, the containers running the client's OpenBLAS kernel ({@link BlasEnvironment}); and
 * on another kernel (embedded, in a child JVM), the same model within {@link
 * #OTHER_KERNEL_TOLERANCE}.
 */
class TrainMiniClusterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  /**
   * How far apart the MLP's parameters may be when its map tasks run another OpenBLAS kernel than
   * the client's (absolute). Measured on this test's model (quickstart shards, 16,8 hidden units,
   * dropout 0.2, one epoch): at most 6.1e-5 between Haswell, SkylakeX, Sandybridge and Core2, with
   * parameters up to 6.2; 1.6e-4 after 10 epochs of the default 64-unit MLP (docs/reliability.md).
   */
  static final double OTHER_KERNEL_TOLERANCE = 1e-3;

  /**
   * Every job above ran with task 0's first map and reduce attempts failing after their work (and
   * speculative execution on), and its output still equalled the embedded run's.
   */
  @AfterAll
  static void everyJobLostItsInjectedAttempts() throws Exception {
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf shard");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf train");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf evaluate");
    CLUSTER.assertEveryJobSurvivedInjectedFailures("sheaf predict");
  }

  @TempDir Path dir;

  @Test
  void aModelTrainedOnYarnIsTheEmbeddedModel() throws Exception {
    Path shards =
        SyntheticShards.write(dir.resolve("shards"), 500, 3, new int[] {600, 150, 150}, 3, 21);
    Path clusterXml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(clusterXml)) {
      CLUSTER.configuration().writeXml(out);
    }
    FileSystem hdfs = CLUSTER.fileSystem();
    hdfs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(shards.toUri()), new org.apache.hadoop.fs.Path("/shards"));
    String conf = clusterXml.toString();
    // a YARN job costs about 30 s here with its injected failures: two epochs of average mode
    // (evaluate on YARN: the pipeline test below); one L-BFGS iteration (the first gradient pass,
    // the map-only step job, the trial's gradient pass: its reducers write sub-directories and
    // dot products). Gradient mode is average mode's job with another reducer arithmetic, equal to
    // full-batch steps in TrainEndToEndTest.
    for (String sync : new String[] {"average", "lbfgs"}) {
      String epochs = sync.equals("average") ? "2" : "1";
      String[] options =
          sync.equals("average")
              ? new String[] {
                "--epochs",
                epochs,
                "--slices",
                "2",
                "--sync",
                sync,
                "--optimizer",
                "adam",
                "--lr",
                "0.05"
              }
              : new String[] {"--epochs", epochs, "--slices", "2", "--sync", sync};
      CliRun.ok(
          CliRun.concat(
              new String[] {
                "train", "-conf", conf, "--shards", "/shards", "--model", "/model-" + sync
              },
              options));
      Path local = dir.resolve("model-" + sync);
      CliRun.ok(
          CliRun.concat(
              new String[] {"train", "--shards", shards.toString(), "--model", local.toString()},
              options));

      Path fromCluster = dir.resolve("from-cluster-" + sync);
      hdfs.copyToLocalFile(
          new org.apache.hadoop.fs.Path("/model-" + sync),
          new org.apache.hadoop.fs.Path(fromCluster.toUri()));
      assertArrayEquals(
          Files.readAllBytes(local.resolve("params/params.slice")),
          Files.readAllBytes(fromCluster.resolve("params/params.slice")),
          sync);
      List<String> metrics = Files.readAllLines(fromCluster.resolve("metrics.jsonl"));
      assertEquals(Files.readAllLines(local.resolve("metrics.jsonl")).size(), metrics.size(), sync);
      assertEquals(Integer.parseInt(epochs), metrics.size());
      ObjectMapper json = new ObjectMapper();
      assertEquals(
          json.readTree(local.resolve("model.json").toFile()).path("metrics").path("validLoss"),
          json.readTree(fromCluster.resolve("model.json").toFile())
              .path("metrics")
              .path("validLoss"),
          sync);
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
    hdfs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(work.resolve("shards").toUri()),
        new org.apache.hadoop.fs.Path("/qs-shards"));
    hdfs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(work.resolve("input").toUri()),
        new org.apache.hadoop.fs.Path("/qs-input"));
    String conf = clusterXml.toString();
    String[] options = {
      "--arch", "mlp", "--hidden", "16,8", "--dropout", "0.2", "--epochs", "1", "--slices", "2"
    };
    CliRun.ok(
        CliRun.concat(
            new String[] {"train", "-conf", conf, "--shards", "/qs-shards", "--model", "/mlp"},
            options));
    CliRun onYarn =
        CliRun.ok(
            "predict",
            "-conf",
            conf,
            "--model",
            "/mlp",
            "--input",
            "/qs-input",
            "--output",
            "/predictions",
            "--jsonl");
    Path local = dir.resolve("mlp");
    CliRun.ok(
        CliRun.concat(
            new String[] {
              "train", "--shards", work.resolve("shards").toString(), "--model", local.toString()
            },
            options));
    CliRun embedded =
        CliRun.ok(
            "predict",
            "--model",
            local.toString(),
            "--input",
            work.resolve("input").toString(),
            "--output",
            dir.resolve("predictions").toString(),
            "--jsonl");

    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path("/mlp"), new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    assertArrayEquals(
        Files.readAllBytes(local.resolve("params/params.slice")),
        Files.readAllBytes(fromCluster.resolve("params/params.slice")),
        "the MLP");
    Path predictions = dir.resolve("predictions-from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path("/predictions"),
        new org.apache.hadoop.fs.Path(predictions.toUri()));
    assertEquals(
        Files.readAllLines(dir.resolve("predictions/part-m-00000.jsonl")),
        Files.readAllLines(predictions.resolve("part-m-00000.jsonl")));
    assertEquals(embedded.out().replaceAll(";.*", ""), onYarn.out().replaceAll(";.*", ""));
    // predict scores every document: the model's clean rules are reported, not applied
    assertTrue(onYarn.out().startsWith("predict: 300 in -> 300 predicted"), onYarn.out());
    Map<String, String> clientKernel = new TreeMap<>();
    for (String variable : BlasEnvironment.KERNEL_VARIABLES) {
      if (System.getenv(variable) != null && !System.getenv(variable).isBlank()) {
        clientKernel.put(variable, System.getenv(variable));
      }
    }
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.valueToTree(clientKernel),
        json.readTree(fromCluster.resolve("model.json").toFile()).path("blas"));
    assertEquals(
        json.valueToTree(clientKernel),
        json.readTree(local.resolve("model.json").toFile()).path("blas"));

    // the other side, in this test to reuse its shards (CI time): map tasks on another kernel than
    // this JVM's give a model within the tolerance, and say so in model.json
    String otherKernel =
        "Sandybridge".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE"))
            ? "Haswell"
            : "Sandybridge";
    // embedded in a child JVM whose environment names the other kernel (what the containers would
    // get from mapreduce.map.env): OpenBLAS's rounding is this test's subject, not YARN's
    Path otherModel = dir.resolve("mlp-" + otherKernel);
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens")) {
        command.add(flag);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.sheaf.cli.Sheaf",
            "train",
            "--shards",
            work.resolve("shards").toString(),
            "--model",
            otherModel.toString()));
    command.addAll(List.of(options));
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
    child.environment().put("OPENBLAS_CORETYPE", otherKernel);
    Process process = child.start();
    String childOutput =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), childOutput);
    assertEquals(
        otherKernel,
        json.readTree(otherModel.resolve("model.json").toFile())
            .path("blas")
            .path("OPENBLAS_CORETYPE")
            .asText());
    Configuration localConf = new Configuration();
    float[] expected =
        TrainedModel.load(localConf, new org.apache.hadoop.fs.Path(local.toUri())).params();
    float[] actual =
        TrainedModel.load(localConf, new org.apache.hadoop.fs.Path(otherModel.toUri())).params();
    assertEquals(expected.length, actual.length);
    int differ = 0;
    double largest = 0;
    for (int i = 0; i < expected.length; i++) {
      double difference = Math.abs((double) expected[i] - actual[i]);
      assertTrue(
          difference <= OTHER_KERNEL_TOLERANCE,
          "parameter "
              + i
              + ": "
              + expected[i]
              + " embedded, "
              + actual[i]
              + " with OPENBLAS_CORETYPE="
              + otherKernel
              + " in the tasks");
      differ += difference > 0 ? 1 : 0;
      largest = Math.max(largest, difference);
    }
    // a record of whether the kernels differed here; asserting it would fail where they round alike
    System.out.printf(
        Locale.ROOT,
        "TrainMiniClusterIT: tasks on %s against the client's %s: %d of %d parameters"
            + " differ, max |difference| %.2e (tolerance %.0e)%n",
        otherKernel,
        clientKernel,
        differ,
        expected.length,
        largest,
        OTHER_KERNEL_TOLERANCE);
  }

  private Path sample() throws Exception {
    Path input = dir.resolve("input/sample.jsonl");
    Files.createDirectories(input.getParent());
    try (java.io.InputStream in =
        TrainMiniClusterIT.class.getResourceAsStream("/dev/sheaf/sample/spamassassin-300.jsonl")) {
      Files.copy(in, input);
    }
    return input;
  }

  private Path clusterXml() throws Exception {
    Path xml = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(xml)) {
      CLUSTER.configuration().writeXml(out);
    }
    return xml;
  }

  /**
   * A pipeline whose client JVM and YARN application are killed during epoch 2 of 2: --resume skips
   * the finished shard stage, continues the training, and ends with the uninterrupted (embedded)
   * run's shards, model and metrics.
   */
  @Test
  void aPipelineKilledDuringTrainingResumesToTheUninterruptedResult() throws Exception {
    Path input = sample();
    String[] settings = {
      "--set",
      "clean.strip-quotes=true",
      "--set",
      "clean.rule=min-words=20",
      "--set",
      "shard.shards=2",
      "--set",
      "train.epochs=2",
      "--set",
      "train.slices=2"
    };
    Path embedded = dir.resolve("embedded");
    CliRun.ok(
        CliRun.concat(
            new String[] {"pipeline", "--input", input.toString(), "--work", embedded.toString()},
            settings));
    DistributedFileSystem hdfs = (DistributedFileSystem) CLUSTER.fileSystem();
    hdfs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(embedded.resolve("vectors").toUri()),
        new org.apache.hadoop.fs.Path("/work/vectors"));
    String[] onYarn =
        CliRun.concat(
            new String[] {
              "pipeline",
              "-conf",
              clusterXml().toString(),
              "--input",
              input.toString(),
              "--work",
              "/work",
              "--from",
              "shard"
            },
            settings);

    // the client in its own JVM, killed with its YARN application once epoch 2 runs (an epoch job
    // takes about 30 s here, so 3 s after epoch 1's checkpoint it is under way)
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sheaf.cli.Sheaf"));
    command.addAll(List.of(onYarn));
    Process client =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("killed-client.log").toFile())
            .start();
    org.apache.hadoop.fs.Path firstEpoch =
        new org.apache.hadoop.fs.Path("/work/model/epoch-0001/state.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!hdfs.exists(firstEpoch) && client.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(
        hdfs.exists(firstEpoch),
        "epoch 1 finished before the kill: " + Files.readString(dir.resolve("killed-client.log")));
    Thread.sleep(3000);
    client.destroyForcibly().waitFor();
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(CLUSTER.configuration());
      yarn.start();
      for (ApplicationReport app :
          yarn.getApplications(
              EnumSet.of(
                  YarnApplicationState.NEW,
                  YarnApplicationState.SUBMITTED,
                  YarnApplicationState.ACCEPTED,
                  YarnApplicationState.RUNNING))) {
        yarn.killApplication(app.getApplicationId());
      }
    }
    assertFalse(
        hdfs.exists(new org.apache.hadoop.fs.Path("/work/model/model.json")),
        "killed before the end");

    CliRun resumed = CliRun.ok(CliRun.concat(onYarn, "--resume"));
    assertTrue(resumed.out().contains("pipeline: shard is up to date (skipped)"), resumed.out());
    assertTrue(
        resumed.out().contains("pipeline: train (continuing the interrupted run)"), resumed.out());
    assertTrue(resumed.out().matches("(?s).*train: resuming after epoch 1 of 2.*"), resumed.out());
    Path fromCluster = dir.resolve("from-cluster");
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path("/work"), new org.apache.hadoop.fs.Path(fromCluster.toUri()));
    assertArrayEquals(
        Files.readAllBytes(embedded.resolve("model/params/params.slice")),
        Files.readAllBytes(fromCluster.resolve("model/params/params.slice")),
        "the model of an uninterrupted run");
    assertEquals(
        new ObjectMapper().readTree(embedded.resolve("eval.json").toFile()).path("log_loss"),
        new ObjectMapper().readTree(fromCluster.resolve("eval.json").toFile()).path("log_loss"));
    for (String part :
        new String[] {"train/part-00000-of-00002.avro", "test/part-00001-of-00002.avro"}) {
      assertArrayEquals(
          Files.readAllBytes(embedded.resolve("shards").resolve(part)),
          Files.readAllBytes(fromCluster.resolve("shards").resolve(part)),
          part);
    }
  }
}
