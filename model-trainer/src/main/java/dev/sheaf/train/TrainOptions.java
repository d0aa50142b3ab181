package dev.sheaf.train;

import dev.sheaf.common.OptionValues;
import dev.sheaf.common.UsageException;
import dev.sheaf.model.Activation;
import dev.sheaf.model.Arch;
import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.OptimizerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/**
 * The parsed, validated options of {@code sheaf train}. {@code arch} null: follow the label count.
 */
record TrainOptions(
    Path shards,
    Path model,
    boolean overwrite,
    boolean resume,
    Arch arch,
    List<Integer> hidden,
    Activation activation,
    double dropout,
    int epochs,
    int batchSize,
    double lr,
    OptimizerKind optimizer,
    double l2,
    boolean l2Auto,
    SyncMode sync,
    long seed,
    int slices,
    LrSchedule schedule,
    int patience,
    int keepCheckpoints,
    GpuOptions gpu) {
  static final int DEFAULT_EPOCHS = 10;

  /** {@code --sync lbfgs}: iterations at most (it stops earlier at its tolerance). */
  static final int DEFAULT_LBFGS_EPOCHS = 100;

  static final int DEFAULT_BATCH_SIZE = 32;
  static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.ADAGRAD;
  static final double DEFAULT_L2 = 3e-5;

  /** {@code --l2 auto}: an {@link L2Path}. */
  static final String L2_AUTO = "auto";

  static final long DEFAULT_SEED = 42;
  static final int DEFAULT_KEEP_CHECKPOINTS = 3;

  /**
   * One hidden layer of 64: the first layer has dim × width weights (2^20 features × 64 = 256 MiB
   * of floats, which a map task holds about five times in average mode with AdaGrad).
   */
  static final List<Integer> DEFAULT_HIDDEN = List.of(64);

  /**
   * The default learning rate of each optimizer (its usual scale for l2-normalised sparse
   * features).
   */
  static double defaultLr(OptimizerKind optimizer) {
    return switch (optimizer) {
      case SGD, MOMENTUM -> 1.0;
      case ADAGRAD -> 0.5;
      case ADAM -> 0.01;
    };
  }

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("shards")
            .hasArg()
            .argName("DIR")
            .required()
            .desc("a shard set (the output of sheaf shard): trains on train/, validates on valid/")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("model")
            .hasArg()
            .argName("DIR")
            .required()
            .desc(
                "the model directory: model.json, params/, metrics.jsonl, epoch-NNNN/ checkpoints")
            .build());
    options.addOption(
        Option.builder().longOpt("overwrite").desc("replace an existing model directory").build());
    options.addOption(
        Option.builder()
            .longOpt("resume")
            .desc(
                "continue from the newest complete checkpoint in --model (same options; --epochs may grow)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("arch")
            .hasArg()
            .argName("ARCH")
            .desc(
                "logreg (two labels), softmax or mlp; default: logreg for two labels, softmax for more")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("hidden")
            .hasArg()
            .argName("W[,W...]")
            .desc("mlp: hidden layer widths, the first fed by the sparse features (default 64)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("activation")
            .hasArg()
            .argName("F")
            .desc("mlp: relu (default, He init) or tanh (LeCun init)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("dropout")
            .hasArg()
            .argName("P")
            .desc(
                "mlp: probability of dropping a hidden unit while training, 0 <= P < 1 (default 0)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("epochs")
            .hasArg()
            .argName("N")
            .desc(
                "epochs, one MapReduce job each (default "
                    + DEFAULT_EPOCHS
                    + "); lbfgs: iterations, each a pass per"
                    + " step length tried (default "
                    + DEFAULT_LBFGS_EPOCHS
                    + ", fewer at convergence)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("batch-size")
            .hasArg()
            .argName("B")
            .desc("examples per mini-batch step in a map task (default " + DEFAULT_BATCH_SIZE + ")")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("lr")
            .hasArg()
            .argName("F")
            .desc("learning rate (default: sgd 1.0, momentum 1.0, adagrad 0.5, adam 0.01)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("optimizer")
            .hasArg()
            .argName("OPT")
            .desc("sgd, momentum (Nesterov, 0.9), adagrad (default) or adam")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("l2")
            .hasArg()
            .argName("F")
            .desc(
                "L2 penalty (l2/2)·|W|² on the weights, not the bias (default "
                    + DEFAULT_L2
                    + "); with --sync lbfgs,"
                    + " auto: the highest valid accuracy along a warm-started path of l2 = 1/(C n), C = 1, 4, ..., 1024")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("sync")
            .hasArg()
            .argName("MODE")
            .desc(
                "average (default: local steps, averaged deltas), gradient (one exact full-batch step an epoch) or lbfgs"
                    + " (L-BFGS on the exact objective, linear models; the result does not depend on the map tasks)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("seed")
            .hasArg()
            .argName("S")
            .desc(
                "seed of the per-epoch example order, the MLP's initial weights and dropout (default "
                    + DEFAULT_SEED
                    + ")")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("slices")
            .hasArg()
            .argName("K")
            .desc(
                "parameter slices = reduce tasks (default: mapreduce.job.reduces; embedded: the cores)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("lr-schedule")
            .hasArg()
            .argName("S")
            .desc("constant (default), step (x0.1 at 50% and 75% of the epochs) or cosine")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("patience")
            .hasArg()
            .argName("P")
            .desc("stop after P epochs without a lower validation loss (default: run every epoch)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("keep-checkpoints")
            .hasArg()
            .argName("N")
            .desc(
                "newest checkpoints kept besides the best (default "
                    + DEFAULT_KEEP_CHECKPOINTS
                    + ")")
            .build());
    GpuOptions.addTo(options);
    return options;
  }

  static TrainOptions parse(CommandLine line, int defaultSlices) {
    String archName = line.getOptionValue("arch");
    Arch arch = null;
    if (archName != null) {
      arch = Arch.parse(archName.trim().toLowerCase(Locale.ROOT));
      if (arch == null) {
        throw new UsageException("--arch must be logreg, softmax or mlp (got '" + archName + "')");
      }
    }
    if (arch != Arch.MLP) {
      for (String mlpOnly : new String[] {"hidden", "activation", "dropout"}) {
        if (line.hasOption(mlpOnly)) {
          throw new UsageException("--" + mlpOnly + " is an option of --arch mlp");
        }
      }
    }
    List<Integer> hidden = arch == Arch.MLP ? hidden(line.getOptionValue("hidden")) : List.of();
    Activation activation = Activation.RELU;
    if (line.hasOption("activation")) {
      activation =
          Activation.parse(line.getOptionValue("activation").trim().toLowerCase(Locale.ROOT));
      if (activation == null) {
        throw new UsageException(
            "--activation must be relu or tanh (got '" + line.getOptionValue("activation") + "')");
      }
    }
    double dropout =
        line.hasOption("dropout")
            ? OptionValues.nonNegative("--dropout", line.getOptionValue("dropout"))
            : 0;
    if (dropout >= 1) {
      throw new UsageException(
          "--dropout must be below 1 (got '" + line.getOptionValue("dropout") + "')");
    }
    OptimizerKind optimizer = DEFAULT_OPTIMIZER;
    if (line.hasOption("optimizer")) {
      optimizer =
          OptimizerKind.parse(line.getOptionValue("optimizer").trim().toLowerCase(Locale.ROOT));
      if (optimizer == null) {
        throw new UsageException(
            "--optimizer must be sgd, momentum, adagrad or adam (got '"
                + line.getOptionValue("optimizer")
                + "')");
      }
    }
    double lr =
        line.hasOption("lr") ? positive("--lr", line.getOptionValue("lr")) : defaultLr(optimizer);
    boolean l2Auto =
        line.hasOption("l2") && line.getOptionValue("l2").trim().equalsIgnoreCase(L2_AUTO);
    double l2 =
        line.hasOption("l2") && !l2Auto
            ? OptionValues.nonNegative("--l2", line.getOptionValue("l2"))
            : DEFAULT_L2;
    SyncMode sync = choice("--sync", line.getOptionValue("sync", "average"), SyncMode.class);
    if (l2Auto && sync != SyncMode.LBFGS) {
      throw new UsageException(
          "--l2 auto solves a path of penalties to their optima: it needs --sync lbfgs");
    }
    if (l2Auto && line.hasOption("patience")) {
      throw new UsageException(
          "--patience does not apply to --l2 auto (it keeps the best optimum along its path)");
    }
    if (sync == SyncMode.LBFGS) {
      if (arch == Arch.MLP) {
        throw new UsageException(
            "--sync lbfgs trains logreg and softmax; the MLP trains with --sync average or gradient");
      }
      for (String stepOnly : new String[] {"optimizer", "lr", "lr-schedule"}) {
        if (line.hasOption(stepOnly)) {
          throw new UsageException(
              "--"
                  + stepOnly
                  + " does not apply to --sync lbfgs (its line search chooses each step)");
        }
      }
    }
    LrSchedule schedule =
        choice("--lr-schedule", line.getOptionValue("lr-schedule", "constant"), LrSchedule.class);
    long seed;
    try {
      seed = Long.parseLong(line.getOptionValue("seed", Long.toString(DEFAULT_SEED)).trim());
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--seed must be an integer (got '" + line.getOptionValue("seed") + "')");
    }
    int patience = line.hasOption("patience") ? OptionValues.positiveInt(line, "patience", 1) : 0;
    return new TrainOptions(
        new Path(line.getOptionValue("shards")),
        new Path(line.getOptionValue("model")),
        line.hasOption("overwrite"),
        line.hasOption("resume"),
        arch,
        hidden,
        activation,
        dropout,
        OptionValues.positiveInt(
            line, "epochs", sync == SyncMode.LBFGS ? DEFAULT_LBFGS_EPOCHS : DEFAULT_EPOCHS),
        OptionValues.positiveInt(line, "batch-size", DEFAULT_BATCH_SIZE),
        lr,
        optimizer,
        l2,
        l2Auto,
        sync,
        seed,
        OptionValues.positiveInt(line, "slices", Math.max(1, defaultSlices)),
        schedule,
        patience,
        OptionValues.positiveInt(line, "keep-checkpoints", DEFAULT_KEEP_CHECKPOINTS),
        GpuOptions.parse(line));
  }

  private static List<Integer> hidden(String value) {
    if (value == null) {
      return DEFAULT_HIDDEN;
    }
    List<Integer> widths = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      try {
        int width = Integer.parseInt(part.trim());
        if (width < 1 || width > 65_536) {
          throw new NumberFormatException();
        }
        widths.add(width);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--hidden must be layer widths from 1 to 65536 separated by commas, as 256,128 (got '"
                + value
                + "')");
      }
    }
    return widths;
  }

  /**
   * The model these options train on {@code dim} features and {@code labels} labels ({@code arch}
   * resolved).
   */
  ModelSpec spec(Arch resolvedArch, int dim, int labels) {
    return new ModelSpec(resolvedArch, dim, labels, hidden, activation, dropout);
  }

  private static double positive(String option, String value) {
    double parsed = OptionValues.nonNegative(option, value);
    if (parsed == 0) {
      throw new UsageException(option + " must be greater than 0 (got '" + value + "')");
    }
    return parsed;
  }

  private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.trim())) {
        return constant;
      }
    }
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      names
          .append(names.length() == 0 ? "" : ", ")
          .append(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new UsageException(option + " must be one of " + names + " (got '" + value + "')");
  }

  /**
   * The options that decide the trained model, as {@code training.json} records them: a resumed run
   * must match them. Not the epoch count, patience, checkpoint keeping or slice count: the slices
   * split the reducers' work, not the arithmetic.
   */
  Map<String, Object> modelParameters(Arch resolvedArch) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("arch", resolvedArch.optionName());
    if (resolvedArch == Arch.MLP) {
      parameters.put("hidden", hidden);
      parameters.put("activation", activation.optionName());
      parameters.put("dropout", dropout);
    }
    parameters.put("batchSize", batchSize);
    if (sync != SyncMode.LBFGS) {
      // L-BFGS's line search chooses its steps: no optimizer, rate or schedule applies
      parameters.put("lr", lr);
      parameters.put("optimizer", optimizer.optionName());
    }
    parameters.put("l2", l2Auto ? L2_AUTO : l2);
    parameters.put("sync", sync.optionName());
    parameters.put("seed", seed);
    if (sync != SyncMode.LBFGS) {
      parameters.put("lrSchedule", schedule.optionName());
    }
    return parameters;
  }
}
