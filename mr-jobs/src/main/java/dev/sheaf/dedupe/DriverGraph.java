package dev.sheaf.dedupe;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.mapred.FsInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;

/**
 * Near dedupe between the minhash job and the last pass, in the driver, when the distinct texts are
 * few: the LSH buckets' pairs ({@link BucketPairing}), their verification (the sketches' similarity
 * against the threshold, each distinct pair once, as {@link CandidateVerification} does), the
 * connected components ({@link DriverComponents}) and every member's label (as {@link
 * Representatives.LabelReducer} writes them). The same pairs, edges, components, labels and
 * counters as the buckets, candidates, verify and representatives jobs, without those four jobs,
 * each of which reads, sorts and writes its input again and costs its start. Holds every leader
 * (one per distinct text) with its whole sketch and its bucket entries: used when {@link
 * #estimatedBytes} fits in {@link #MEMORY_MB} and the exact edges in {@link
 * DriverComponents#MAX_EDGES}.
 */
final class DriverGraph {
  /**
   * The most heap, in MiB, the driver may spend on the leaders ({@link #estimatedBytes}); above it
   * the jobs run. 0: always the jobs.
   */
  static final String MEMORY_MB = "sheaf.dedupe.driver-graph-memory-mb";

  static final long DEFAULT_MEMORY_MB = 256;

  /** Heap a leader takes besides its sketch's longs and bucket entries: rank, id, map entry. */
  static final long LEADER_OVERHEAD_BYTES = 400;

  /**
   * Heap a bucket entry takes: its bucket's Text (20 bytes and headers), its map entry and its
   * one-slot list of ranks (most buckets hold one leader).
   */
  static final long ENTRY_BYTES = 160;

  /** Heap a union-find node takes (as {@link DriverComponents} measures it). */
  static final long NODE_BYTES = 150;

  /** A leader's rank, id, fingerprint and sketch ({@code sketch[0, length)}). */
  private record Leader(
      Text rank, String id, long fingerprintHigh, long fingerprintLow, long[] sketch, int length) {}

  /** A candidate pair: centre (the smaller rank), member. */
  private record Pair(Text center, Text member) {}

  private final Map<Text, Leader> leaders = new HashMap<>();
  private final DriverComponents components = new DriverComponents();
  private final Counters counters;

  private DriverGraph(Counters counters) {
    this.counters = counters;
  }

  /**
   * The heap, in bytes, the graph of {@code leaders} leaders and {@code exactEdges} exact
   * duplicates takes: per leader a sketch of {@code sketchSize} longs, {@link
   * #LEADER_OVERHEAD_BYTES} and {@link #ENTRY_BYTES} for each of its {@code bands} bucket entries;
   * per exact duplicate {@link #NODE_BYTES} of union-find. The candidate pairs come on top (about
   * 100 bytes each, at most {@link BucketPairing#ANCHORS} per leader and band; a few per leader on
   * text corpora).
   */
  static long estimatedBytes(long leaders, long exactEdges, int sketchSize, int bands) {
    return leaders * (sketchSize * (long) Long.BYTES + LEADER_OVERHEAD_BYTES + bands * ENTRY_BYTES)
        + exactEdges * NODE_BYTES;
  }

  /** Whether the graph fits in {@link #MEMORY_MB} of {@code conf} ({@link #estimatedBytes}). */
  static boolean fits(Configuration conf, long leaders, long exactEdges, DedupeOptions.Near near) {
    long budget = conf.getLong(MEMORY_MB, DEFAULT_MEMORY_MB) << 20;
    return budget > 0
        && estimatedBytes(leaders, exactEdges, near.sketchSize(), near.bands().bands()) <= budget;
  }

  /**
   * Reads the leaders (DedupeNode Avro files in {@code leadersDirectory}) and the bucket entries
   * ((bucket, rank) SequenceFiles matching {@code entries}), pairs, verifies, and joins the
   * components with the exact edges (SequenceFiles matching {@code exactEdges}); adds the bucket,
   * candidate and edge counters to {@code counters}.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalStateException when a bucket names a rank that is no leader
   */
  static DriverGraph build(
      Configuration conf,
      DedupeOptions.Near near,
      Path leadersDirectory,
      Path entries,
      List<Path> exactEdges,
      Counters counters)
      throws IOException {
    DriverGraph graph = new DriverGraph(counters);
    for (Path file : DriverComponents.files(conf, List.of(leadersDirectory))) {
      graph.readLeaders(conf, file);
    }
    graph.verify(graph.pairs(conf, near, entries), near);
    for (Path file : DriverComponents.files(conf, exactEdges)) {
      graph.components.read(conf, file);
    }
    return graph;
  }

  private void readLeaders(Configuration conf, Path file) throws IOException {
    long[][] sketch = new long[1][];
    try (DataFileReader<DedupeNode> reader =
        new DataFileReader<>(
            new FsInput(file, conf), new SpecificDatumReader<>(DedupeNode.class))) {
      for (DedupeNode node : reader) {
        sketch[0] = null;
        int length = ShingleSketch.fromBytes(node.getSketch(), sketch);
        Text rank = new Text(node.getRank());
        leaders.put(
            rank,
            new Leader(
                rank,
                node.getId(),
                node.getFingerprintHigh(),
                node.getFingerprintLow(),
                sketch[0],
                length));
      }
    }
  }

