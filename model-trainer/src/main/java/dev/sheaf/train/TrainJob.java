package dev.sheaf.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import dev.sheaf.model.Arch;
import dev.sheaf.model.ModelSlices;
import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.ShardSet;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.TrainedModel;
import dev.sheaf.model.Validation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * {@code sheaf train}: start a run (or resume one), run its epochs, choose the model, write it. An
 * epoch is one MapReduce job ({@link EpochPass}: {@link EpochMapper}, {@link SliceReducer}) in
 * average and gradient mode, one L-BFGS iteration ({@link LbfgsEpochs}) in lbfgs mode. After each
 * the driver validates on the valid split, logs the epoch ({@link MetricsLog}), keeps the
 * checkpoint ({@link Checkpoints}) and stops early when told to. The model directory ends with the
 * chosen epoch (lowest validation loss; L-BFGS: the last) as {@code model.json} + {@code params/}
 * ({@link ModelWriter}).
 *
 * <p>It does one thing: drives one training run, from its start or resume to the chosen model.
 */
public final class TrainJob extends SheafCommand {
  static final String TRAINING = "training.json";

  /**
   * Whether the epoch jobs run {@link SliceCombiner}. Off by default: a map task already sums its
   * whole split into one update per slice, and a combiner in Hadoop sees one task's output only, so
   * it would deserialize, copy and rewrite each update for nothing (about 15% of an epoch in the
   * profile behind the README's figures).
   */
  public static final String COMBINER = "sheaf.train.combiner";

  private static final ObjectMapper JSON = JsonFiles.mapper();

  public TrainJob() {
    super(
        "train",
        "Train logistic/softmax regression or an MLP on a shard set: synchronous SGD or L-BFGS, MapReduce jobs per epoch.");
  }

  @Override
  protected String synopsis() {
    return "--shards DIR --model DIR [OPTIONS]";
  }

  @Override
  protected Options options() {
    return TrainOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Configuration conf = getConf();
    TrainOptions options = TrainOptions.parse(line, conf.getInt(MRJobConfig.NUM_REDUCES, 1));
    ShardSet shards = ShardSet.open(conf, options.shards());
    Arch arch = checkShards(options, shards);
    ModelSpec spec = options.spec(arch, shards.dim(), shards.labels().size());
    TaskMemory.checkArraySize(spec);
    SparseModel model = spec.model();
    Path modelDir = options.model().getFileSystem(conf).makeQualified(options.model());
    Checkpoints checkpoints = new Checkpoints(conf, modelDir);
    TrainingState state =
        options.resume()
            ? resumeState(conf, options, arch, shards, modelDir, checkpoints)
            : start(conf, options, arch, shards, model, modelDir, checkpoints);
    return new Run(new TrainingRun(conf, options, shards, model, modelDir, checkpoints))
        .train(state);
  }

  /**
   * Checks that {@code shards} can train the model the options ask for; returns the architecture
   * (the options', or the one the label count implies).
   */
  private static Arch checkShards(TrainOptions options, ShardSet shards) {
    int labelCount = shards.labels().size();
    if (labelCount < 2) {
      throw new UsageException(
          "--shards "
              + options.shards()
              + " has "
              + labelCount
              + " label(s); a classifier needs at least 2 (vectorize with labels)");
    }
    if (shards.records("train") == 0) {
      throw new UsageException("--shards " + options.shards() + " has no train examples");
    }
    if (options.l2Auto() && shards.records("valid") == 0) {
      throw new UsageException(
          "--l2 auto chooses on the valid split, and --shards "
              + options.shards()
              + " has no"
              + " valid examples (shard with a valid fraction, or give --l2 a value)");
    }
    Arch arch = options.arch() == null ? Arch.forLabels(labelCount) : options.arch();
    if (arch == Arch.LOGREG && labelCount != 2) {
      throw new UsageException(
          "--arch logreg needs 2 labels; "
              + options.shards()
              + " has "
              + labelCount
              + " (use softmax)");
    }
    return arch;
  }

