package dev.sheaf.dedupe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;

/**
 * Connected components of a small graph in the driver: union-find (union by the smaller rank, path
 * halving; Tarjan, "Efficiency of a Good But Not Linear Set Union Algorithm", 1975) over the edge
 * files, written as the star rounds of {@link ConnectedComponents} end: one (representative,
 * member) edge per member, the representative its component's smallest rank in {@link Text} byte
 * order. A graph of at most {@link #MAX_EDGES} edges (about 150 bytes of driver heap a node) needs
 * no MapReduce round: each round is two jobs, and a corpus with few duplicates needs three rounds
 * or more to converge. Larger graphs go through the rounds, which scale.
 */
final class DriverComponents {
  /** The most edges (exact and near) handled in the driver; {@code 0} always runs the rounds. */
  static final String MAX_EDGES = "sheaf.dedupe.driver-components-max-edges";

  static final long DEFAULT_MAX_EDGES = 1_000_000;

  /**
   * What union-find found: members (not representatives), their ranks' bytes (UTF-8) in all, and
   * components of two or more.
   */
  record Sizes(long members, long memberRankBytes, long components) {}

  private final Map<Text, Integer> indexes = new HashMap<>();
  private Text[] nodes = new Text[1024];
  private int[] parents = new int[1024];

  /**
   * Reads the (Text, Text) edge SequenceFiles matching {@code edgeGlobs} (a directory: its files
   * but hidden ones, as FileInputFormat reads it), writes the star edges to the one SequenceFile
   * {@code output}; returns the number of members written and of components.
   */
  static Sizes run(Configuration conf, List<Path> edgeGlobs, Path output) throws IOException {
    DriverComponents components = new DriverComponents();
    for (Path file : files(conf, edgeGlobs)) {
      components.read(conf, file);
    }
    long[] written = components.write(conf, output);
    // every node is in an edge, so each root heads a component of two or more
    return new Sizes(written[0], written[1], components.indexes.size() - written[0]);
  }

  /**
   * The files matching {@code globs}: a matched directory stands for its files but hidden ones, as
   * FileInputFormat reads it.
   */
  static List<Path> files(Configuration conf, List<Path> globs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path glob : globs) {
      FileSystem fs = glob.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(glob);
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        if (!match.isDirectory()) {
          files.add(match.getPath());
          continue;
        }
        for (FileStatus file : fs.listStatus(match.getPath(), DriverComponents::visible)) {
          files.add(file.getPath());
        }
      }
    }
    return files;
  }

  private static boolean visible(Path path) {
    return !path.getName().startsWith("_") && !path.getName().startsWith(".");
  }

  /** Reads the (Text, Text) edges of one SequenceFile. */
  void read(Configuration conf, Path file) throws IOException {
    Text u = new Text();
    Text v = new Text();
    try (SequenceFile.Reader reader =
        new SequenceFile.Reader(conf, SequenceFile.Reader.file(file))) {
      while (reader.next(u, v)) {
        add(u, v);
      }
    }
  }

  /** Adds the edge (u, v); both are copied. */
  void add(Text u, Text v) {
    union(index(u), index(v));
  }

  /** The nodes seen, indexed 0 .. nodeCount() - 1 in the order they were first seen. */
  int nodeCount() {
    return indexes.size();
  }

  /** The rank of node {@code node}. */
  Text rank(int node) {
    return nodes[node];
  }

  /** The node that heads {@code node}'s component: the one of smallest rank. */
  int root(int node) {
    return find(node);
  }

  private int index(Text rank) {
    Integer index = indexes.get(rank);
    if (index != null) {
      return index;
    }
    int next = indexes.size();
    if (next == nodes.length) {
      nodes = Arrays.copyOf(nodes, next * 2);
      parents = Arrays.copyOf(parents, next * 2);
    }
    Text copy = new Text(rank);
    nodes[next] = copy;
    parents[next] = next;
    indexes.put(copy, next);
    return next;
  }

  private int find(int node) {
    while (parents[node] != node) {
      parents[node] = parents[parents[node]];
      node = parents[node];
    }
    return node;
  }

  private void union(int a, int b) {
    int rootA = find(a);
    int rootB = find(b);
    if (rootA == rootB) {
      return;
    }
    if (nodes[rootA].compareTo(nodes[rootB]) < 0) {
      parents[rootB] = rootA;
    } else {
      parents[rootA] = rootB;
    }
  }

  /** Writes the star edges; returns the members written and their ranks' bytes. */
  private long[] write(Configuration conf, Path output) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    fs.mkdirs(output.getParent());
    long members = 0;
    long rankBytes = 0;
    try (SequenceFile.Writer writer =
        SequenceFile.createWriter(
            conf,
            SequenceFile.Writer.file(output),
            SequenceFile.Writer.keyClass(Text.class),
            SequenceFile.Writer.valueClass(Text.class),
            SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE))) {
      for (int node = 0, n = indexes.size(); node < n; node++) {
        int root = find(node);
        if (root != node) {
          writer.append(nodes[root], nodes[node]);
          members++;
          rankBytes += nodes[node].getLength();
        }
      }
    }
    return new long[] {members, rankBytes};
  }
}
