package dev.sheaf.train;

import dev.sheaf.model.ModelSpec;
import dev.sheaf.model.OptimizerKind;
import dev.sheaf.model.SparseModel;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything a map or reduce task of one epoch job needs, passed through the job configuration: the
 * model's geometry, the optimizer and its rate for this epoch, the global step the epoch starts
 * from, and where the previous epoch's model is.
 */
public record EpochSettings(
    ModelSpec spec,
    SyncMode sync,
    OptimizerKind optimizer,
    double lr,
    double l2,
    int batchSize,
    long seed,
    int epoch,
    long step,
    int slices,
    int shuffleBuffer,
    String previousModel) {

  public static final String SYNC = "sheaf.train.sync";
  public static final String OPTIMIZER = "sheaf.train.optimizer";
  public static final String LR = "sheaf.train.epoch-lr";
  public static final String L2 = "sheaf.train.l2";
  public static final String BATCH_SIZE = "sheaf.train.batch-size";
  public static final String SEED = "sheaf.train.seed";
  public static final String EPOCH = "sheaf.train.epoch";
  public static final String STEP = "sheaf.train.epoch-step";
  public static final String SLICES = "sheaf.train.slices";

  /**
   * Examples a map task holds to vary its order from epoch to epoch (bounded memory: not the whole
   * split).
   */
  public static final String SHUFFLE_BUFFER = "sheaf.train.shuffle-buffer";

  public static final int DEFAULT_SHUFFLE_BUFFER = 4096;
  public static final String PREVIOUS_MODEL = "sheaf.train.previous-model";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.epoch.lr", LR);
    Configuration.addDeprecation("sheaf.train.batch.size", BATCH_SIZE);
    Configuration.addDeprecation("sheaf.train.epoch.step", STEP);
    Configuration.addDeprecation("sheaf.train.shuffle.buffer", SHUFFLE_BUFFER);
    Configuration.addDeprecation("sheaf.train.previous.model", PREVIOUS_MODEL);
  }

  public void applyTo(Configuration conf) {
    spec.applyTo(conf);
    conf.set(SYNC, sync.name());
    conf.set(OPTIMIZER, optimizer.name());
    conf.setDouble(LR, lr);
    conf.setDouble(L2, l2);
    conf.setInt(BATCH_SIZE, batchSize);
    conf.setLong(SEED, seed);
    conf.setInt(EPOCH, epoch);
    conf.setLong(STEP, step);
    conf.setInt(SLICES, slices);
    conf.setInt(SHUFFLE_BUFFER, shuffleBuffer);
    conf.set(PREVIOUS_MODEL, previousModel);
  }

  public static EpochSettings from(Configuration conf) {
    return new EpochSettings(
        ModelSpec.from(conf),
        SyncMode.valueOf(conf.get(SYNC)),
        OptimizerKind.valueOf(conf.get(OPTIMIZER)),
        conf.getDouble(LR, 0),
        conf.getDouble(L2, 0),
        conf.getInt(BATCH_SIZE, 1),
        conf.getLong(SEED, 0),
        conf.getInt(EPOCH, 1),
        conf.getLong(STEP, 0),
        conf.getInt(SLICES, 1),
        shuffleBuffer(conf),
        conf.get(PREVIOUS_MODEL));
  }

  public SparseModel model() {
    return spec.model();
  }

  /**
   * State arrays the tasks move: the optimizer's in average mode; none in gradient mode (the
   * reducers step).
   */
  public int mapStateArrays() {
    return sync == SyncMode.AVERAGE ? optimizer.stateArrays() : 0;
  }

  /** Values per row a map task emits: parameter deltas (and state deltas), or gradient sums. */
  public int rowWidth() {
    return model().columns() * (1 + mapStateArrays());
  }

  /** The first parameter row of {@code slice}; slice {@code slices} ends the last. */
  public int sliceStart(int slice) {
    return (int) ((long) slice * model().rows() / slices);
  }

  /**
   * Examples a map task holds to vary its order ({@link #SHUFFLE_BUFFER}, default {@value
   * #DEFAULT_SHUFFLE_BUFFER}): read here, so that the old key's deprecation is registered first.
   */
  static int shuffleBuffer(Configuration conf) {
    return conf.getInt(SHUFFLE_BUFFER, DEFAULT_SHUFFLE_BUFFER);
  }
}
