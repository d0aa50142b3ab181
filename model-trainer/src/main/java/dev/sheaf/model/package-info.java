/**
 * The models and the model-side code that {@code sheaf train}, {@code evaluate} and {@code predict}
 * share. No command and no MapReduce job of its own: the map and reduce tasks of those stages, and
 * their drivers, call these classes.
 *
 * <ul>
 *   <li>What a model is: {@link SparseModel} (parameters as rows of floats, the first {@code dim}
 *       rows one per feature), implemented by {@link LinearModel} (logistic and softmax regression)
 *       and {@link MlpModel}; {@link ModelSpec}, {@link Arch}, {@link Activation}, and the shared
 *       sigmoid/softmax {@link OutputLayer}.
 *   <li>Training inside one map task: a {@link Trainer} ({@code --sync average}: mini-batch SGD on
 *       a copy of the model; {@link LocalTrainer} for linear models, {@link MlpTrainer} with the
 *       dense layers on ND4J) or a {@link GradientSum} ({@code --sync gradient} and {@code lbfgs}:
 *       summed loss gradients, from {@link SparseModel#gradientSum}); {@link MiniBatches}, {@link
 *       RowSet} (the rows a batch touched), {@link OptimizerKind}, {@link Optimizer} and {@link
 *       SparseUpdater} (ND4J's updaters).
 *   <li>Input: {@link ExampleInputFormat} reads {@code Example} files as reused {@link
 *       SparseExample}s, one whole file per split; {@link ShardSet} is a shard set's manifest as
 *       the trainer and evaluator read it.
 *   <li>On disk: {@link ModelSlices} (parameters and optimizer state as {@code *.slice} files, one
 *       per reducer's slice of rows) and {@link TrainedModel} (a finished model directory: {@code
 *       model.json}, {@code params/}, {@code _vectorizer/}).
 *   <li>{@link Validation}: mean loss and accuracy on a split, streamed in the driver; train runs
 *       it after each epoch.
 * </ul>
 */
package dev.sheaf.model;