  /**
   * The distinct pairs of the buckets, each bucket's members in rank order as the bucket job's
   * shuffle sorts them (by bytes); grouped by a hash map, not by sorting every entry.
   */
  private Set<Pair> pairs(Configuration conf, DedupeOptions.Near near, Path entries)
      throws IOException {
    Map<Text, List<Text>> buckets = new HashMap<>();
    for (Path file : DriverComponents.files(conf, List.of(entries))) {
      try (SequenceFile.Reader reader =
          new SequenceFile.Reader(conf, SequenceFile.Reader.file(file))) {
        Text rank = new Text();
        for (Text bucket = new Text(); reader.next(bucket, rank); bucket = new Text()) {
          // each entry holds its leader's own rank: one copy a leader, not one a band
          buckets.computeIfAbsent(bucket, b -> new ArrayList<>(1)).add(leader(rank).rank());
        }
      }
    }
    Set<Pair> pairs = new HashSet<>();
    BucketPairing pairing = new BucketPairing(near.maxBucketSize());
    // the anchor Text is the pairing's, reused: the pair holds the leader's own
    BucketPairing.Sink sink =
        (anchor, member) -> pairs.add(new Pair(leader(anchor).rank(), member));
    try {
      for (List<Text> members : buckets.values()) {
        members.sort(null);
        pairing.startBucket();
        for (Text member : members) {
          pairing.add(member, sink);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    pairing.addCountsTo(counters::findCounter);
    return pairs;
  }

  /** Each distinct pair's similarity; an edge into the components when it reaches the threshold. */
  private void verify(Set<Pair> pairs, DedupeOptions.Near near) {
    long edges = 0;
    for (Pair pair : pairs) {
      Leader center = leader(pair.center());
      Leader member = leader(pair.member());
      if (ShingleSketch.similarity(
              center.sketch(), center.length(), member.sketch(), member.length(), near.sketchSize())
          >= near.threshold()) {
        components.add(pair.center(), pair.member());
        edges++;
      }
    }
    counters.findCounter(DedupeCounters.CANDIDATE_PAIRS).increment(pairs.size());
    counters.findCounter(DedupeCounters.EDGES).increment(edges);
  }

  private Leader leader(Text rank) {
    Leader leader = leaders.get(rank);
    if (leader == null) {
      throw new IllegalStateException("no node for candidate " + rank);
    }
    return leader;
  }

  /** What union-find found: members, their ranks' bytes, components of two or more. */
  DriverComponents.Sizes sizes() {
    long members = 0;
    long rankBytes = 0;
    for (int node = 0, n = components.nodeCount(); node < n; node++) {
      if (components.root(node) != node) {
        members++;
        rankBytes += components.rank(node).getLength();
      }
    }
    return new DriverComponents.Sizes(members, rankBytes, components.nodeCount() - members);
  }

  /**
   * Writes every member's {@code ComponentLabel} into {@code directory} (one Avro file), grouped by
   * representative (members in union-find's node order), the representative's sketch prefix with
   * each label or, with {@code sketchOnce}, with the first of each component only; adds the
   * component counters.
   */
  void writeLabels(Configuration conf, Path directory, boolean sketchOnce) throws IOException {
    int[] members = membersByRoot();
    FileSystem fs = directory.getFileSystem(conf);
    ByteBuffer none = ByteBuffer.allocate(0);
    try (DataFileWriter<ComponentLabel> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(ComponentLabel.class))) {
      writer.create(
          ComponentLabel.getClassSchema(), fs.create(new Path(directory, "part-r-00000.avro")));
      int root = -1;
      int size = 0;
      ByteBuffer reported = none;
      Leader representative = null;
      for (int member : members) {
        if (components.root(member) != root) {
          countComponent(size);
          root = components.root(member);
          representative = leaders.get(components.rank(root));
          if (representative == null) {
            throw new IllegalStateException("no node for representative " + components.rank(root));
          }
          reported =
              ShingleSketch.toBytes(
                  representative.sketch(),
                  Math.min(representative.length(), ShingleSketch.REPORTED_SIZE),
                  null);
          size = 1;
        }
        writer.append(
            ComponentLabel.newBuilder()
                .setMember(components.rank(member).toString())
                .setRepresentative(components.rank(root).toString())
                .setRepresentativeId(representative.id())
                .setFingerprintHigh(representative.fingerprintHigh())
                .setFingerprintLow(representative.fingerprintLow())
                .setSketch(sketchOnce && size > 1 ? none : reported.duplicate())
                .build());
        size++;
      }
      countComponent(size);
    }
  }

  /**
   * Every node that is not a root, grouped by root (a counting sort on the root's index), each
   * group in node order.
   */
  private int[] membersByRoot() {
    int n = components.nodeCount();
    int[] roots = new int[n];
    int[] starts = new int[n + 1];
    int members = 0;
    for (int node = 0; node < n; node++) {
      roots[node] = components.root(node);
      if (roots[node] != node) {
        starts[roots[node] + 1]++;
        members++;
      }
    }
    for (int root = 0; root < n; root++) {
      starts[root + 1] += starts[root];
    }
    int[] grouped = new int[members];
    for (int node = 0; node < n; node++) {
      if (roots[node] != node) {
        grouped[starts[roots[node]]++] = node;
      }
    }
    return grouped;
  }

  /** Counts a component of {@code size} documents (none when {@code size} is 0). */
  private void countComponent(int size) {
    if (size > 1) {
      counters.findCounter(DedupeCounters.COMPONENTS).increment(1);
      counters
          .findCounter(Representatives.CLUSTER_SIZES, Representatives.LabelReducer.sizeBin(size))
          .increment(1);
    }
  }
}
