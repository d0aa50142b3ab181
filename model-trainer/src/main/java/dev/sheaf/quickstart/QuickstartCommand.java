package dev.sheaf.quickstart;

import dev.sheaf.clean.CleanJob;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
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
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
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
    return "[--work DIR]";
  }

  @Override
  protected Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("work")
            .hasArg()
            .argName("DIR")
            .desc("where the sample and each stage's output go (default " + DEFAULT_WORK + ")")
            .build());
    return options;
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Path work = new Path(line.getOptionValue("work", DEFAULT_WORK));
    Path input = new Path(work, "input/spamassassin-300.jsonl");
    copySample(input);
    Path dedupe = new Path(work, "dedupe");
    System.out.println("quickstart: sample corpus " + input);
    int status =
        ToolRunner.run(
            getConf(),
            new DedupeJob(),
            new String[] {
              "--input",
              input.toString(),
              "--format",
              "jsonl",
              "--output",
              dedupe.toString(),
              "--overwrite"
            });
    if (status != 0) {
      return status;
    }
    Path clean = new Path(work, "clean");
    Path vectors = new Path(work, "vectors");
    Path shards = new Path(work, "shards");
    Path exported = new Path(work, "train.svm");
    Path model = new Path(work, "model");
    Path predictions = new Path(work, "predictions");
    String[][] stages = {
      // clean's default profile, for labelled data: normalise, extract, mask; no web-text rule
      // drops an e-mail
      {"--input", dedupe.toString(), "--output", clean.toString(), "--overwrite", "--strip-quotes"},
      {
        "--input",
        clean.toString(),
        "--output",
        vectors.toString(),
        "--overwrite",
        "--features",
        "vocab",
        "--ngrams",
        "1-2",
        "--stopwords",
        "en"
      },
      {
        "--input",
        vectors.toString(),
        "--output",
        shards.toString(),
        "--overwrite",
        "--shards",
        "2",
        "--split",
        "80/10/10",
        "--seed",
        "42"
      },
      {
        "--shards",
        shards.toString(),
        "--split",
        "train",
        "--output",
        exported.toString(),
        "--overwrite"
      },
      // the defaults: what a user who passes no training flags gets
      {"--shards", shards.toString(), "--model", model.toString(), "--overwrite"},
      {"--model", model.toString(), "--shards", shards.toString(), "--split", "test"},
      // the raw sample again, as new documents would come: the model's own clean and vectorize
      // steps
      {
        "--model",
        model.toString(),
        "--input",
        input.toString(),
        "--format",
        "jsonl",
        "--output",
        predictions.toString(),
        "--overwrite",
        "--jsonl"
      }
    };
    SheafCommand[] commands = {
      new CleanJob(),
      new VectorizeJob(),
      new ShardJob(),
      new ExportCommand(),
      new TrainJob(),
      new EvaluateJob(),
      new PredictJob()
    };
    for (int i = 0; i < stages.length; i++) {
      status = ToolRunner.run(getConf(), commands[i], stages[i]);
      if (status != 0) {
        return status;
      }
    }
    System.out.println("quickstart: done. Look at the results with:");
    System.out.println("  bin/sheaf inspect " + new Path(dedupe, "_duplicates"));
    System.out.println("  bin/sheaf inspect " + new Path(clean, "_MANIFEST.json"));
    System.out.println("  bin/sheaf inspect " + new Path(shards, "train") + " --limit 2");
    System.out.println("  bin/sheaf inspect " + new Path(shards, "_MANIFEST.json"));
    System.out.println("  bin/sheaf shard --verify " + shards);
    System.out.println("  bin/sheaf inspect " + new Path(model, "model.json"));
    System.out.println("  bin/sheaf inspect " + new Path(model, "metrics.jsonl"));
    System.out.println(
        "  bin/sheaf inspect " + new Path(predictions, "part-m-00000.jsonl") + " --limit 5");
    return 0;
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
