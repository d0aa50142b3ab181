package dev.sheaf.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.NLineInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * {@code --sync lbfgs}: one epoch is one L-BFGS iteration on the exact objective {@code f(w) = Σ_i
 * c_i loss_i / n + (l2/2)|W|²} (c_i the example weights, the L2 on weights, not biases), which is
 * liblinear's {@code |w|²/2 + C Σ loss_i} divided by {@code C n} when {@code C = 1 / (l2 n)}. From
 * the epoch's checkpoint ({@code x}, its gradient in {@code gradient/}, {@code lbfgs.json}) the
 * driver computes the direction's coefficients ({@link Lbfgs}), then tries step lengths: a map-only
 * step job writes the trial point, a gradient pass ({@link EpochPass} with {@link LbfgsReducer})
 * evaluates it, and Armijo's test accepts it or a shorter step is tried ({@link #MAX_TRIALS}, then
 * once more along {@code -g}). Without memory the first step length is {@code 1/|g|} (a unit step
 * along {@code -g}); with memory it is 1. The accepted point becomes the next checkpoint; its pair
 * {@code (s, y)} is kept in {@code lbfgs-pairs/epoch-NNNN/} while it is among the newest {@link
 * #HISTORY}. Training stops early when {@code |g| <= tolerance |g_0|} or the objective fell by at
 * most {@code tolerance} of itself over {@link Lbfgs#WINDOW} iterations ({@link #TOLERANCE}), or
 * when no step length meets Armijo's test. The path depends on the data and the options only, not
 * on the number of map tasks or slices, up to the order of the sums (the loss is summed in double,
 * not in the counters' millionths).
 *
 * <p>It does one thing: the epochs of {@code --sync lbfgs}, one L-BFGS iteration each.
 */
final class LbfgsEpochs {
  /** Pairs of the L-BFGS memory (default 10). */
  public static final String HISTORY = "sheaf.train.lbfgs-history";

  /**
   * Stop when the gradient's norm is this fraction of the first one's, or when the objective fell
   * by less than this fraction of itself over the last {@link Lbfgs#WINDOW} iterations (default
   * 1e-3).
   */
  public static final String TOLERANCE = "sheaf.train.lbfgs-tolerance";

  static final int DEFAULT_HISTORY = 10;
  static final double DEFAULT_TOLERANCE = 1e-3;

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.lbfgs.history", HISTORY);
    Configuration.addDeprecation("sheaf.train.lbfgs.tolerance", TOLERANCE);
  }

  static final String STATE = "lbfgs.json";
  static final String PAIRS = "lbfgs-pairs";

  /** Step lengths tried from one point before the line search gives up. */
  static final int MAX_TRIALS = 20;

  private static final ObjectMapper JSON = JsonFiles.mapper();

  /**
   * The run these epochs belong to: its configuration, options, shards, model shape, directory and
   * checkpoints.
   */
  private final TrainingRun run;

  private final FileSystem fs;
  private final Path work;
  private final int history;
  private final double tolerance;

  /** The newest accepted state, whose pairs {@link #removeUnusedPairs} keeps. */
  private Lbfgs.State newest;

  /** The L2 penalty of the objective the current iteration descends. */
  private double l2;

  /** The pairs of the L-BFGS memory ({@link #HISTORY}, default {@value #DEFAULT_HISTORY}). */
  static int history(Configuration conf) {
    return conf.getInt(HISTORY, DEFAULT_HISTORY);
  }

  /** The stopping tolerance ({@link #TOLERANCE}, default {@value #DEFAULT_TOLERANCE}). */
  static double tolerance(Configuration conf) {
    return conf.getDouble(TOLERANCE, DEFAULT_TOLERANCE);
  }

  LbfgsEpochs(TrainingRun run) throws IOException {
    this.run = run;
    this.fs = run.modelDir().getFileSystem(run.conf());
    this.work = new Path(run.modelDir(), ".lbfgs-work");
    this.history = history(run.conf());
    this.tolerance = tolerance(run.conf());
    if (history < 1) {
      throw new UsageException(HISTORY + " must be at least 1 (got " + history + ")");
    }
  }

  /**
   * Runs one iteration on the objective with penalty {@code l2} from {@code previous}'s checkpoint
   * and leaves the next checkpoint's slices, {@code gradient/} and {@code lbfgs.json} in place. A
   * checkpoint whose state is of another {@code l2} (an L2 path's previous optimum) gets its
   * gradient and state computed again first, keeping the run's first gradient norm as the
   * convergence test's reference.
   *
   * @return the epoch's figures, or null (nothing written) when the point meets the tolerance or
   *     the line search found no lower objective
   */
  TrainJob.Outcome next(TrainingState previous, double l2) throws Exception {
    this.l2 = l2;
    int k = previous.epoch();
    Path current = run.checkpoints().dir(k);
    long started = System.nanoTime();
    fs.delete(work, true);
    int passes = 0;
    Lbfgs.State state = readState(current);
    if (state == null || state.l2() != l2) {
      state = gradientAt(k, current, state);
      passes++;
    }
    newest = state;
    removeUnusedPairs();
    if (state.gradientNorm() <= tolerance * state.firstGradientNorm()) {
      System.out.printf(
          Locale.ROOT,
          "train: converged after epoch %d (l2 %.3g): |gradient| %.3g <= %.0e x the first"
              + " (%.3g)%n",
          k,
          l2,
          state.gradientNorm(),
          tolerance,
          state.firstGradientNorm());
      return null;
    }
    if (state.flat(tolerance)) {
      System.out.printf(
          Locale.ROOT,
          "train: converged after epoch %d (l2 %.3g): the objective fell by %.2e of itself"
              + " over the last %d iterations (tolerance %.0e)%n",
          k,
          l2,
          (state.recent().get(0) - state.objective()) / Math.abs(state.objective()),
          Lbfgs.WINDOW,
          tolerance);
      return null;
    }
    Search search = search(state, k, previous.step(), current);
    if (search.accepted == null && !state.pairs().isEmpty()) {
      // the memory's direction found no step: try once more along -g
      search = search(state.withoutPairs(), k, previous.step(), current);
    }
    passes += search.passes;
    fs.delete(work, true);
    if (search.accepted == null) {
      System.out.printf(
          Locale.ROOT,
          "train: stopped after epoch %d: no step length along -gradient met the"
              + " sufficient-decrease test (objective %.9g; the objective is flat at the precision of its sums)%n",
          k,
          state.objective());
      return null;
    }
    newest = search.accepted;
    return new TrainJob.Outcome(
        search.alpha,
        search.loss,
        search.examples,
        (System.nanoTime() - started) / 1e9,
        1,
        search.accepted.objective(),
        passes);
  }

  /**
   * A line search's end: the accepted state (null: none), its step length, loss and examples, the
   * data passes run.
   */
  private static final class Search {
    Lbfgs.State accepted;
    double alpha;
    double loss;
    long examples;
    int passes;
  }

  /**
   * Backtracks along {@code state}'s direction from checkpoint {@code k} until Armijo's test holds
   * (then the trial becomes checkpoint {@code k + 1}) or {@link #MAX_TRIALS} step lengths failed.
   */
  private Search search(Lbfgs.State state, int k, long step, Path current) throws Exception {
    Search search = new Search();
    double[] direction = Lbfgs.direction(state);
    double slope = Lbfgs.slope(state, direction);
    if (!(slope < 0)) {
      // the memory's curvature gave no descent direction (rounding): start it again from -g
      state = state.withoutPairs();
      direction = Lbfgs.direction(state);
      slope = Lbfgs.slope(state, direction);
    }
    // without memory the direction is -g: alpha = 1/|g| makes the first step a unit one
    double alpha = state.pairs().isEmpty() ? 1 / state.gradientNorm() : 1;
    List<String> basis = basis(state, current);
    Path trialDir = new Path(work, "trial");
    Path pending = new Path(work, "gradient-pass");
    for (int trial = 1; trial <= MAX_TRIALS; trial++) {
      EpochSettings settings = settings(k + 1, alpha, step, trialDir.toString());
      fs.delete(trialDir, true);
      fs.delete(pending, true);
      double objective = Double.POSITIVE_INFINITY;
      Sums dots = null;
      Counters counters = null;
      if (step(settings, current, basis, direction, alpha, trialDir)) {
        Map<String, String> extra = new HashMap<>();
        extra.put(LbfgsReducer.BASE, current.toString());
        extra.put(LbfgsReducer.BASIS, String.join(",", basis));
        counters = pass(settings, extra, pending);
        search.passes++;
        dots = dots(pending);
        if (counters.findCounter(TrainCounters.NONFINITE_VALUES).getValue() == 0) {
          objective = dots.loss + dots.penalty;
        }
      }
      if (Double.isFinite(objective)
          && objective <= state.objective() + Lbfgs.ARMIJO * alpha * slope) {
        search.accepted = accept(state, k + 1, objective, dots, trialDir, pending);
        search.alpha = alpha;
        search.loss = dots.loss;
        search.examples = counters.findCounter(TrainCounters.TRAINED).getValue();
        return search;
      }
      alpha = Lbfgs.backtrack(alpha, state.objective(), slope, objective);
    }
    return search;
  }

  /** One pass over the shards with {@link LbfgsReducer}, {@code extra} in its configuration. */
  private Counters pass(EpochSettings settings, Map<String, String> extra, Path output)
      throws Exception {
    return EpochPass.run(
        run.conf(), run.options(), run.shards(), settings, LbfgsReducer.class, extra, output);
  }

  /**
   * Evaluates the gradient under the current {@code l2} at a checkpoint that has none (the initial
   * point; {@code previous} null) or has one of another penalty (an L2 path's previous optimum,
   * {@code previous} its state), and records its state. The previous state's pairs stay in the
   * memory: their {@code y} differ from the new objective's by the penalty's change times {@code s}
   * on the weights, an error smaller than the penalty itself, which the line search tolerates (and
   * a direction that is not downhill restarts from {@code -g}).
   */
  private Lbfgs.State gradientAt(int epoch, Path current, Lbfgs.State previous) throws Exception {
    Path pending = new Path(work, "gradient-pass");
    EpochSettings settings = settings(epoch, 0, 0, current.toString());
    List<String> pairs = previous == null ? List.of() : pairDirs(previous);
    Counters counters =
        pass(settings, Map.of(LbfgsReducer.BASIS, String.join(",", pairs)), pending);
    Sums dots = dots(pending);
    if (!Double.isFinite(dots.loss)
        || !Double.isFinite(dots.newNew[0][0])
        || counters.findCounter(TrainCounters.NONFINITE_VALUES).getValue() > 0) {
      throw new StageFailedException(
          "train: the loss or gradient at epoch "
              + epoch
              + "'s parameters is not finite"
              + " (loss "
              + dots.loss
              + "); check the shards' values");
    }
    Path gradient = new Path(current, LbfgsReducer.GRADIENT);
    fs.delete(gradient, true);
    rename(new Path(pending, LbfgsReducer.GRADIENT), gradient);
    Lbfgs.State state =
        previous == null
            ? Lbfgs.State.first(dots.loss + dots.penalty, dots.newNew[0][0], l2)
            : Lbfgs.withGradient(
                previous, dots.loss + dots.penalty, dots.newOld[0], dots.newNew[0][0], l2);
    writeState(current, state);
    fs.delete(pending, true);
    return state;
  }

  /** Moves an accepted trial into the next checkpoint and returns its state. */
  private Lbfgs.State accept(
      Lbfgs.State state, int epoch, double objective, Sums dots, Path trialDir, Path pending)
      throws IOException {
    Path next = run.checkpoints().dir(epoch);
    fs.delete(next, true);
    rename(trialDir, next);
    rename(new Path(pending, LbfgsReducer.GRADIENT), new Path(next, LbfgsReducer.GRADIENT));
    Lbfgs.State accepted =
        Lbfgs.accept(state, epoch, objective, new Lbfgs.Dots(dots.newOld, dots.newNew), history);
    if (accepted.pairs().contains(epoch)) {
      Path pair = pairDir(epoch);
      fs.delete(pair, true);
      fs.mkdirs(pair);
      rename(new Path(pending, LbfgsReducer.S), new Path(pair, LbfgsReducer.S));
      rename(new Path(pending, LbfgsReducer.Y), new Path(pair, LbfgsReducer.Y));
    }
    writeState(next, accepted);
    return accepted;
  }

  /**
   * Runs the map-only step job that writes {@code x + α Σ d_b v_b} into {@code output}.
   *
   * @return false when the trial point has NaN or infinite values (the step is too long)
   */
  private boolean step(
      EpochSettings settings,
      Path current,
      List<String> basis,
      double[] direction,
      double alpha,
      Path output)
      throws Exception {
    Path sliceList = new Path(work, "slices.txt");
    if (!fs.exists(sliceList)) {
      List<String> lines = new ArrayList<>();
      for (int slice = 0; slice < settings.slices(); slice++) {
        lines.add(Integer.toString(slice));
      }
      TextFiles.writeLines(run.conf(), sliceList, lines);
    }
    Job job =
        StageJobs.baseJob(
            run.conf(), "train epoch " + settings.epoch() + "/" + run.options().epochs() + " step");
    job.setJarByClass(TrainJob.class);
    Configuration jobConf = job.getConfiguration();
    settings.applyTo(jobConf);
    TaskMemory.apply(jobConf, settings);
    jobConf.set(LbfgsReducer.BASE, current.toString());
    jobConf.set(LbfgsReducer.BASIS, String.join(",", basis));
    StringBuilder coefficients = new StringBuilder();
    for (double coefficient : direction) {
      coefficients
          .append(coefficients.length() == 0 ? "" : ",")
          .append(Double.toString(alpha * coefficient));
    }
    jobConf.set(StepMapper.COEFFICIENTS, coefficients.toString());
    job.setInputFormatClass(NLineInputFormat.class);
    NLineInputFormat.addInputPath(job, sliceList);
    NLineInputFormat.setNumLinesPerSplit(job, 1);
    job.setMapperClass(StepMapper.class);
    job.setNumReduceTasks(0);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    StageJobs.run(job);
    return job.getCounters().findCounter(TrainCounters.NONFINITE_VALUES).getValue() == 0;
  }

  private EpochSettings settings(int epoch, double alpha, long step, String point) {
    return new EpochSettings(
        run.model().spec(),
        SyncMode.LBFGS,
        run.options().optimizer(),
        alpha,
        l2,
        run.options().batchSize(),
        run.options().seed(),
        epoch,
        step,
        run.options().slices(),
        EpochSettings.shuffleBuffer(run.conf()),
        point);
  }

  /**
   * The basis' directories in {@link Lbfgs}' order: each pair's s, each pair's y, the point's
   * gradient.
   */
  private List<String> basis(Lbfgs.State state, Path current) {
    List<String> dirs = pairDirs(state);
    dirs.add(new Path(current, LbfgsReducer.GRADIENT).toString());
    return dirs;
  }

  /**
   * The memory's vectors' directories in {@link Lbfgs}' order: each pair's s, then each pair's y.
   */
  private List<String> pairDirs(Lbfgs.State state) {
    List<String> dirs = new ArrayList<>();
    for (int pair : state.pairs()) {
      dirs.add(new Path(pairDir(pair), LbfgsReducer.S).toString());
    }
    for (int pair : state.pairs()) {
      dirs.add(new Path(pairDir(pair), LbfgsReducer.Y).toString());
    }
    return dirs;
  }

  private Path pairDir(int epoch) {
    return new Path(new Path(run.modelDir(), PAIRS), String.format("epoch-%04d", epoch));
  }

  /**
   * Removes the pairs the newest state does not use (old ones, and a killed run's); called once
   * that state's checkpoint is complete, so a resumed run finds every pair it needs.
   */
  void removeUnusedPairs() throws IOException {
    Lbfgs.State state = newest;
    Path pairs = new Path(run.modelDir(), PAIRS);
    if (!fs.exists(pairs)) {
      return;
    }
    for (FileStatus pair : fs.listStatus(pairs)) {
      String name = pair.getPath().getName();
      boolean used =
          state.pairs().stream().anyMatch(epoch -> name.equals(String.format("epoch-%04d", epoch)));
      if (!used) {
        fs.delete(pair.getPath(), true);
      }
    }
  }

  /** The reducers' dot product files summed in slice order. */
  private static final class Sums {
    /** The mean loss (slice 0's sum of the tasks' double sums). */
    double loss = Double.NaN;

    double penalty;
    double[][] newOld;
    double[][] newNew;
  }

  private Sums dots(Path pending) throws IOException {
    Sums sums = new Sums();
    FileStatus[] files = fs.listStatus(new Path(pending, LbfgsReducer.DOTS));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    if (files.length != run.options().slices()) {
      throw new StageFailedException(
          "train: "
              + files.length
              + " of "
              + run.options().slices()
              + " slices returned their dot products; a reducer's output went missing");
    }
    for (FileStatus file : files) {
      JsonNode dots =
          JSON.readTree(String.join("\n", TextFiles.readAllLines(run.conf(), file.getPath())));
      if (Double.isNaN(sums.loss)) {
        sums.loss = dots.path("loss").asDouble(Double.NaN);
      }
      sums.penalty += dots.path("penalty").asDouble();
      sums.newOld = add(sums.newOld, JSON.treeToValue(dots.path("newOld"), double[][].class));
      sums.newNew = add(sums.newNew, JSON.treeToValue(dots.path("newNew"), double[][].class));
    }
    return sums;
  }

  private static double[][] add(double[][] sum, double[][] part) {
    if (sum == null) {
      return part;
    }
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum[i].length; j++) {
        sum[i][j] += part[i][j];
      }
    }
    return sum;
  }

  private Lbfgs.State readState(Path checkpoint) throws IOException {
    Path file = new Path(checkpoint, STATE);
    return fs.isFile(file)
        ? JSON.treeToValue(JsonFiles.read(run.conf(), file), Lbfgs.State.class)
        : null;
  }

  private void writeState(Path checkpoint, Lbfgs.State state) throws IOException {
    JsonFiles.write(run.conf(), new Path(checkpoint, STATE), state);
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new StageFailedException("train: could not move " + from + " to " + to);
    }
  }
}
