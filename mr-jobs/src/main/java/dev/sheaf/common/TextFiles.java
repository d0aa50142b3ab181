package dev.sheaf.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** Small UTF-8 text files on any Hadoop file system: artifacts, plans, side outputs. */
public final class TextFiles {
  private TextFiles() {}

  public static List<String> readLines(Configuration conf, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(file.getFileSystem(conf).open(file), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The lines of every file matching {@code glob}, file by file in name order. */
  public static List<String> readAllLines(Configuration conf, Path glob) throws IOException {
    List<String> lines = new ArrayList<>();
    for (FileStatus file : matching(conf, glob)) {
      lines.addAll(readLines(conf, file.getPath()));
    }
    return lines;
  }

  /**
   * The files matching {@code glob}, sorted by path; none when nothing (or no directory) matches.
   */
  public static List<FileStatus> matching(Configuration conf, Path glob) throws IOException {
    FileStatus[] found = glob.getFileSystem(conf).globStatus(glob);
    List<FileStatus> files =
        new ArrayList<>(found == null ? List.of() : java.util.Arrays.asList(found));
    files.sort(null);
    return files;
  }

  public static void writeLines(Configuration conf, Path file, Iterable<String> lines)
      throws IOException {
    try (OutputStream stream = file.getFileSystem(conf).create(file, true);
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }
}