  private static TrainingState start(
      Configuration conf,
      TrainOptions options,
      Arch arch,
      ShardSet shards,
      SparseModel model,
      Path modelDir,
      Checkpoints checkpoints)
      throws IOException {
    StagePaths.checkLiteral("--model", modelDir);
    StagePaths.checkApart(conf, modelDir, List.of(shards.dir()));
    FileSystem fs = modelDir.getFileSystem(conf);
    if (fs.exists(modelDir)) {
      if (!options.overwrite()) {
        throw new UsageException(
            "--model "
                + options.model()
                + " already exists; choose another --model, pass "
                + "--overwrite, or --resume an interrupted run");
      }
      if (!fs.delete(modelDir, true)) {
        throw new StageFailedException("could not remove the existing model " + options.model());
      }
    }
    ObjectNode training = JSON.createObjectNode();
    training.set("parameters", JSON.valueToTree(options.modelParameters(arch)));
    training.put("shards", shards.dir().toString());
    training.put("shardsFingerprint", shards.fingerprint());
    training.put("epochs", options.epochs());
    JsonFiles.write(conf, new Path(modelDir, TRAINING), training);
    int stateArrays = options.sync() == SyncMode.LBFGS ? 0 : options.optimizer().stateArrays();
    int count = (int) model.parameterCount();
    ModelSlices.writeAll(
        conf,
        new Path(checkpoints.dir(0), "initial" + ModelSlices.SUFFIX),
        model,
        stateArrays,
        new ModelSlices.Weights(
            model.initialParams(options.seed()), new float[stateArrays * count]));
    TrainingState initial = TrainingState.initial(options.seed());
    checkpoints.writeState(initial);
    return initial;
  }

  private static TrainingState resumeState(
      Configuration conf,
      TrainOptions options,
      Arch arch,
      ShardSet shards,
      Path modelDir,
      Checkpoints checkpoints)
      throws IOException {
    Path trainingFile = new Path(modelDir, TRAINING);
    if (!trainingFile.getFileSystem(conf).isFile(trainingFile)) {
      throw new UsageException(
          "--resume: " + modelDir + " holds no training run to resume (no " + TRAINING + ")");
    }
    JsonNode training = JsonFiles.read(conf, trainingFile);
    JsonNode parameters = JSON.valueToTree(options.modelParameters(arch));
    for (Map.Entry<String, JsonNode> stored :
        (Iterable<Map.Entry<String, JsonNode>>) () -> training.path("parameters").fields()) {
      if (!sameValue(stored.getValue(), parameters.path(stored.getKey()))) {
        throw new UsageException(
            "--resume: the run in "
                + modelDir
                + " was started with "
                + stored.getKey()
                + " "
                + stored.getValue()
                + ", not "
                + parameters.path(stored.getKey())
                + "; resume with the same options");
      }
    }
    int startedEpochs = training.path("epochs").asInt(options.epochs());
    if (options.schedule() != LrSchedule.CONSTANT && startedEpochs != options.epochs()) {
      throw new UsageException(
          "--resume: the run in "
              + modelDir
              + " was started with --epochs "
              + startedEpochs
              + " and --lr-schedule "
              + options.schedule().optionName()
              + ", whose rates depend on the epoch count; resume "
              + "with --epochs "
              + startedEpochs
              + " (a constant schedule can be extended)");
    }
    if (!shards.fingerprint().equals(training.path("shardsFingerprint").asText())) {
      throw new UsageException(
          "--resume: "
              + options.shards()
              + " is not the shard set the run in "
              + modelDir
              + " started on (manifest fingerprints differ)");
    }
    List<Integer> complete = checkpoints.complete();
    if (complete.isEmpty()) {
      throw new UsageException(
          "--resume: " + modelDir + " has no complete checkpoint; start again with --overwrite");
    }
    TrainingState state = checkpoints.readState(complete.get(complete.size() - 1));
    checkpoints.removeAfter(state.epoch());
    new MetricsLog(conf, modelDir).truncate(state.epoch());
    return state;
  }

