package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.testing.MapReduceDriver;
import dev.sheaf.testing.Record;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large-star / small-star rounds through the MRUnit-style drivers, against union-find. */
class ConnectedComponentsTest {
  private record Result(Map<String, String> representatives, int rounds) {}

  private static Configuration configuration(int reducers) throws Exception {
    Job job = Job.getInstance(new Configuration());
    PairKey.configureShuffle(job);
    job.setMapOutputValueClass(NullWritable.class);
    job.setNumReduceTasks(reducers);
    return job.getConfiguration();
  }

  private static List<Record<Text, Text>> round(
      List<Record<Text, Text>> edges, boolean large, int reducers, long[] changes)
      throws Exception {
    MapReduceDriver<Text, Text, PairKey, NullWritable, Text, Text> driver =
        large
            ? MapReduceDriver.of(
                ConnectedComponents.LargeStarMapper::new, ConnectedComponents.LargeStarReducer::new)
            : MapReduceDriver.of(
                ConnectedComponents.SmallStarMapper::new,
                ConnectedComponents.SmallStarReducer::new);
    driver.withConfiguration(configuration(reducers)).withMapTasks(2);
    for (Record<Text, Text> edge : edges) {
      driver.withInput(edge.key(), edge.value());
    }
    List<Record<Text, Text>> out = driver.run();
    changes[0] =
        driver.counter(
            large ? DedupeCounters.LARGE_STAR_CHANGES : DedupeCounters.SMALL_STAR_CHANGES);
    return out;
  }

  /** Runs rounds to convergence; returns member -> representative from the final star edges. */
  private static Result components(List<String[]> graph, int reducers) throws Exception {
    List<Record<Text, Text>> edges = new ArrayList<>();
    for (String[] edge : graph) {
      edges.add(new Record<>(new Text(edge[0]), new Text(edge[1])));
    }
    long[] large = new long[1];
    long[] small = new long[1];
    for (int rounds = 1; rounds <= NearDedupe.MAX_ROUNDS; rounds++) {
      edges = round(round(edges, true, reducers, large), false, reducers, small);
      if (large[0] == 0 && small[0] == 0) {
        Map<String, String> representatives = new TreeMap<>();
        for (Record<Text, Text> edge : edges) {
          String a = edge.key().toString();
          String b = edge.value().toString();
          String member = a.compareTo(b) > 0 ? a : b;
          String representative = a.compareTo(b) > 0 ? b : a;
          String previous = representatives.put(member, representative);
          assertTrue(
              previous == null || previous.equals(representative), member + " in two components");
        }
        for (String representative : new TreeSet<>(representatives.values())) {
          assertTrue(
              !representatives.containsKey(representative), "a representative is nobody's member");
        }
        return new Result(representatives, rounds);
      }
    }
    throw new AssertionError("no convergence");
  }

  private static Map<String, String> unionFind(List<String[]> graph) {
    Map<String, String> parent = new HashMap<>();
    for (String[] edge : graph) {
      String a = find(parent, edge[0]);
      String b = find(parent, edge[1]);
      if (!a.equals(b)) {
        if (a.compareTo(b) < 0) {
          parent.put(b, a);
        } else {
          parent.put(a, b);
        }
      }
    }
    Map<String, String> representatives = new TreeMap<>();
    for (String node : new ArrayList<>(parent.keySet())) {
      String root = find(parent, node);
      if (!root.equals(node)) {
        representatives.put(node, root);
      }
    }
    return representatives;
  }

  private static String find(Map<String, String> parent, String node) {
    parent.putIfAbsent(node, node);
    String root = node;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }

  @Test
  void aLongChainBecomesOneStarAroundItsSmallestNode() throws Exception {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      nodes.add(String.format("n%03d", i));
    }
    java.util.Collections.shuffle(nodes, new Random(5));
    List<String[]> chain = new ArrayList<>();
    for (int i = 0; i + 1 < nodes.size(); i++) {
      chain.add(new String[] {nodes.get(i), nodes.get(i + 1)});
    }
    Result result = components(chain, 3);
    assertEquals(119, result.representatives().size());
    assertTrue(result.representatives().values().stream().allMatch("n000"::equals));
    assertTrue(result.rounds() < 20, "rounds " + result.rounds());
  }

  @Test
  void starsIsolatedPairsAndRandomGraphsMatchUnionFind() throws Exception {
    Random random = new Random(17);
    List<String[]> graph = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      graph.add(new String[] {"star-hub", String.format("star-%02d", i)});
    }
    graph.add(new String[] {"pair-b", "pair-a"});
    graph.add(new String[] {"self", "self"});
    for (int i = 0; i < 150; i++) {
      graph.add(new String[] {"r" + random.nextInt(120), "r" + random.nextInt(120)});
    }
    Map<String, String> expected = unionFind(graph);
    expected.remove("self");
    Map<String, String> one = components(graph, 1).representatives();
    Map<String, String> three = components(graph, 3).representatives();
    assertEquals(expected, one);
    assertEquals(expected, three);
    assertEquals("pair-a", one.get("pair-b"));
    assertEquals(
        "star-01", one.get("star-hub"), "the smallest rank represents the star, not its hub");
  }

  /** The driver's union-find: the same stars as the rounds, from files and directories of edges. */
  @Test
  void driverComponentsMatchUnionFindAndTheRounds(@TempDir java.nio.file.Path dir)
      throws Exception {
    Random random = new Random(23);
    List<String[]> graph = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      graph.add(new String[] {"r" + random.nextInt(300), "r" + random.nextInt(300)});
    }
    for (int i = 1; i <= 20; i++) {
      graph.add(new String[] {"hub", "spoke-" + i});
    }
    Configuration conf = new Configuration();
    Path edges = new Path(dir.toUri());
    writeEdges(conf, new Path(edges, "near/part-r-00000"), graph.subList(0, 200));
    writeEdges(conf, new Path(edges, "exact/part-r-00000"), graph.subList(200, graph.size()));
    Path stars = new Path(edges, "components/part-r-00000");
    DriverComponents.Sizes sizes =
        DriverComponents.run(
            conf, List.of(new Path(edges, "near/part-r-*"), new Path(edges, "exact")), stars);
    long members = sizes.members();

    Map<String, String> representatives = new TreeMap<>();
    try (SequenceFile.Reader reader =
        new SequenceFile.Reader(conf, SequenceFile.Reader.file(stars))) {
      Text representative = new Text();
      Text member = new Text();
      while (reader.next(representative, member)) {
        assertTrue(representative.compareTo(member) < 0, representative + " -> " + member);
        representatives.put(member.toString(), representative.toString());
      }
    }
    assertEquals(representatives.size(), members);
    assertEquals(new java.util.HashSet<>(representatives.values()).size(), sizes.components());
    assertEquals(unionFind(graph), representatives);
    assertEquals(components(graph, 2).representatives(), representatives);
  }

  private static void writeEdges(Configuration conf, Path file, List<String[]> edges)
      throws Exception {
    try (SequenceFile.Writer writer =
        SequenceFile.createWriter(
            conf,
            SequenceFile.Writer.file(file),
            SequenceFile.Writer.keyClass(Text.class),
            SequenceFile.Writer.valueClass(Text.class))) {
      for (String[] edge : edges) {
        writer.append(new Text(edge[0]), new Text(edge[1]));
      }
    }
  }

  @Test
  void noEdgesConvergeAtOnce() throws Exception {
    assertEquals(1, components(List.of(), 2).rounds());
  }
}
