package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.Reject;
import dev.sheaf.common.JobJarCache;
import dev.sheaf.model.SyntheticShards;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job jar as a Hadoop user runs it, on every Hadoop release of the parent pom's {@code
 * hadoop.matrix.versions} (3.3.6 and the build's own). Per release: that release's CLI MiniCluster
 * ({@code MiniHadoopClusterManager}, what {@code mapred minicluster} runs) in its own process on
 * that release's class path, its containers on that release's jars too; and the job jar submitted
 * from another JVM whose class path is that release's {@code hadoop-client} and a configuration
 * directory, through {@code RunJar}, what {@code hadoop jar} runs: {@code dedupe} directly, as the
 * README's plain line; {@code train} (two epochs) through {@code bin/sheaf --cluster} with a {@code
 * hadoop} command that runs RunJar the same way. The class paths come from Maven ({@code
 * src/it/hadoop-classpath/pom.xml}), never from this JVM's.
 *
 * <p>Each output must equal the embedded run's: the documents dedupe keeps, the duplicates it drops
 * and the inputs it rejects (Avro, written through the job jar's own Avro in the tasks), and the
 * trained model bit for bit. Every RunJar call skips unpacking the jar ({@code
 * HADOOP_CLIENT_SKIP_UNJAR}, as bin/sheaf does): RunJar loads the same classes from the jar either
 * way, and unpacking its 540 MB costs 13 to 45 s a call here. The releases run side by side while
 * this JVM runs the embedded commands (CI time).
 */
class HadoopVersionsIT {
  private static final List<String> VERSIONS =
      List.of(property("sheaf.it.hadoop.versions").split(","));
  private static final Path JOB_JAR = Path.of(property("sheaf.it.job.jar"));
  private static final Path BIN_SHEAF = Path.of("..", "bin", "sheaf").toAbsolutePath().normalize();
  private static final String[] TRAIN_OPTIONS = {
    "--epochs", "2", "--slices", "1", "--sync", "average", "--optimizer", "adam", "--lr", "0.05"
  };

  /**
   * The client JVMs' one option (as HADOOP_CLIENT_OPTS would give it): the CI machine has 2 cores.
   */
  private static final String CLIENT_JVM = "-XX:TieredStopAtLevel=1";

  /** How long one RunJar call or the start of a cluster may take before the test gives up. */
  private static final long PROCESS_TIMEOUT_SECONDS = 420;

  @TempDir static Path dir;

  private static Path corpus;
  private static Path shards;
  private static Path embeddedDedupe;
  private static Path embeddedModel;
  private static String embeddedDedupeSummary;
  private static final Map<String, CompletableFuture<ClusterRun>> RUNS = new ConcurrentHashMap<>();
  private static final List<Process> CLUSTERS = new ArrayList<>();

  /** What one release's cluster produced: per stage, its output copied back to the local disk. */
  private record ClusterRun(
      String version,
      Stage dedupe,
      Stage train,
      List<String> shippedJars,
      Map<String, Double> seconds) {}

  /** One command's run: its output directory and console output, or why it failed. */
  private record Stage(Path output, String console, AssertionError failure) {
    Stage succeeded() {
      if (failure != null) {
        throw failure;
      }
      return this;
    }
  }

  static List<String> versions() {
    return VERSIONS;
  }

  @BeforeAll
  static void runOnEveryReleaseAndEmbedded() throws Exception {
    corpus = dedupeCorpus(dir.resolve("corpus"));
    shards = SyntheticShards.write(dir.resolve("shards"), 400, 3, new int[] {300, 60, 60}, 1, 21);
    // a thread per release: they wait on processes, side by side
    ExecutorService releases = Executors.newFixedThreadPool(VERSIONS.size());
    for (String version : VERSIONS) {
      RUNS.put(
          version,
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return runOnCluster(version);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              },
              releases));
    }
    releases.shutdown();
    // the reference, in this JVM, while the clusters start and work
    embeddedDedupe = dir.resolve("embedded/dedupe");
    embeddedDedupeSummary =
        summary(
            CliRun.ok(
                    "dedupe",
                    "--exact-only",
                    "--input",
                    corpus.toString(),
                    "--output",
                    embeddedDedupe.toString())
                .out(),
            "dedupe:");
    embeddedModel = dir.resolve("embedded/model");
    CliRun.ok(
        CliRun.concat(
            new String[] {
              "train", "--shards", shards.toString(), "--model", embeddedModel.toString()
            },
            TRAIN_OPTIONS));
  }

  @AfterAll
  static void stopClusters() {
    CLUSTERS.forEach(HadoopVersionsIT::destroyWithContainers);
    // where the time goes, for the CI log: each phase, and the jobs as the commands report them
    RUNS.values()
        .forEach(
            run ->
                run.thenAccept(
                    result ->
                        System.out.printf(
                            Locale.ROOT,
                            "HadoopVersionsIT: Hadoop %s: seconds %s; %s%n",
                            result.version(),
                            result.seconds(),
                            Stream.of(result.dedupe(), result.train())
                                .flatMap(stage -> stage.console().lines())
                                .filter(
                                    line ->
                                        line.startsWith("dedupe:")
                                            || line.startsWith("epoch")
                                            || line.contains("job jar:")
                                            || line.contains("at submission"))
                                .toList())));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void dedupeThroughRunJarKeepsWhatTheEmbeddedRunKeeps(String version) throws Exception {
    Stage run = RUNS.get(version).get(15, TimeUnit.MINUTES).dedupe().succeeded();
    // the input is built to hold exact duplicates and rejects: a comparison of empty sets proves
    // nothing
    assertTrue(
        embeddedDedupeSummary.matches(
            "dedupe: \\d+ in -> \\d+ kept, 40 exact duplicates, \\d+ empty after "
                + "normalization, [1-9]\\d* rejected"),
        embeddedDedupeSummary);
    assertEquals(embeddedDedupeSummary, summary(run.console(), "dedupe:"), run.console());
    assertTrue(Files.exists(run.output().resolve("_SUCCESS")));
    assertEquals(
        records(embeddedDedupe, Document.class, Document::getId),
        records(run.output(), Document.class, Document::getId),
        "the kept documents");
    assertEquals(
        records(embeddedDedupe.resolve("_duplicates"), Duplicate.class, Duplicate::getId),
        records(run.output().resolve("_duplicates"), Duplicate.class, Duplicate::getId),
        "the duplicates");
    assertEquals(
        records(
            embeddedDedupe.resolve("_rejects"),
            Reject.class,
            r -> r.getSource() + ":" + r.getOffset()),
        records(
            run.output().resolve("_rejects"),
            Reject.class,
            r -> r.getSource() + ":" + r.getOffset()),
        "the rejects");
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(embeddedDedupe.resolve("_MANIFEST.json").toFile()).path("records"),
        json.readTree(run.output().resolve("_MANIFEST.json").toFile()).path("records"));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void trainThroughBinSheafClusterIsTheEmbeddedModel(String version) throws Exception {
    Stage run = RUNS.get(version).get(15, TimeUnit.MINUTES).train().succeeded();
    assertTrue(run.console().contains("train: /shards -> hdfs://"), run.console());
    assertArrayEquals(
        Files.readAllBytes(embeddedModel.resolve("params/params.slice")),
        Files.readAllBytes(run.output().resolve("params/params.slice")),
        "the model's parameters");
    assertEquals(2, Files.readAllLines(run.output().resolve("metrics.jsonl")).size());
    assertEquals(
        Files.readAllLines(embeddedModel.resolve("metrics.jsonl")).size(),
        Files.readAllLines(run.output().resolve("metrics.jsonl")).size());
    ObjectMapper json = new ObjectMapper();
    JsonNode validLoss =
        json.readTree(embeddedModel.resolve("model.json").toFile())
            .path("metrics")
            .path("validLoss");
    assertTrue(validLoss.isNumber(), validLoss.toString());
    assertEquals(
        validLoss,
        json.readTree(run.output().resolve("model.json").toFile())
            .path("metrics")
            .path("validLoss"));
  }

  /**
   * The job jar crosses to the cluster once for both commands (two JVMs, three jobs and more): the
   * first job uploads it to the jar cache, every job after it uploads only its configuration and
   * splits, and the cache holds one copy.
   */
  @ParameterizedTest
  @MethodSource("versions")
  void theJobJarIsUploadedOnceForEveryJob(String version) throws Exception {
    ClusterRun run = RUNS.get(version).get(15, TimeUnit.MINUTES);
    String dedupe = run.dedupe().succeeded().console();
    String train = run.train().succeeded().console();
    String jarName = JOB_JAR.getFileName().toString();
    assertEquals(List.of(jarName), uploads(dedupe, JAR_UPLOADED), dedupe);
    assertEquals(List.of(), uploads(train, JAR_UPLOADED), train);
    assertTrue(
        train.contains("job jar: " + jarName + " is already on the cluster as hdfs://"), train);
    assertEquals(1, run.shippedJars().size(), run.shippedJars().toString());
    assertTrue(
        run.shippedJars().get(0).endsWith(jarName + " " + Files.size(JOB_JAR)),
        run.shippedJars().toString());
    List<Long> trainUploads =
        uploads(train, SUBMISSION_BYTES).stream().map(Long::parseLong).toList();
    assertTrue(trainUploads.size() >= 2, "one submission an epoch at least: " + train);
    for (long bytes : trainUploads) {
      assertTrue(
          bytes > 0 && bytes < (1 << 20),
          "a job's submission uploaded " + bytes + " bytes: " + train);
    }
    for (String bytes : uploads(dedupe, SUBMISSION_BYTES)) {
      assertTrue(
          Long.parseLong(bytes) < (1 << 20), "dedupe's submission uploaded " + bytes + " bytes");
    }
  }

  private static final Pattern JAR_UPLOADED = Pattern.compile("job jar: uploaded (\\S+) once to ");
  private static final Pattern SUBMISSION_BYTES =
      Pattern.compile("\\): (\\d+) bytes uploaded to \\S+ at submission");

  /** The first group of every match of {@code pattern} in {@code console}, in order. */
  private static List<String> uploads(String console, Pattern pattern) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(console);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /**
   * One release: resolves its class paths, starts its cluster, copies the inputs to its HDFS, runs
   * dedupe through RunJar and train through bin/sheaf --cluster (the second also when the first
   * failed), and copies the outputs back.
   */
  private static ClusterRun runOnCluster(String version) throws IOException, InterruptedException {
    Map<String, Double> seconds = new LinkedHashMap<>();
    long start = System.nanoTime();
    Path home = Files.createDirectories(dir.resolve("hadoop-" + version));
    ClassPaths classPaths = ClassPaths.resolve(version);
    seconds.put("class paths", since(start));

    start = System.nanoTime();
    Cluster cluster = Cluster.start(version, classPaths, home);
    seconds.put("cluster start", since(start));
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", cluster.defaultFs());
    try (FileSystem hdfs = FileSystem.newInstance(URI.create(cluster.defaultFs()), conf)) {
      hdfs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(corpus.toUri()), new org.apache.hadoop.fs.Path("/corpus"));
      hdfs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(shards.toUri()), new org.apache.hadoop.fs.Path("/shards"));

      // the README's plain line: RunJar on the release's client class path, the configuration first
      start = System.nanoTime();
      Stage dedupe =
          stage(
              hdfs,
              "/dedupe",
              home,
              () ->
                  run(
                      home.resolve("dedupe.log"),
                      Map.of("HADOOP_CLIENT_SKIP_UNJAR", "true"),
                      javaCommand(),
                      CLIENT_JVM,
                      "-cp",
                      cluster.confDir() + ":" + classPaths.client(),
                      "org.apache.hadoop.util.RunJar",
                      JOB_JAR.toString(),
                      "--verbose",
                      "dedupe",
                      "--exact-only",
                      "--input",
                      "/corpus",
                      "--output",
                      "/dedupe"));
      seconds.put("dedupe", since(start));

      // bin/sheaf --cluster, its `hadoop jar` being this release's RunJar
      Path bin = Files.createDirectories(home.resolve("bin"));
      Path hadoop = bin.resolve("hadoop");
      Files.writeString(
          hadoop,
          String.join(
              "\n",
              "#!/usr/bin/env bash",
              "# `hadoop jar` of Hadoop "
                  + version
                  + ": RunJar, the configuration directory, then the client's jars",
              "set -euo pipefail",
              "[[ ${1:-} == jar ]] || { echo \"hadoop: only 'hadoop jar' here\" >&2; exit 2; }",
              "shift",
              "exec '"
                  + javaCommand()
                  + "' "
                  + CLIENT_JVM
                  + " -cp \"$HADOOP_CONF_DIR:"
                  + classPaths.client()
                  + "\" org.apache.hadoop.util.RunJar \"$@\"",
              ""));
      Files.setPosixFilePermissions(hadoop, PosixFilePermissions.fromString("rwxr-xr-x"));
      start = System.nanoTime();
      List<String> train =
          new ArrayList<>(
              List.of(
                  BIN_SHEAF.toString(),
                  "--cluster",
                  "--verbose",
                  "train",
                  "--shards",
                  "/shards",
                  "--model",
                  "/model"));
      train.addAll(List.of(TRAIN_OPTIONS));
      Stage trained =
          stage(
              hdfs,
              "/model",
              home,
              () ->
                  run(
                      home.resolve("train.log"),
                      Map.of(
                          "PATH",
                          bin + ":" + System.getenv("PATH"),
                          "HADOOP_CONF_DIR",
                          cluster.confDir().toString(),
                          "SHEAF_BACKEND",
                          "cpu"),
                      train.toArray(String[]::new)));
      seconds.put("train", since(start));
      org.apache.hadoop.fs.Path jars =
          new org.apache.hadoop.fs.Path(hdfs.getHomeDirectory(), JobJarCache.DEFAULT_DIR);
      List<String> shipped =
          hdfs.exists(jars)
              ? Stream.of(hdfs.listStatus(jars))
                  .map(status -> status.getPath().getName() + " " + status.getLen())
                  .toList()
              : List.of();
      return new ClusterRun(version, dedupe, trained, shipped, seconds);
    } finally {
      destroyWithContainers(cluster.process());
    }
  }

  private interface Command {
    String run() throws IOException, InterruptedException;
  }

  /**
   * Runs a command writing {@code output} on HDFS, and copies that output to {@code home} if it
   * succeeded.
   */
  private static Stage stage(FileSystem hdfs, String output, Path home, Command command)
      throws IOException, InterruptedException {
    String console;
    try {
      console = command.run();
    } catch (AssertionError failed) {
      return new Stage(null, String.valueOf(failed.getMessage()), failed);
    }
    Path local = home.resolve("outputs" + output);
    hdfs.copyToLocalFile(
        new org.apache.hadoop.fs.Path(output), new org.apache.hadoop.fs.Path(local.toUri()));
    return new Stage(local, console, null);
  }

  /** A release's two class paths, as its own Maven resolution gives them (cached in target/). */
  private record ClassPaths(String client, String cluster) {
    static ClassPaths resolve(String version) throws IOException, InterruptedException {
      Path pom = Path.of(property("sheaf.it.hadoop.classpath.pom"));
      Path out = pom.getParent().resolve(version);
      Path client = out.resolve("client.classpath");
      Path cluster = out.resolve("cluster.classpath");
      if (!Files.exists(cluster)
          || Files.getLastModifiedTime(cluster).compareTo(Files.getLastModifiedTime(pom)) < 0) {
        List<String> mvn =
            new ArrayList<>(
                List.of(
                    Path.of(property("sheaf.it.maven.home"), "bin", "mvn").toString(),
                    "-B",
                    "-q",
                    "-f",
                    pom.toString(),
                    "-Dmatrix.hadoop.version=" + version,
                    "-Dclasspath.dir=" + out,
                    "-Dmaven.repo.local=" + property("sheaf.it.maven.repository")));
        if (property("sheaf.it.maven.offline").equals("offline=true")) {
          mvn.add("-o");
        }
        mvn.add("validate");
        Files.createDirectories(out);
        run(out.resolve("mvn.log"), Map.of(), mvn.toArray(String[]::new));
      }
      return new ClassPaths(Files.readString(client).strip(), Files.readString(cluster).strip());
    }
  }

  /**
   * A release's CLI MiniCluster in its own process, and the client configuration pointing at it.
   */
  private record Cluster(Process process, Path log, String defaultFs, Path confDir) {
    /**
     * Starts the cluster, again with other ports if one it was given got taken before it bound it
     * (the other release's cluster binds ports of its own meanwhile).
     */
    static Cluster start(String version, ClassPaths classPaths, Path home)
        throws IOException, InterruptedException {
      for (int attempt = 1; ; attempt++) {
        Cluster cluster = attempt(version, classPaths, home.resolve("attempt-" + attempt));
        if (cluster.process().isAlive()) {
          return cluster;
        }
        String log = Files.readString(cluster.log(), StandardCharsets.ISO_8859_1);
        assertTrue(
            attempt < 3 && log.contains("java.net.BindException"),
            "Hadoop " + version + "'s cluster did not start:\n" + tail(cluster.log()));
      }
    }

    private static Cluster attempt(String version, ClassPaths classPaths, Path home)
        throws IOException, InterruptedException {
      Path work = Files.createDirectories(home.resolve("cluster"));
      Path details = work.resolve("details.json");
      Path log = work.resolve("cluster.log");
      int rm = freePort();
      int history = freePort();
      int scheduler = freePort();
      List<String> command = new ArrayList<>(List.of(javaCommand()));
      command.addAll(jdkFlags());
      command.addAll(
          List.of(
              "-Xmx1g",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              classPaths.cluster(),
              "org.apache.hadoop.mapreduce.MiniHadoopClusterManager",
              "-format",
              "-datanodes",
              "1",
              "-nodemanagers",
              "1",
              "-writeDetails",
              details.toString(),
              "-rmport",
              String.valueOf(rm),
              "-jhsport",
              String.valueOf(history)));
      Map<String, String> settings = new LinkedHashMap<>();
      // the manager asks for fixed ports; these would be 8030, 8031, 8033, 8088, 10033 and 19888
      // for
      // every cluster on the machine
      settings.put("yarn.resourcemanager.scheduler.address", "localhost:" + scheduler);
      settings.put("yarn.resourcemanager.resource-tracker.address", "localhost:" + freePort());
      settings.put("yarn.resourcemanager.admin.address", "localhost:" + freePort());
      settings.put("yarn.resourcemanager.webapp.address", "localhost:" + freePort());
      settings.put("mapreduce.jobhistory.admin.address", "localhost:" + freePort());
      settings.put("mapreduce.jobhistory.webapp.address", "localhost:" + freePort());
      // small and quick: the CI machine has 2 cores (as MiniClusterExtension)
      settings.put("yarn.nodemanager.resource.memory-mb", "6144");
      settings.put("yarn.nodemanager.resource.cpu-vcores", "4");
      settings.put("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", "100");
      settings.put("dfs.replication", "1");
      settings.forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // the containers' java
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      synchronized (CLUSTERS) {
        CLUSTERS.add(process);
      }
      // ready once it wrote its details; failed once its main thread died (its daemons keep the JVM
      // up)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
      long scanned = 0;
      while (!(Files.exists(details) && Files.size(details) > 0)) {
        String added;
        try (var in = Files.newInputStream(log)) {
          in.skipNBytes(scanned);
          added = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        if (added.contains("Exception in thread \"main\"")
            || !process.isAlive()
            || System.nanoTime() > deadline) {
          destroyWithContainers(process);
          return new Cluster(process, log, null, null);
        }
        // a marker split between two reads is found in the next one
        scanned += Math.max(0, added.length() - 64);
        Thread.sleep(200);
      }
      int namenode = new ObjectMapper().readTree(details.toFile()).path("namenode_port").asInt();

      // what the cluster's configuration directory holds for its clients
      Path conf = Files.createDirectories(home.resolve("conf"));
      String defaultFs = "hdfs://localhost:" + namenode;
      writeSite(
          conf.resolve("core-site.xml"), Map.of("fs.defaultFS", defaultFs, "dfs.replication", "1"));
      // as a cluster's conf directory has it: the client's log on the console (sheaf sets the
      // level)
      Files.writeString(
          conf.resolve("log4j.properties"),
          String.join(
              "\n",
              "log4j.rootLogger=INFO,console",
              "log4j.appender.console=org.apache.log4j.ConsoleAppender",
              "log4j.appender.console.target=System.err",
              "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
              "log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss} %p %c{1}: %m%n",
              ""));
      writeSite(
          conf.resolve("yarn-site.xml"),
          Map.of(
              "yarn.resourcemanager.address",
              "localhost:" + rm,
              "yarn.resourcemanager.scheduler.address",
              "localhost:" + scheduler));
      String jdkFlags = String.join(" ", jdkFlags());
      String taskJvm = "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
      Map<String, String> mapred = new LinkedHashMap<>();
      mapred.put("mapreduce.framework.name", "yarn");
      mapred.put("mapreduce.jobhistory.address", "localhost:" + history);
      // the nodes' own Hadoop jars, as a cluster's $HADOOP_MAPRED_HOME gives them
      mapred.put("mapreduce.application.classpath", classPaths.cluster().replace(':', ','));
      // JDK 17 under Hadoop 3.3 (3.4 adds these itself)
      mapred.put("yarn.app.mapreduce.am.admin-command-opts", jdkFlags);
      mapred.put("mapreduce.admin.map.child.java.opts", jdkFlags);
      mapred.put("mapreduce.admin.reduce.child.java.opts", jdkFlags);
      mapred.put("yarn.app.mapreduce.am.resource.mb", "768");
      mapred.put("mapreduce.map.memory.mb", "768");
      mapred.put("mapreduce.reduce.memory.mb", "768");
      mapred.put("yarn.app.mapreduce.am.command-opts", taskJvm);
      mapred.put("mapreduce.map.java.opts", taskJvm);
      mapred.put("mapreduce.reduce.java.opts", taskJvm);
      mapred.put("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", "100");
      mapred.put("mapreduce.client.completion.pollinterval", "200");
      // reducers start with the maps: one map per job here
      mapred.put("mapreduce.job.reduce.slowstart.completedmaps", "0");
      writeSite(conf.resolve("mapred-site.xml"), mapred);
      return new Cluster(process, log, defaultFs, conf);
    }
  }

  /**
   * One file (one map task): the bundled sample, 40 of its documents again under other ids with
   * their white space doubled (exact duplicates: the normal form collapses it), and the hostile
   * set's broken JSON lines (rejects).
   */
  private static Path dedupeCorpus(Path target) throws IOException {
    List<String> sample = Fixtures.spamassassinLines();
    List<String> lines = new ArrayList<>(sample);
    ObjectMapper json = new ObjectMapper();
    for (String line : sample.subList(0, 40)) {
      ObjectNode document = (ObjectNode) json.readTree(line);
      document.put("id", "copy-of-" + document.path("id").asText());
      document.put("text", document.path("text").asText().replace(" ", "  "));
      lines.add(json.writeValueAsString(document));
    }
    Path hostile = Fixtures.copy(Fixtures.HOSTILE, dir.resolve("hostile"));
    lines.addAll(Files.readAllLines(hostile.resolve("invalid-json.jsonl"), StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(hostile.resolve("missing-text.jsonl"), StandardCharsets.UTF_8));
    Files.createDirectories(target);
    Files.write(target.resolve("corpus.jsonl"), lines, StandardCharsets.UTF_8);
    return target;
  }

  /** Every record of a stage output directory, serialized, in the order of {@code key}. */
  private static <T extends SpecificRecordBase> List<String> records(
      Path directory, Class<T> type, Function<T, ?> key) throws IOException {
    List<T> records = new ArrayList<>(AvroFiles.read(directory, type));
    records.sort(Comparator.comparing(record -> String.valueOf(key.apply(record))));
    List<String> serialized = new ArrayList<>();
    for (T record : records) {
      serialized.add(key.apply(record) + " " + HexFormat.of().formatHex(toBytes(record)));
    }
    return serialized;
  }

  private static byte[] toBytes(SpecificRecordBase record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecordBase>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** The line of a command's output that starts with {@code prefix}, without its path and time. */
  private static String summary(String output, String prefix) {
    return output
        .lines()
        .filter(line -> line.startsWith(prefix))
        .findFirst()
        .map(line -> line.replaceAll(";.*", ""))
        .orElse("(no line starting with '" + prefix + "' in:\n" + output + ")");
  }

  /** Runs a command, its output into {@code log}; fails with that output unless it exits 0. */
  private static String run(Path log, Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean done = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!done) {
      destroyWithContainers(process);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(
        done && process.exitValue() == 0,
        (done ? "exit " + process.exitValue() : "timed out")
            + ": "
            + String.join(" ", command).replaceAll("-cp \\S+", "-cp ...")
            + "\n"
            + output);
    return output;
  }

  private static void destroyWithContainers(Process process) {
    // the node manager's containers are the cluster's descendants; they outlive it unless stopped
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void writeSite(Path file, Map<String, String> properties) throws IOException {
    Configuration site = new Configuration(false);
    properties.forEach(site::set);
    try (var out = Files.newOutputStream(file)) {
      site.writeXml(out);
    }
  }

  private static List<String> jdkFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("--add-opens"))
        .toList();
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double since(long start) {
    return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines =
        Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: run this test through Maven (failsafe sets it)");
    }
    return value;
  }
}