  /**
   * What one epoch produced, its checkpoint in place: the rate (L-BFGS: the step length), the mean
   * train loss, the examples, the seconds, the optimizer steps, and for L-BFGS the objective and
   * the passes over the data its line search took.
   */
  record Outcome(
      double lr,
      double trainLoss,
      long examples,
      double seconds,
      long steps,
      Double objective,
      Integer passes) {}

  /** One training run from a state on: the epoch loop and the final model. */
  private static final class Run {
    private final Configuration conf;
    private final TrainOptions options;
    private final ShardSet shards;
    private final SparseModel model;
    private final Path modelDir;
    private final Checkpoints checkpoints;

    /** {@code --sync lbfgs}'s line search and memory; null in the other modes. */
    private final LbfgsEpochs lbfgs;

    /** {@code --l2 auto}'s regularisation path; null for a fixed {@code --l2}. */
    private final L2Path path;

    /** The L2 penalty of the epochs now running (an L2 path moves it from optimum to optimum). */
    private double l2;

    Run(TrainingRun run) throws IOException {
      conf = run.conf();
      options = run.options();
      shards = run.shards();
      model = run.model();
      modelDir = run.modelDir();
      checkpoints = run.checkpoints();
      lbfgs = options.sync() == SyncMode.LBFGS ? new LbfgsEpochs(run) : null;
      this.path = options.l2Auto() ? new L2Path(shards.records("train")) : null;
    }

    int train(TrainingState state) throws Exception {
      if (state.epoch() > 0) {
        System.out.printf(
            "train: resuming after epoch %d of %d%n", state.epoch(), options.epochs());
      }
      l2 = state.l2() != null ? state.l2() : path != null ? path.first() : options.l2();
      while (state.epoch() < options.epochs() && !stoppedEarly(state)) {
        TrainingState next = epoch(state);
        if (next == null) {
          // L-BFGS reached the optimum for this l2: an L2 path goes on from it with the next one
          if (path == null) {
            break;
          }
          state = pathOptimum(state);
          Double following = path.after(l2);
          if (following == null || state.epochsWithoutImprovement() >= L2Path.PATIENCE) {
            break;
          }
          l2 = following;
          continue;
        }
        state = next;
      }
      if (stoppedEarly(state)) {
        System.out.printf(
            "train: stopped early after epoch %d: no lower validation loss for %d epochs%n",
            state.epoch(), state.epochsWithoutImprovement());
      }
      TrainingState chosen = finish(state);
      System.out.printf(
          "train: %s -> %s (epoch %d of %d, %s%s)%n",
          options.shards(),
          modelDir,
          chosen.epoch(),
          state.epoch(),
          chosen.validLoss() == null
              ? "the last; no valid split"
              : String.format(
                  Locale.ROOT,
                  "valid_loss %.4f, valid_acc %.4f",
                  chosen.validLoss(),
                  chosen.validAccuracy()),
          path == null ? "" : ", " + path.describe(chosen.l2()));
      return 0;
    }

    /**
     * Compares an L2 path's optimum (the converged epoch {@code optimum}) with the best one before
     * it and returns its state with the path's best fields brought up to date (in memory: a resumed
     * run reaches the same optimum and compares again).
     */
    private TrainingState pathOptimum(TrainingState optimum) throws IOException {
      TrainingState best =
          optimum.bestEpoch() == 0 ? null : checkpoints.readState(optimum.bestEpoch());
      boolean better = L2Path.better(optimum, best);
      System.out.printf(
          Locale.ROOT,
          "train: %s: optimum at epoch %d, valid_acc %.4f, valid_loss %.4f%s%n",
          path.describe(l2),
          optimum.epoch(),
          optimum.validAccuracy(),
          optimum.validLoss(),
          better ? " (the best so far)" : "");
      return better
          ? optimum.withBest(optimum.epoch(), optimum.validLoss(), 0)
          : optimum.withBest(
              optimum.bestEpoch(), optimum.bestValidLoss(), optimum.epochsWithoutImprovement() + 1);
    }

