/**
 * {@code sheaf train} ({@link dev.sheaf.train.TrainJob}): the {@code Example}s of a shard set's
 * {@code train/} split in, a model directory out: {@code model.json}, {@code params/} (slice
 * files), {@code _vectorizer/}, {@code metrics.jsonl}, and a checkpoint {@code epoch-NNNN/} per
 * epoch kept ({@link Checkpoints}), each with its slice files and {@code state.json} ({@link
 * TrainingState}).
 *
 * <p>Jobs, in order, per epoch ({@code --sync average} or {@code gradient}):
 *
 * <ol>
 *   <li>{@code sheaf train epoch E/N} ({@link EpochPass}): {@link EpochMapper} reads the train
 *       shards (one split per file) and the previous checkpoint, trains or sums gradients, and
 *       emits one {@link SliceUpdate} per parameter slice keyed by {@link SliceKey} (slice, map
 *       task), partitioned by {@link SliceKey.SlicePartitioner} and grouped by {@link
 *       SliceKey.BySlice}, so each {@link SliceReducer} sums its slice's updates in task order and
 *       writes the slice of the next model to {@code .epoch-NNNN.pending/} ({@link SliceCombiner}
 *       only when turned on).
 *   <li>In the driver: the job's counters are checked against the shard manifest, the pending
 *       directory is renamed to {@code epoch-NNNN/}, the model is validated on the {@code valid}
 *       split ({@link dev.sheaf.model.Validation}, no job), the epoch's line is appended to {@code
 *       metrics.jsonl} ({@link MetricsLog}), {@code state.json} is written and old checkpoints
 *       pruned; training stops early after {@code --patience} epochs without a lower validation
 *       loss.
 * </ol>
 *
 * With {@code --sync lbfgs} an epoch is one L-BFGS iteration ({@link LbfgsEpochs}, driver math in
 * {@link Lbfgs}): a gradient pass at a checkpoint that has none ({@code sheaf train epoch E/N},
 * {@link EpochMapper} into {@link LbfgsReducer}); then, per line-search trial, a map-only step job
 * ({@code sheaf train epoch E/N step}, {@link StepMapper}, one task per slice) that writes the
 * trial point, and a gradient pass at it whose reducers also write {@code s}, {@code y} and the dot
 * products the driver needs; the driver applies Armijo's test and moves the accepted trial into the
 * next checkpoint with {@code lbfgs.json}, and its (s, y) pair into {@code
 * lbfgs-pairs/epoch-NNNN/}. With {@code --l2 auto} the iterations follow an {@link L2Path}.
 *
 * <p>At the end {@link ModelWriter} writes the chosen epoch (lowest validation loss; L-BFGS: the
 * last) as {@code model.json}, {@code params/} and {@code _vectorizer/} (copied from the shards).
 */
package dev.sheaf.train;
