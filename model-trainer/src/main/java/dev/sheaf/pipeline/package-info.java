/**
 * {@code sheaf pipeline} ({@link dev.sheaf.pipeline.PipelineCommand}): raw input ({@code --input},
 * {@code --format}) in, every stage's output under one work directory ({@code --work}) out: {@code
 * dedupe/}, {@code clean/}, {@code vectors/}, {@code shards/}, {@code model/} and {@code
 * eval.json}, with its records in {@code _pipeline/}. It starts no MapReduce job itself: each stage
 * is the {@code sheaf} command of that name, run in the same JVM through Hadoop's {@code
 * ToolRunner}, and runs its own jobs.
 *
 * <p>Stages, in order ({@link Stage}), each reading the previous one's output:
 *
 * <ol>
 *   <li>{@code dedupe}: the raw input to {@code dedupe/};
 *   <li>{@code clean}: {@code dedupe/} to {@code clean/};
 *   <li>{@code vectorize}: {@code clean/} to {@code vectors/};
 *   <li>{@code shard}: {@code vectors/} to {@code shards/};
 *   <li>{@code train}: {@code shards/} to {@code model/};
 *   <li>{@code evaluate}: {@code model/} and {@code shards/} to {@code eval.json}.
 * </ol>
 *
 * {@code --from} and {@code --to} choose a range. Each stage's options come from a properties file
 * ({@code --conf}, {@code STAGE.OPTION=VALUE}) or {@code --set} ({@link PipelineOptions}). Between
 * stages the driver writes {@code _pipeline/STAGE.json}: the arguments, the SHA-256 of what the
 * stage read and of its result file (a manifest, {@code model.json} or the metrics JSON). With
 * {@code --resume} a stage whose record still matches is skipped; the first that does not, and
 * every later one, runs again, and an interrupted train continues with {@code train --resume}. The
 * run ends with {@code _pipeline/summary.json} and a table ({@link PipelineSummary}). {@link
 * WorkLock} keeps a second pipeline off the same work directory.
 */
package dev.sheaf.pipeline;