    /**
     * Whether the last epoch is the model whatever the validation loss: L-BFGS converges to the
     * regularised optimum, where L2 is the regulariser (measured on 43 classes of short texts, the
     * lowest-valid-loss iterate was 3 to 4 points less accurate than the optimum), unless {@code
     * --patience} asks to stop, and keep, by validation loss.
     */
    private boolean lastIsTheModel() {
      return lbfgs != null && options.patience() == 0 && path == null;
    }

    private boolean stoppedEarly(TrainingState state) {
      return options.patience() > 0 && state.epochsWithoutImprovement() >= options.patience();
    }

    /**
     * The next epoch's state, or null when L-BFGS has converged or its line search found no lower
     * objective.
     */
    private TrainingState epoch(TrainingState previous) throws Exception {
      Outcome outcome = lbfgs != null ? lbfgs.next(previous, l2) : stepEpoch(previous);
      if (outcome == null) {
        return null;
      }
      TrainingState state = record(previous, outcome);
      if (lbfgs != null) {
        lbfgs.removeUnusedPairs();
      }
      return state;
    }

    /**
     * {@code --sync average} or {@code gradient}: one job from the previous checkpoint to the next.
     */
    private Outcome stepEpoch(TrainingState previous) throws Exception {
      int epoch = previous.epoch() + 1;
      double lr = options.schedule().rate(options.lr(), epoch, options.epochs());
      Path pending = checkpoints.pending(epoch);
      FileSystem fs = modelDir.getFileSystem(conf);
      fs.delete(pending, true);
      EpochSettings settings =
          new EpochSettings(
              model.spec(),
              options.sync(),
              options.optimizer(),
              lr,
              l2,
              options.batchSize(),
              options.seed(),
              epoch,
              previous.step(),
              options.slices(),
              EpochSettings.shuffleBuffer(conf),
              checkpoints.dir(previous.epoch()).toString());
      long started = System.nanoTime();
      Counters counters =
          EpochPass.run(conf, options, shards, settings, SliceReducer.class, Map.of(), pending);
      double seconds = (System.nanoTime() - started) / 1e9;
      double trainLoss = EpochPass.meanLoss(counters);
      if (!Double.isFinite(trainLoss)
          || counters.findCounter(TrainCounters.NONFINITE_VALUES).getValue() > 0) {
        fs.delete(pending, true);
        failNonFinite(
            previous,
            epoch,
            "train_loss "
                + trainLoss
                + ", "
                + counters.findCounter(TrainCounters.NONFINITE_VALUES).getValue()
                + " NaN or infinite parameters");
      }
      fs.delete(checkpoints.dir(epoch), true);
      if (!fs.rename(pending, checkpoints.dir(epoch))) {
        throw new StageFailedException(
            "train: could not move " + pending + " to " + checkpoints.dir(epoch));
      }
      // average mode: every task starts at the global step and takes its own ceil(n_m / batch)
      // steps,
      // so the step advances by the most one task took, not by the total over all tasks
      long steps =
          options.sync() == SyncMode.GRADIENT
              ? 1
              : counters.findCounter(TrainCounters.LOCAL_STEPS).getValue();
      return new Outcome(
          lr,
          trainLoss,
          counters.findCounter(TrainCounters.TRAINED).getValue(),
          seconds,
          steps,
          null,
          null);
    }

