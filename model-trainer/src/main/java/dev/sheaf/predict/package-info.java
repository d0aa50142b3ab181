/**
 * {@code sheaf predict} ({@link dev.sheaf.predict.PredictJob}): raw documents (any {@code
 * --format}) and a model directory ({@code --model}) in, {@code Prediction} records out ({@code
 * part-*.avro}), documents dropped by a clean rule with {@code --filter} in {@code _dropped/},
 * malformed input in {@code _rejects/}, and {@code _MANIFEST.json}.
 *
 * <p>Jobs, in order:
 *
 * <ol>
 *   <li>{@code sheaf predict}, map-only: {@link PredictMapper} passes each document through {@link
 *       ModelFeatures} (the model's recorded clean settings, then its own {@code _vectorizer/}) and
 *       the model, and writes one {@code Prediction} (and a JSON line with {@code --jsonl}), or a
 *       {@code {"id", "reason"}} line to {@code _dropped/}.
 * </ol>
 *
 * The driver loads the model before the job, so an unusable model fails in one line. After the job
 * it checks that predicted, dropped and rejected documents add up to those read ({@link
 * PredictCounters}), writes {@code _MANIFEST.json} and publishes the staging directory as the
 * output. Options: {@link PredictOptions}.
 */
package dev.sheaf.predict;
