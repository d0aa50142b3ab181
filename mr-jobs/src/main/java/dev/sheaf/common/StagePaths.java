package dev.sheaf.common;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The path checks a stage makes before it starts a job, each failing with one clear line. */
public final class StagePaths {
  private StagePaths() {}

  /**
   * Refuses a path that Hadoop would change before using it: a job's input and output paths travel
   * in its configuration, whose reads expand {@code ${name}} (so {@code literal-${user.name}.jsonl}
   * would read {@code literal-root.jsonl}).
   *
   * @throws UsageException naming {@code option} and the path
   */
  public static void checkLiteral(String option, Path path) {
    if (path.toString().contains("${")) {
      throw new UsageException(
          option
              + " "
              + path
              + ": paths with '${' are not supported (Hadoop's configuration "
              + "would expand them); rename the file or directory");
    }
  }

  /**
   * Refuses an output that is one of the inputs, holds one, or lies inside one: replacing it would
   * delete input, and a recursive listing of the input would read the output. Paths are compared
   * qualified and, on the local file system, with symbolic links followed.
   *
   * @param output the qualified output directory
   * @param inputs qualified input files or directories
   * @throws UsageException naming both paths
   */
  public static void checkApart(Configuration conf, Path output, List<Path> inputs)
      throws IOException {
    String out = resolved(conf, output);
    for (Path input : inputs) {
      String in = resolved(conf, input);
      if (out.equals(in) || in.startsWith(out + "/") || out.startsWith(in + "/")) {
        String relation =
            out.equals(in) ? "is" : in.startsWith(out + "/") ? "contains" : "lies inside";
        throw new UsageException(
            "output "
                + output
                + " "
                + relation
                + " the input "
                + input
                + "; choose an output apart from every input");
      }
    }
  }

  /**
   * The path as a comparable string: on the local file system the real path of its longest existing
   * ancestor (links followed) plus the rest; elsewhere the qualified path.
   */
  private static String resolved(Configuration conf, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    URI uri = fs.makeQualified(path).toUri();
    if (!"file".equals(uri.getScheme())) {
      return uri.getScheme() + "://" + uri.getAuthority() + stripSlash(uri.getPath());
    }
    java.nio.file.Path local = Paths.get(uri.getPath()).toAbsolutePath().normalize();
    java.nio.file.Path existing = local;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    java.nio.file.Path real =
        existing == null ? local : existing.toRealPath().resolve(existing.relativize(local));
    return "file:" + stripSlash(real.normalize().toString());
  }

  private static String stripSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Where a stage of several jobs keeps its intermediate files: a hidden directory beside the
   * output ({@code .<output>.sheaf-work}), so it never mixes with the output and a failed run's
   * files stay there for inspection until the next run.
   */
  public static Path workDirectory(Path output) {
    return sibling(output, "sheaf-work");
  }

  /** The hidden directory {@code .<name>.<suffix>} beside {@code path}. */
  static Path sibling(Path path, String suffix) {
    return new Path(path.getParent(), "." + path.getName() + "." + suffix);
  }

  /**
   * {@code --output DIR} (what goes there: {@code contents}; required unless a command has another
   * mode) and {@code --overwrite}, as a command's settings.
   *
   * @return the two settings, {@link OutputOption#OUTPUT} described for this command first
   */
  public static List<StageOption> outputSettings(String contents, boolean required) {
    OptionSpec output = OutputOption.OUTPUT.spec();
    OptionSpec described =
        new OptionSpec(
            output.name(),
            output.shortName(),
            output.argName(),
            output.repeated(),
            required,
            output.description() + ": " + contents,
            output.defaultValue(),
            output.configKey(),
            output.pipeline());
    return List.of(() -> described, OutputOption.OVERWRITE);
  }
}
