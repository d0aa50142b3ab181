package dev.sheaf.train;

import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StageOption;
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
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/**
 * The parsed, validated options of {@code sheaf train}. {@code arch} null: follow the label count.
 *
 * <p>It does one thing: turns train's command line into validated settings; most of its lines are
 * the checks of the options that depend on one another, each with its one-line message.
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
  static final double DEFAULT_DROPOUT = 0;
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

  /** The options of {@code sheaf train}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(
        StageOption.concat(
            List.of(TrainOption.values()),
            List.of(GpuOption.values()),
            List.of(JobOption.values())));
  }

  static TrainOptions parse(CommandLine line, int defaultSlices) {
    String archName = TrainOption.ARCH.value(line);
    Arch arch = null;
    if (archName != null) {
      arch = Arch.parse(archName.trim().toLowerCase(Locale.ROOT));
      if (arch == null) {
        throw new UsageException(
            TrainOption.ARCH.flag() + " must be logreg, softmax or mlp (got '" + archName + "')");
      }
    }
    if (arch != Arch.MLP) {
      for (TrainOption mlpOnly :
          new TrainOption[] {TrainOption.HIDDEN, TrainOption.ACTIVATION, TrainOption.DROPOUT}) {
        if (mlpOnly.isSet(line)) {
          throw new UsageException(
              mlpOnly.flag() + " is an option of " + TrainOption.ARCH.flag() + " mlp");
        }
      }
    }
    List<Integer> hidden = arch == Arch.MLP ? hidden(TrainOption.HIDDEN.value(line)) : List.of();
    Activation activation = Activation.RELU;
    if (TrainOption.ACTIVATION.isSet(line)) {
      activation =
          Activation.parse(TrainOption.ACTIVATION.value(line).trim().toLowerCase(Locale.ROOT));
      if (activation == null) {
        throw new UsageException(
            TrainOption.ACTIVATION.flag()
                + " must be relu or tanh (got '"
                + TrainOption.ACTIVATION.value(line)
                + "')");
      }
    }
    double dropout =
        TrainOption.DROPOUT.isSet(line)
            ? OptionValues.nonNegative(TrainOption.DROPOUT.flag(), TrainOption.DROPOUT.value(line))
            : DEFAULT_DROPOUT;
    if (dropout >= 1) {
      throw new UsageException(
          TrainOption.DROPOUT.flag()
              + " must be below 1 (got '"
              + TrainOption.DROPOUT.value(line)
              + "')");
    }
    OptimizerKind optimizer = DEFAULT_OPTIMIZER;
    if (TrainOption.OPTIMIZER.isSet(line)) {
      optimizer =
          OptimizerKind.parse(TrainOption.OPTIMIZER.value(line).trim().toLowerCase(Locale.ROOT));
      if (optimizer == null) {
        throw new UsageException(
            TrainOption.OPTIMIZER.flag()
                + " must be sgd, momentum, adagrad or adam (got '"
                + TrainOption.OPTIMIZER.value(line)
                + "')");
      }
    }
    double lr =
        TrainOption.LR.isSet(line)
            ? positive(TrainOption.LR.flag(), TrainOption.LR.value(line))
            : defaultLr(optimizer);
    boolean l2Auto =
        TrainOption.L2.isSet(line) && TrainOption.L2.value(line).trim().equalsIgnoreCase(L2_AUTO);
    double l2 =
        TrainOption.L2.isSet(line) && !l2Auto
            ? OptionValues.nonNegative(TrainOption.L2.flag(), TrainOption.L2.value(line))
            : DEFAULT_L2;
    SyncMode sync =
        choice(
            TrainOption.SYNC.flag(),
            TrainOption.SYNC.value(line, SyncMode.AVERAGE.optionName()),
            SyncMode.class);
    if (l2Auto && sync != SyncMode.LBFGS) {
      throw new UsageException(
          TrainOption.L2.flag()
              + " auto solves a path of penalties to their optima: it needs "
              + TrainOption.SYNC.flag()
              + " lbfgs");
    }
    if (l2Auto && TrainOption.PATIENCE.isSet(line)) {
      throw new UsageException(
          TrainOption.PATIENCE.flag()
              + " does not apply to "
              + TrainOption.L2.flag()
              + " auto (it keeps the best optimum along its path)");
    }
    if (sync == SyncMode.LBFGS) {
      if (arch == Arch.MLP) {
        throw new UsageException(
            TrainOption.SYNC.flag()
                + " lbfgs trains logreg and softmax; the MLP trains with "
                + TrainOption.SYNC.flag()
                + " average or gradient");
      }
      for (TrainOption stepOnly :
          new TrainOption[] {TrainOption.OPTIMIZER, TrainOption.LR, TrainOption.LR_SCHEDULE}) {
        if (stepOnly.isSet(line)) {
          throw new UsageException(
              stepOnly.flag()
                  + " does not apply to "
                  + TrainOption.SYNC.flag()
                  + " lbfgs (its line search chooses each step)");
        }
      }
    }
    LrSchedule schedule =
        choice(
            TrainOption.LR_SCHEDULE.flag(),
            TrainOption.LR_SCHEDULE.value(line, LrSchedule.CONSTANT.optionName()),
            LrSchedule.class);
    long seed;
    try {
      seed = Long.parseLong(TrainOption.SEED.value(line, Long.toString(DEFAULT_SEED)).trim());
    } catch (NumberFormatException e) {
      throw new UsageException(
          TrainOption.SEED.flag()
              + " must be an integer (got '"
              + TrainOption.SEED.value(line)
              + "')");
    }
    int patience =
        TrainOption.PATIENCE.isSet(line)
            ? OptionValues.positiveInt(line, TrainOption.PATIENCE, 1)
            : 0;
    return new TrainOptions(
        new Path(TrainOption.SHARDS.value(line)),
        new Path(TrainOption.MODEL.value(line)),
        TrainOption.OVERWRITE.isSet(line),
        TrainOption.RESUME.isSet(line),
        arch,
        hidden,
        activation,
        dropout,
        OptionValues.positiveInt(
            line,
            TrainOption.EPOCHS,
            sync == SyncMode.LBFGS ? DEFAULT_LBFGS_EPOCHS : DEFAULT_EPOCHS),
        OptionValues.positiveInt(line, TrainOption.BATCH_SIZE, DEFAULT_BATCH_SIZE),
        lr,
        optimizer,
        l2,
        l2Auto,
        sync,
        seed,
        OptionValues.positiveInt(line, TrainOption.SLICES, Math.max(1, defaultSlices)),
        schedule,
        patience,
        OptionValues.positiveInt(line, TrainOption.KEEP_CHECKPOINTS, DEFAULT_KEEP_CHECKPOINTS),
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
            TrainOption.HIDDEN.flag()
                + " must be layer widths from 1 to 65536 separated by commas, as 256,128 (got '"
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
