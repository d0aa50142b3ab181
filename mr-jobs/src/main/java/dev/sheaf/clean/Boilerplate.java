package dev.sheaf.clean;

import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Loads the boilerplate phrases {@code --boilerplate} names: a phrase file (one a line, any case,
 * blank lines and {@code #} comments skipped) on any Hadoop file system, or the built-in list
 * shipped with sheaf.
 */
final class Boilerplate {
  /** {@code --boilerplate built-in}: the phrase list shipped with sheaf. */
  static final String BUILT_IN = "built-in";

  static final String BUILT_IN_RESOURCE = "/dev/sheaf/clean/boilerplate.txt";

  private Boilerplate() {}

  /**
   * The phrases of {@code source}, {@link #BUILT_IN} or a file, lower-cased.
   *
   * @throws UsageException if the file cannot be read
   */
  static List<String> load(String source, Configuration conf) {
    return source.equals(BUILT_IN) ? builtIn() : read(new Path(source), conf);
  }

  /** The phrases of a boilerplate file: one a line, blank lines and '#' comments skipped. */
  static List<String> parsePhrases(String content) {
    List<String> phrases = new ArrayList<>();
    for (String line : content.split("\n")) {
      String phrase = line.strip();
      if (!phrase.isEmpty() && !phrase.startsWith("#")) {
        phrases.add(phrase.toLowerCase(Locale.ROOT));
      }
    }
    return phrases;
  }

  private static List<String> builtIn() {
    try (InputStream in = Boilerplate.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
      return parsePhrases(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file, Configuration conf) {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return parsePhrases(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageException("--boilerplate: cannot read " + file + ": " + e.getMessage());
    }
  }
}
