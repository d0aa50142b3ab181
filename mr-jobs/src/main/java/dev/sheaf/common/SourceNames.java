package dev.sheaf.common;

import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Names an input file by its path relative to the input root it was found under, so ids such as
 * {@code mail/ham/0001.eml} or {@code part-3.jsonl:1024} stay the same when the corpus moves.
 */
public final class SourceNames {
  /** Maildir's subdirectories (messages being delivered, new, seen): not labels. */
  private static final Set<String> MAILDIR_SUBDIRECTORIES = Set.of("cur", "new", "tmp");

  private SourceNames() {}

  /**
   * Opens an input file. On the local file system it bypasses Hadoop's checksum layer: files
   * written outside Hadoop have no {@code .crc} beside them, and a name with a colon (Maildir's
   * {@code 1700000000.M1P2.host:2,S}) cannot even name one (Hadoop's {@link Path} refuses it).
   */
  public static FSDataInputStream open(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw().open(file) : fs.open(file);
  }

  /**
   * The label {@code --label-from-dir} gives a file: its directory's name, or for a message in a
   * Maildir's {@code cur/}, {@code new/} or {@code tmp/} the Maildir's name; null at the root.
   */
  public static String directoryLabel(Path file) {
    Path dir = file.getParent();
    if (dir != null
        && MAILDIR_SUBDIRECTORIES.contains(dir.getName())
        && dir.getParent() != null
        && !dir.getParent().getName().isEmpty()) {
      dir = dir.getParent();
    }
    return dir == null || dir.getName().isEmpty() ? null : dir.getName();
  }

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
