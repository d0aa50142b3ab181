package dev.sheaf.common;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Names an input file by its path relative to the input root it was found under, so ids such as
 * {@code mail/ham/0001.eml} or {@code part-3.jsonl:1024} stay the same when the corpus moves.
 */
public final class SourceNames {
  private SourceNames() {}

  public static String of(Configuration conf, Path file) {
    String path = file.toUri().getPath();
    String best = null;
    for (String root : conf.getTrimmedStrings(InputOptions.ROOTS)) {
      String rootPath = new Path(root).toUri().getPath();
      if (path.equals(rootPath)) {
        return file.getName();
      }
      String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? file.getName() : path.substring(best.length());
  }
}
