package dev.sheaf.train;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.PipelineRole;
import dev.sheaf.common.StageOption;
import dev.sheaf.model.Activation;
import dev.sheaf.model.ModelSpec;
import java.util.stream.Collectors;

/**
 * The settings of {@code sheaf train} besides the GPU options ({@link GpuOption}): one constant per
 * option or {@code -D}-only key, the defaults from {@link TrainOptions}' {@code DEFAULT_*}
 * constants.
 */
enum TrainOption implements StageOption {
  SHARDS(
      OptionSpec.valued(
              "shards",
              "DIR",
              "a shard set (the output of sheaf shard): trains on train/, validates on valid/")
          .mandatory()
          .setBy(PipelineRole.MANAGED)),
  MODEL(
      OptionSpec.valued(
              "model",
              "DIR",
              "the model directory: model.json, params/, metrics.jsonl, epoch-NNNN/ checkpoints")
          .mandatory()
          .setBy(PipelineRole.MANAGED)),
  OVERWRITE(
      OptionSpec.flag("overwrite", "replace an existing model directory")
          .setBy(PipelineRole.MANAGED)),
  RESUME(
      OptionSpec.flag(
              "resume",
              "continue from the newest complete checkpoint in --model (same options; --epochs may grow)")
          .setBy(PipelineRole.MANAGED)),
  ARCH(
      OptionSpec.valued(
              "arch",
              "ARCH",
              "logreg (two labels), softmax or mlp; default: logreg for two labels, softmax for more")
          .withKey(ModelSpec.ARCH)),
  HIDDEN(
      OptionSpec.valued(
              "hidden",
              "W[,W...]",
              "mlp: hidden layer widths, the first fed by the sparse features")
          .withDefault(
              TrainOptions.DEFAULT_HIDDEN.stream()
                  .map(String::valueOf)
                  .collect(Collectors.joining(",")))
          .withKey(ModelSpec.HIDDEN)),
  ACTIVATION(
      OptionSpec.valued("activation", "F", "mlp: relu (He init) or tanh (LeCun init)")
          .withDefault(Activation.RELU.optionName())
          .withKey(ModelSpec.ACTIVATION)),
  DROPOUT(
      OptionSpec.valued(
              "dropout",
              "P",
              "mlp: probability of dropping a hidden unit while training, 0 <= P < 1")
          .withDefault(TrainOptions.DEFAULT_DROPOUT)
          .withKey(ModelSpec.DROPOUT)),
  EPOCHS(
      OptionSpec.valued(
              "epochs",
              "N",
              "epochs, one MapReduce job each; with --sync lbfgs: iterations at most (default "
                  + TrainOptions.DEFAULT_LBFGS_EPOCHS
                  + ", fewer at convergence), each a pass per step length tried")
          .withDefault(TrainOptions.DEFAULT_EPOCHS)),
  BATCH_SIZE(
      OptionSpec.valued("batch-size", "B", "examples per mini-batch step in a map task")
          .withDefault(TrainOptions.DEFAULT_BATCH_SIZE)
          .withKey(EpochSettings.BATCH_SIZE)),
  LR(
      OptionSpec.valued(
              "lr", "F", "learning rate (default: sgd 1.0, momentum 1.0, adagrad 0.5, adam 0.01)")
          .withKey(EpochSettings.LR)),
  OPTIMIZER(
      OptionSpec.valued("optimizer", "OPT", "sgd, momentum (Nesterov, 0.9), adagrad or adam")
          .withDefault(TrainOptions.DEFAULT_OPTIMIZER.optionName())
          .withKey(EpochSettings.OPTIMIZER)),
  L2(
      OptionSpec.valued(
              "l2",
              "F",
              "L2 penalty (l2/2)·|W|² on the weights, not the bias; with --sync lbfgs,"
                  + " auto: the highest valid accuracy along a warm-started path of l2 = 1/(C n), C = 1, 4, ..., 1024")
          .withDefault(TrainOptions.DEFAULT_L2)
          .withKey(EpochSettings.L2)),
  SYNC(
      OptionSpec.valued(
              "sync",
              "MODE",
              "average (local steps, averaged deltas), gradient (one exact full-batch step an epoch) or lbfgs"
                  + " (L-BFGS on the exact objective, linear models; the result does not depend on the map tasks)")
          .withDefault(SyncMode.AVERAGE.optionName())
          .withKey(EpochSettings.SYNC)),
  SEED(
      OptionSpec.valued(
              "seed",
              "S",
              "seed of the per-epoch example order, the MLP's initial weights and dropout")
          .withDefault(TrainOptions.DEFAULT_SEED)
          .withKey(EpochSettings.SEED)),
  SLICES(
      OptionSpec.valued(
              "slices",
              "K",
              "parameter slices = reduce tasks (default: mapreduce.job.reduces; embedded: the cores)")
          .withKey(EpochSettings.SLICES)),
  LR_SCHEDULE(
      OptionSpec.valued(
              "lr-schedule", "S", "constant, step (x0.1 at 50% and 75% of the epochs) or cosine")
          .withDefault(LrSchedule.CONSTANT.optionName())),
  PATIENCE(
      OptionSpec.valued(
          "patience",
          "P",
          "stop after P epochs without a lower validation loss (default: run every epoch)")),
  KEEP_CHECKPOINTS(
      OptionSpec.valued("keep-checkpoints", "N", "newest checkpoints kept besides the best")
          .withDefault(TrainOptions.DEFAULT_KEEP_CHECKPOINTS)),
  AVERAGE_WEIGHTS(
      OptionSpec.configOnly(
          EpochMapper.AVERAGE_WEIGHTS,
          "examples",
          "with --sync average: examples weights each task's rows by its examples, rows by the"
              + " examples that touched each row")),
  READ_TOUCHED_ROWS(
      OptionSpec.configOnly(
          EpochMapper.READ_TOUCHED_ROWS,
          true,
          "a map task reads only the model rows its split touches (the same arithmetic)")),
  COMBINER(
      OptionSpec.configOnly(
          TrainJob.COMBINER, false, "run a combiner on the epoch jobs' slice updates")),
  SHUFFLE_BUFFER(
      OptionSpec.configOnly(
          EpochSettings.SHUFFLE_BUFFER,
          EpochSettings.DEFAULT_SHUFFLE_BUFFER,
          "examples a map task holds to vary its order from epoch to epoch")),
  LBFGS_HISTORY(
      OptionSpec.configOnly(
          LbfgsEpochs.HISTORY,
          LbfgsEpochs.DEFAULT_HISTORY,
          "with --sync lbfgs: pairs of its memory")),
  LBFGS_TOLERANCE(
      OptionSpec.configOnly(
          LbfgsEpochs.TOLERANCE,
          LbfgsEpochs.DEFAULT_TOLERANCE,
          "with --sync lbfgs: stop when the gradient norm falls to this fraction of the first, or the"
              + " objective by less than this fraction over the last iterations")),
  BLAS_INHERIT_ENV(
      OptionSpec.configOnly(
          BlasEnvironment.INHERIT,
          true,
          "tasks get the client's OpenBLAS kernel variables (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE)"));

  private final OptionSpec spec;

  TrainOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
