package dev.sheaf.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code sheaf pipeline}: dedupe, clean, vectorize, shard, train and evaluate in one command, each
 * stage's options from a properties file or {@code --set}. After each stage it records, in {@code
 * _pipeline/STAGE.json}, the arguments, the fingerprint of what the stage read and of what it
 * wrote; {@code --resume} skips a stage whose record matches (and whose output is still the one
 * recorded) and reruns it and every later stage otherwise; an interrupted train is continued with
 * {@code train --resume}. Ends with one summary (also {@code _pipeline/summary.json}).
 *
 * <p>It does one thing: runs the stages in order and records each one's run.
 */
public final class PipelineCommand extends SheafCommand {
  static final String STATE = "_pipeline";
  static final String SUMMARY = "summary.json";
  private static final ObjectMapper JSON = JsonFiles.mapper();

  public PipelineCommand() {
    super(
        "pipeline",
        "Run dedupe, clean, vectorize, shard, train and evaluate in one go; --resume skips what is up to date.");
  }

  @Override
  protected String synopsis() {
    return "--input PATH [--format F] --work DIR [--conf sheaf.properties] [--set STAGE.OPTION=VALUE ...] "
        + "[--resume | --overwrite] [--from STAGE] [--to STAGE]";
  }

  @Override
  protected Options options() {
    return PipelineOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Configuration conf = getConf();
    PipelineOptions options = PipelineOptions.parse(line, conf);
    StagePaths.checkLiteral("--work", options.work());
    FileSystem fs = options.work().getFileSystem(conf);
    Path work = fs.makeQualified(options.work());
    try (WorkLock lock = WorkLock.take(conf, work)) {
      return run(conf, options, fs, work);
    }
  }

  private int run(Configuration conf, PipelineOptions options, FileSystem fs, Path work)
      throws Exception {
    List<Path> inputs =
        options.from() == Stage.DEDUPE
            ? StageInputs.check(conf, options.inputs()).paths()
            : options.inputs();
    checkWork(options, fs, work);
    Path state = new Path(work, STATE);
    fs.mkdirs(state);
    ArrayNode stages = JSON.createArrayNode();
    boolean upstreamChanged = false;
    for (Stage stage = options.from(); stage != null; stage = next(stage, options.to())) {
      List<String> args = new ArrayList<>(stage.managedArguments(work, inputs, options.format()));
      args.addAll(options.stageArguments().get(stage));
      ObjectNode record = JSON.createObjectNode();
      record.put("stage", stage.command());
      record.set("args", JSON.valueToTree(args));
      record.put("input", inputFingerprint(conf, stage, work, inputs));
      if (options.resume() && !upstreamChanged && upToDate(conf, stage, work, record)) {
        System.out.println("pipeline: " + stage.command() + " is up to date (skipped)");
        stages.add(summarize(conf, stage, work, record, null, 0));
        continue;
      }
      upstreamChanged = true;
      stages.add(runRecorded(conf, options, fs, work, stage, args, record));
    }
    ObjectNode summary = JSON.createObjectNode();
    summary.put("work", work.toString());
    summary.set("stages", stages);
    JsonFiles.write(conf, new Path(state, SUMMARY), summary);
    System.out.print(PipelineSummary.table(summary));
    return 0;
  }

  /**
   * Checks that the outputs of earlier stages that the stages to run read are there, and (without
   * --resume or --overwrite) that the stages to run have no output yet.
   */
  private static void checkWork(PipelineOptions options, FileSystem fs, Path work)
      throws IOException {
    for (Stage stage = options.from(); stage != null; stage = next(stage, options.to())) {
      for (Stage read : stage.reads()) {
        if (read.ordinal() < options.from().ordinal() && !fs.exists(read.resultFile(work))) {
          throw new UsageException(
              "--from "
                  + options.from().command()
                  + " needs the "
                  + read.command()
                  + " output "
                  + read.resultFile(work)
                  + "; run the earlier stages first");
        }
      }
    }
    if (!options.resume() && !options.overwrite()) {
      for (Stage stage = options.from(); stage != null; stage = next(stage, options.to())) {
        if (fs.exists(stage.output(work))) {
          throw new UsageException(
              "--work "
                  + options.work()
                  + " already holds "
                  + stage.output(work).getName()
                  + "; pass --resume to reuse what is up to date, or --overwrite to run every stage again");
        }
      }
    }
  }

  /**
   * Runs {@code stage} (an interrupted train with --resume continues), recording its start and,
   * once it has finished, its output's fingerprint; returns its line of the summary.
   */
  private ObjectNode runRecorded(
      Configuration conf,
      PipelineOptions options,
      FileSystem fs,
      Path work,
      Stage stage,
      List<String> args,
      ObjectNode record)
      throws Exception {
    Path state = new Path(work, STATE);
    boolean resumeTraining =
        stage == Stage.TRAIN
            && options.resume()
            && sameStart(conf, state, record)
            && fs.exists(new Path(stage.output(work), "training.json"));
    List<String> run = new ArrayList<>(args);
    run.add(resumeTraining ? "--resume" : "--overwrite");
    JsonFiles.write(conf, new Path(state, stage.command() + ".started.json"), record);
    System.out.println(
        "pipeline: "
            + stage.command()
            + (resumeTraining ? " (continuing the interrupted run)" : ""));
    resetHeapPeaks();
    long started = System.nanoTime();
    runStage(stage, run);
    double seconds = (System.nanoTime() - started) / 1e9;
    long peakHeap = heapPeak();
    record.put("output", fingerprint(conf, stage.resultFile(work)));
    JsonFiles.write(conf, new Path(state, stage.command() + ".json"), record);
    return summarize(conf, stage, work, record, seconds, peakHeap);
  }