    /**
     * Validates the epoch's checkpoint, then appends its metrics line, writes its state and prunes.
     */
    private TrainingState record(TrainingState previous, Outcome outcome) throws Exception {
      int epoch = previous.epoch() + 1;
      FileSystem fs = modelDir.getFileSystem(conf);
      float[] params =
          ModelSlices.read(conf, checkpoints.dir(epoch), model, 0, model.rows(), 0).params();
      Validation.Result valid = Validation.run(conf, shards.split("valid"), model, params);
      if (valid.examples() > 0 && !Double.isFinite(valid.loss())) {
        fs.delete(checkpoints.dir(epoch), true);
        failNonFinite(previous, epoch, "valid_loss " + valid.loss());
      }
      Double validLoss = valid.examples() > 0 ? valid.loss() : null;
      boolean better =
          validLoss != null
              && (previous.bestValidLoss() == null || validLoss < previous.bestValidLoss());
      TrainingState state =
          new TrainingState(
              epoch,
              previous.step() + outcome.steps(),
              options.seed(),
              outcome.lr(),
              outcome.trainLoss(),
              validLoss,
              valid.examples() > 0 ? valid.accuracy() : null,
              outcome.examples(),
              outcome.seconds(),
              validLoss == null || better ? epoch : previous.bestEpoch(),
              better || validLoss == null ? validLoss : previous.bestValidLoss(),
              better || validLoss == null ? 0 : previous.epochsWithoutImprovement() + 1,
              outcome.objective(),
              outcome.passes(),
              l2);
      if (path != null) {
        // an L2 path's best fields follow its optima (pathOptimum), not each epoch
        state =
            state.withBest(
                previous.bestEpoch(),
                previous.bestValidLoss(),
                previous.epochsWithoutImprovement());
      }
      // the epoch's metrics line first: a kill before state.json is written repeats the epoch, and
      // resume drops metric lines past the last state, so no line is lost or doubled
      new MetricsLog(conf, modelDir).append(state);
      checkpoints.writeState(state);
      checkpoints.prune(epoch, state.bestEpoch(), options.keepCheckpoints());
      System.out.println(MetricsLog.progressLine(state, options.epochs()));
      return state;
    }

    private void failNonFinite(TrainingState lastGood, int epoch, String what) throws IOException {
      String kept;
      if (lastGood.epoch() > 0) {
        TrainingState chosen = finish(lastGood);
        kept =
            "the model stays at epoch "
                + chosen.epoch()
                + " ("
                + modelDir
                + "/"
                + TrainedModel.INFO
                + ")";
      } else {
        kept = "no epoch finished, so there is no model";
      }
      throw new StageFailedException(
          "train: epoch "
              + epoch
              + " diverged ("
              + what
              + "); "
              + kept
              + (options.sync() == SyncMode.LBFGS
                  ? ". Raise --l2 (now " + l2 + ")"
                  : ". Lower --lr (now " + options.lr() + ") or raise --l2"));
    }

    /**
     * Writes model.json, params/ and _vectorizer/ for the chosen epoch up to {@code last}; returns
     * its state.
     */
    private TrainingState finish(TrainingState last) throws IOException {
      TrainingState chosen;
      String selectedBy;
      if (path != null) {
        // the last epoch is an optimum too (or where the epochs ran out): it competes with the
        // path's best
        TrainingState best = last.bestEpoch() == 0 ? null : checkpoints.readState(last.bestEpoch());
        chosen = L2Path.better(last, best) ? last : best;
        selectedBy =
            "highest valid_acc among the L2 path's optima (" + path.describe(chosen.l2()) + ")";
      } else {
        chosen =
            lastIsTheModel() || last.bestEpoch() == 0
                ? last
                : checkpoints.readState(last.bestEpoch());
        selectedBy =
            lastIsTheModel()
                ? "last epoch (L-BFGS: the regularised optimum)"
                : chosen.validLoss() == null ? "last epoch (no valid split)" : "lowest valid_loss";
      }
      new ModelWriter(conf, options, shards, model, modelDir)
          .write(checkpoints.dir(chosen.epoch()), chosen, last, selectedBy);
      return chosen;
    }
  }

  /**
   * Option values compared as text (the file's 42 reads back as an int, the option's as a long),
   * lists as JSON.
   */
  private static boolean sameValue(JsonNode stored, JsonNode current) {
    return stored.isContainerNode() || current.isContainerNode()
        ? stored.equals(current)
        : stored.asText().equals(current.asText());
  }
}
