/**
 * The {@code sheaf} command line: {@link dev.sheaf.cli.Sheaf} is the entry point, {@code sheaf
 * [--verbose] COMMAND [GENERIC OPTIONS] [OPTIONS]}. Runs no job of its own.
 *
 * <p>{@link Sheaf} registers the commands of this jar ({@code dedupe}, {@code clean}, {@code
 * vectorize}, {@code shard}, {@code export}, {@code inspect}) and, through {@code ServiceLoader},
 * every {@link dev.sheaf.common.SheafCommand} that other jars on the class path list in {@code
 * META-INF/services} (model-trainer's {@code train}, {@code evaluate}, {@code predict}, {@code
 * pipeline}, {@code report}, {@code quickstart}). It runs the chosen command through Hadoop's
 * {@code ToolRunner} and turns failures into one line on stderr: exit 2 for a {@link
 * dev.sheaf.common.UsageException}, 1 for a {@link dev.sheaf.common.StageFailedException}; stack
 * traces only with {@code --verbose}.
 */
package dev.sheaf.cli;
