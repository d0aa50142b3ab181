package dev.sheaf.quickstart;

import dev.sheaf.clean.CleanJob;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageOption;
import dev.sheaf.dedupe.DedupeJob;
import dev.sheaf.evaluate.EvaluateJob;
import dev.sheaf.export.ExportCommand;
import dev.sheaf.predict.PredictJob;
import dev.sheaf.shard.ShardJob;
import dev.sheaf.train.TrainJob;
import dev.sheaf.vectorize.VectorizeJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code sheaf quickstart}: runs the whole chain on the bundled sample corpus (300 SpamAssassin
 * e-mails as JSON lines): dedupe, clean, vectorize, shard, export, train and evaluate, each stage's
 * output replacing the last run's, and says where to look next.
 */
public final class QuickstartCommand extends SheafCommand {
  static final String SAMPLE_RESOURCE = "/dev/sheaf/sample/spamassassin-300.jsonl";
  static final String DEFAULT_WORK = "sheaf-work/quickstart";

  public QuickstartCommand() {
    super(
        "quickstart",
        "Run the whole chain (dedupe, clean, vectorize, shard, export, train, evaluate, predict) on the bundled"
            + " sample corpus.");
  }

  @Override
  protected String synopsis() {
    return "[" + QuickstartOption.WORK.flag() + " DIR]";
  }

  @Override
  protected Options options() {
    return StageOption.toOptions(List.of(QuickstartOption.values()));
  }

  /**
   * One command of the chain and its arguments, separated by spaces; {@code {work}} and {@code
   * {input}} in an argument stand for the work directory and the copied sample.
   */
  private record Step(SheafCommand command, String arguments) {}

  private static List<Step> steps() {
    return List.of(
        new Step(
            new DedupeJob(), "--input {input} --format jsonl --output {work}/dedupe --overwrite"),
        // clean's default profile, for labelled data: normalise, extract, mask; no web-text rule
        // drops an e-mail
        new Step(
            new CleanJob(),
            "--input {work}/dedupe --output {work}/clean --overwrite --strip-quotes"),
        new Step(
            new VectorizeJob(),
            "--input {work}/clean --output {work}/vectors --overwrite --features vocab --ngrams 1-2"
                + " --stopwords en"),
        new Step(
            new ShardJob(),
            "--input {work}/vectors --output {work}/shards --overwrite --shards 2 --split 80/10/10"
                + " --seed 42"),
        new Step(
            new ExportCommand(),
            "--shards {work}/shards --split train --output {work}/train.svm --overwrite"),
        // the defaults: what a user who passes no training flags gets
        new Step(new TrainJob(), "--shards {work}/shards --model {work}/model --overwrite"),
        new Step(new EvaluateJob(), "--model {work}/model --shards {work}/shards --split test"),
        // the raw sample again, as new documents would come: the model's own clean and vectorize
        new Step(
            new PredictJob(),
            "--model {work}/model --input {input} --format jsonl --output {work}/predictions"
                + " --overwrite --jsonl"));
  }

  /** What to look at next, with {@code {work}} as in {@link Step}. */
  private static final List<String> NEXT =
      List.of(
          "inspect {work}/dedupe/_duplicates",
          "inspect {work}/clean/_MANIFEST.json",
          "inspect {work}/shards/train --limit 2",
          "inspect {work}/shards/_MANIFEST.json",
          "shard --verify {work}/shards",
          "inspect {work}/model/model.json",
          "inspect {work}/model/metrics.jsonl",
          "inspect {work}/predictions/part-m-00000.jsonl --limit 5");

  @Override
  protected int execute(CommandLine line) throws Exception {
    Path work = new Path(QuickstartOption.WORK.value(line, DEFAULT_WORK));
    Path input = new Path(work, "input/spamassassin-300.jsonl");
    copySample(input);
    System.out.println("quickstart: sample corpus " + input);
    for (Step step : steps()) {
      int status =
          ToolRunner.run(getConf(), step.command(), arguments(step.arguments(), work, input));
      if (status != 0) {
        return status;
      }
    }
    System.out.println("quickstart: done. Look at the results with:");
    for (String next : NEXT) {
      System.out.println("  bin/sheaf " + String.join(" ", arguments(next, work, input)));
    }
    return 0;
  }

  /** Splits on spaces first, so a work directory with spaces stays one argument. */
  private static String[] arguments(String template, Path work, Path input) {
    return Arrays.stream(template.split(" "))
        .map(a -> a.replace("{work}", work.toString()).replace("{input}", input.toString()))
        .toArray(String[]::new);
  }

  private void copySample(Path target) throws IOException {
    FileSystem fs = target.getFileSystem(getConf());
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new StageFailedException(
            "the sample corpus " + SAMPLE_RESOURCE + " is missing from the jar; rebuild it");
      }
      try (OutputStream out = fs.create(target, true)) {
        in.transferTo(out);
      }
    }
  }
}