  private static Stage next(Stage stage, Stage last) {
    return stage == last ? null : Stage.values()[stage.ordinal() + 1];
  }

  private void runStage(Stage stage, List<String> args) throws Exception {
    SheafCommand command = Sheaf.command(stage.command());
    int status;
    try {
      status = ToolRunner.run(getConf(), command, args.toArray(new String[0]));
    } catch (UsageException e) {
      throw new UsageException("stage " + stage.command() + ": " + e.getMessage());
    } catch (StageFailedException e) {
      throw new StageFailedException("stage " + stage.command() + ": " + e.getMessage());
    }
    if (status != 0) {
      throw new StageFailedException("stage " + stage.command() + " exited with " + status);
    }
  }

  /**
   * What the stage reads: the raw input's fingerprint, or the SHA-256 of the result files it reads.
   */
  private static String inputFingerprint(
      Configuration conf, Stage stage, Path work, List<Path> inputs) throws IOException {
    if (stage == Stage.DEDUPE) {
      return Manifest.inputFingerprint(conf, inputs);
    }
    StringBuilder fingerprints = new StringBuilder();
    for (Stage read : stage.reads()) {
      fingerprints.append(fingerprint(conf, read.resultFile(work))).append(' ');
    }
    return fingerprints.toString().trim();
  }

  /**
   * Whether the recorded run of {@code stage} had these arguments and input, and its output is
   * still there, unchanged.
   */
  private static boolean upToDate(Configuration conf, Stage stage, Path work, ObjectNode current)
      throws IOException {
    Path recordFile = new Path(new Path(work, STATE), stage.command() + ".json");
    FileSystem fs = recordFile.getFileSystem(conf);
    if (!fs.isFile(recordFile) || !fs.exists(stage.resultFile(work))) {
      return false;
    }
    JsonNode recorded = JsonFiles.read(conf, recordFile);
    return recorded.path("args").equals(current.path("args"))
        && recorded.path("input").asText().equals(current.path("input").asText())
        && recorded.path("output").asText().equals(fingerprint(conf, stage.resultFile(work)))
        && dataFilesIntact(conf, stage.resultFile(work));
  }

  /**
   * Whether the data files beside a stage manifest are still the ones it lists (sizes compared).
   */
  private static boolean dataFilesIntact(Configuration conf, Path resultFile) throws IOException {
    if (!resultFile.getName().equals(Manifest.FILE_NAME)) {
      return true;
    }
    JsonNode files = JsonFiles.read(conf, resultFile).path("output").path("files");
    return files.isArray()
        && Manifest.checkFiles(resultFile.getFileSystem(conf), resultFile.getParent(), files)
            == null;
  }

  /** Whether an interrupted run of the stage started with these arguments and input. */
  private static boolean sameStart(Configuration conf, Path state, ObjectNode current)
      throws IOException {
    Path started = new Path(state, current.path("stage").asText() + ".started.json");
    if (!started.getFileSystem(conf).isFile(started)) {
      return false;
    }
    JsonNode recorded = JsonFiles.read(conf, started);
    return recorded.path("args").equals(current.path("args"))
        && recorded.path("input").asText().equals(current.path("input").asText());
  }

  /** SHA-256 of a file, or "" when it is missing. */
  static String fingerprint(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    if (!fs.isFile(file)) {
      return "";
    }
    try (InputStream in = fs.open(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The summary entry of a stage: its result file's figures, seconds and peak heap (null seconds:
   * skipped).
   */
  private static ObjectNode summarize(
      Configuration conf, Stage stage, Path work, ObjectNode record, Double seconds, long peakHeap)
      throws IOException {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("stage", stage.command());
    entry.put("skipped", seconds == null);
    if (seconds != null) {
      entry.put("seconds", seconds);
      entry.put("peakHeapMiB", peakHeap >> 20);
    }
    JsonNode result = JsonFiles.read(conf, stage.resultFile(work));
    switch (stage) {
      case TRAIN -> {
        entry.put("epoch", result.path("epoch").asInt());
        entry.put("epochsTrained", result.path("epochsTrained").asInt());
        entry.set("metrics", result.path("metrics"));
        entry.put("records", result.path("shards").path("train").asLong());
      }
      case EVALUATE -> {
        for (String metric : new String[] {"examples", "accuracy", "macro_f1", "log_loss", "auc"}) {
          if (result.has(metric)) {
            entry.set(metric, result.path(metric));
          }
        }
      }
      default -> {
        entry.set("records", result.path("records"));
        entry.put("inputBytes", result.path("inputBytes").asLong());
      }
    }
    return entry;
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use).
   */
  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
