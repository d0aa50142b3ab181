package dev.sheaf.common;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A stage's output directory and how it is published. The stage writes everything (part files,
 * {@code _rejects/} and other side directories, {@code _SUCCESS}, {@code _MANIFEST.json}) into
 * {@link #path()}, a hidden staging directory beside the output ({@code .<name>.sheaf-staging});
 * {@link #publish()} then renames it to the output in one step. Directory rename is atomic on HDFS
 * (one NameNode operation) and on a local POSIX file system ({@code rename(2)}), so a reader, a
 * done-flag or the next stage sees the previous output, no output, or the complete new one: never
 * part of one. With {@code --overwrite} the previous output is moved aside ({@code
 * .<name>.sheaf-previous}) only once the new one is complete, and removed after it is published; a
 * run killed between the two renames has its previous output put back by the next run. A failed run
 * leaves its staging directory for inspection; the next run clears it.
 */
public final class StageOutput {
  /** The steps of {@link #publish()}, in order (a test hook stops a stage after each). */
  enum Step {
    PREVIOUS_MOVED_ASIDE,
    PUBLISHED,
    PREVIOUS_REMOVED
  }

  /** Called after each step of {@link #publish()}; tests make it throw to simulate a kill there. */
  static volatile Consumer<Step> afterStep = step -> {};

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final Path previous;

  private StageOutput(FileSystem fs, Path target) {
    this.fs = fs;
    this.target = target;
    this.staging = StagePaths.sibling(target, "sheaf-staging");
    this.previous = StagePaths.sibling(target, "sheaf-previous");
  }

  /**
   * Checks {@code output} against the inputs and what exists, recovers from a killed run, and
   * returns where to write. Nothing existing is deleted here.
   *
   * @param output the {@code --output} as given
   * @param inputs the qualified inputs the stage reads
   * @throws UsageException when the output is an input, holds one or lies inside one, exists
   *     without {@code overwrite}, holds {@code ${}, or cannot be created
   */
  public static StageOutput prepare(
      Configuration conf, Path output, List<Path> inputs, boolean overwrite) throws IOException {
    StagePaths.checkLiteral("--output", output);
    FileSystem fs = output.getFileSystem(conf);
    StageOutput stage = new StageOutput(fs, withoutTrailingSlash(fs.makeQualified(output)));
    StagePaths.checkApart(conf, stage.target, inputs);
    if (!fs.exists(stage.target) && fs.exists(stage.previous)) {
      // killed between moving the previous output aside and publishing: the previous one was
      // complete
      fs.rename(stage.previous, stage.target);
    }
    if (fs.exists(stage.target) && !overwrite) {
      throw new UsageException(
          "output " + output + " already exists; choose another --output or pass --overwrite");
    }
    fs.delete(stage.previous, true);
    fs.delete(stage.staging, true);
    stage.checkWritable(output);
    return stage;
  }

  /** {@code out/} as {@code out}: the hidden siblings are named after the last component. */
  private static Path withoutTrailingSlash(Path path) {
    String text = path.toString();
    return path.getName().isEmpty() && !path.isRoot()
        ? new Path(text.substring(0, text.length() - 1))
        : path;
  }

  /** Where the stage writes: the staging directory (it must not exist when the job starts). */
  public Path path() {
    return staging;
  }

  /** The qualified output directory the stage publishes to. */
  public Path target() {
    return target;
  }

  /** The stage's hidden directory for intermediate files, beside the output. */
  public Path work() {
    return StagePaths.workDirectory(target);
  }

  /**
   * Publishes the staging directory as the output, replacing a previous output only now.
   *
   * @throws StageFailedException when a rename fails
   */
  public void publish() throws IOException {
    boolean replacing = fs.exists(target);
    if (replacing) {
      rename(target, previous);
      afterStep.accept(Step.PREVIOUS_MOVED_ASIDE);
    }
    rename(staging, target);
    afterStep.accept(Step.PUBLISHED);
    if (replacing) {
      fs.delete(previous, true);
      afterStep.accept(Step.PREVIOUS_REMOVED);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new StageFailedException("could not rename " + from + " to " + to);
    }
  }

  /**
   * Creates and removes the staging directory once, so an unwritable place fails before any job.
   */
  private void checkWritable(Path output) throws IOException {
    boolean created;
    try {
      created = fs.mkdirs(staging);
    } catch (IOException e) {
      String reason =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().strip().lines().findFirst().orElse("");
      throw new UsageException("cannot write the output " + output + ": " + reason);
    }
    if (!created) {
      throw new UsageException(
          "cannot write the output "
              + output
              + ": cannot create "
              + staging.getParent()
              + " (permission denied or a file in the way)");
    }
    fs.delete(staging, true);
  }
}
