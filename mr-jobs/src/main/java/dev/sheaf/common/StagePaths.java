package dev.sheaf.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The path checks a stage makes before it starts a job, each failing with one clear line. */
public final class StagePaths {
  private StagePaths() {}

  /** Qualifies the inputs; a missing one is a {@link UsageException} naming it. */
  public static List<Path> checkInputs(Configuration conf, List<Path> inputs) throws IOException {
    List<Path> qualified = new ArrayList<>();
    for (Path input : inputs) {
      FileSystem fs = input.getFileSystem(conf);
      Path path = fs.makeQualified(input);
      if (!fs.exists(path)) {
        throw new UsageException("input " + input + " does not exist");
      }
      qualified.add(path);
    }
    return qualified;
  }

  /**
   * Qualifies the output; an existing one is removed with {@code overwrite}, otherwise refused.
   */
  public static Path prepareOutput(Configuration conf, Path output, boolean overwrite) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    Path path = fs.makeQualified(output);
    if (fs.exists(path)) {
      if (!overwrite) {
        throw new UsageException("output " + output + " already exists; choose another --output or pass --overwrite");
      }
      if (!fs.delete(path, true)) {
        throw new StageFailedException("could not remove the existing output " + output);
      }
    }
    return path;
  }

  /**
   * Where a stage of several jobs keeps its intermediate files: a hidden directory beside the
   * output ({@code .<output>.sheaf-work}), so it never mixes with the output and a failed run's
   * files stay there for inspection until the next run.
   */
  public static Path workDirectory(Path output) {
    return new Path(output.getParent(), "." + output.getName() + ".sheaf-work");
  }

  /**
   * Adds {@code --output DIR} (what goes there: {@code contents}; required unless a command has
   * another mode) and {@code --overwrite} to a command's options.
   */
  public static void addOutputOptions(Options options, String contents, boolean required) {
    options.addOption(Option.builder().longOpt("output").hasArg().argName("DIR").required(required)
        .desc("output directory: " + contents).build());
    options.addOption(Option.builder().longOpt("overwrite")
        .desc("replace an existing output").build());
  }
}
