/**
 * {@code sheaf evaluate} ({@link dev.sheaf.evaluate.EvaluateJob}): a trained model and one split of
 * a shard set ({@code --split}, default {@code test}) in, a JSON file of metrics out ({@code
 * --output}, default {@code <model>/eval-<split>.json}), and a short table printed.
 *
 * <p>Jobs, in order:
 *
 * <ol>
 *   <li>{@code sheaf evaluate <split>}: {@link EvaluateMapper} scores each labelled example and
 *       emits (LongWritable, {@link EvaluateCounts}): at the task's end its confusion matrix and
 *       summed log loss under a summary key, and for a binary model one record per example keyed by
 *       its logit (a long that sorts like the double); {@link EvaluateCombiner} sums counts per
 *       key; one {@link EvaluateReducer} sees the summaries first, then the scores in ascending
 *       order (for {@link RocAuc}), and writes the totals as one JSON line to the hidden work
 *       directory beside the output.
 * </ol>
 *
 * The driver then checks that evaluated, unlabelled and bad-label examples add up to those read and
 * that the count read equals the shard manifest's, turns the totals into accuracy,
 * precision/recall/F1, log loss, the confusion matrix and (binary) ROC AUC ({@link Metrics}),
 * writes the JSON file and deletes the work directory.
 */
package dev.sheaf.evaluate;
