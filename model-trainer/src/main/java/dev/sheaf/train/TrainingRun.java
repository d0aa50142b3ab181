package dev.sheaf.train;

import dev.sheaf.model.ShardSet;
import dev.sheaf.model.SparseModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What one {@code sheaf train} run works with, from its start or resume to its chosen model: the
 * configuration, the parsed options, the shard set, the model's shape (no parameters), the model
 * directory (qualified) and its checkpoints. Shared by the epoch loop and the L-BFGS epochs.
 */
record TrainingRun(
    Configuration conf,
    TrainOptions options,
    ShardSet shards,
    SparseModel model,
    Path modelDir,
    Checkpoints checkpoints) {}
