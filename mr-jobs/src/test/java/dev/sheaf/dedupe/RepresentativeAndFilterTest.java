package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.ReduceDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepresentativeAndFilterTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    AvroJob.setMapOutputValueSchema(
        job, Schema.createUnion(DedupeNode.getClassSchema(), ComponentLabel.getClassSchema()));
    DedupeOutputs.declare(job);
    return job.getConfiguration();
  }

  /** A node whose shingle set is {0..99}. */
  private static DedupeNode node(String rank, long fingerprint, Document document) {
    return DedupeNode.newBuilder()
        .setRank(rank)
        .setId(document == null ? rank : document.getId())
        .setFingerprintHigh(fingerprint)
        .setFingerprintLow(fingerprint)
        .setSketch(SketchFixtures.overlapping(100, 0))
        .setDocument(document)
        .build();
  }

  private static ComponentLabel member(String member, String representative) {
    return ComponentLabel.newBuilder()
        .setMember(member)
        .setRepresentative(representative)
        .setRepresentativeId("")
        .setFingerprintHigh(0)
        .setFingerprintLow(0)
        .setSketch(java.nio.ByteBuffer.allocate(0))
        .build();
  }

  @Test
  void labelsEveryMemberWithItsRepresentativeAndCountsComponentSizes() throws Exception {
    ReduceDriver<PairKey, AvroValue<Object>, AvroKey<ComponentLabel>, NullWritable> driver =
        ReduceDriver.of(new Representatives.LabelReducer())
            .withConfiguration(configuration())
            .withInput(new PairKey().set("a", "c"), new AvroValue<>(member("c", "a")))
            .withInput(new PairKey().set("a", ""), new AvroValue<>(node("a", 9, null)))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .withInput(new PairKey().set("lonely", ""), new AvroValue<>(node("lonely", 1, null)));
    List<ComponentLabel> labels =
        driver.run().stream().map(r -> r.<ComponentLabel>keyDatum()).toList();

    assertEquals(List.of("b", "c"), labels.stream().map(ComponentLabel::getMember).toList());
    for (ComponentLabel label : labels) {
      assertEquals("a", label.getRepresentativeId());
      assertEquals(9, label.getFingerprintHigh());
      assertEquals(100 * Integer.BYTES, label.getSketch().remaining());
    }
    assertEquals(1, driver.counter(DedupeCounters.COMPONENTS));
    assertEquals(1, driver.counters().findCounter(Representatives.CLUSTER_SIZES, "3-4").getValue());
    assertEquals("2", Representatives.LabelReducer.sizeBin(2));
    assertEquals("5-8", Representatives.LabelReducer.sizeBin(8));
    assertEquals("9-16", Representatives.LabelReducer.sizeBin(9));
  }

  @Test
  void withTheSketchOnceOnlyTheFirstMemberOfAComponentCarriesIt() throws Exception {
    Configuration conf = configuration();
    conf.setBoolean(Representatives.SKETCH_ONCE, true);
    ReduceDriver<PairKey, AvroValue<Object>, AvroKey<ComponentLabel>, NullWritable> driver =
        ReduceDriver.of(new Representatives.LabelReducer())
            .withConfiguration(conf)
            .withInput(new PairKey().set("a", ""), new AvroValue<>(node("a", 9, null)))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .withInput(new PairKey().set("a", "c"), new AvroValue<>(member("c", "a")))
            .withInput(new PairKey().set("d", ""), new AvroValue<>(node("d", 8, null)))
            .withInput(new PairKey().set("d", "e"), new AvroValue<>(member("e", "d")));
    List<ComponentLabel> labels =
        driver.run().stream().map(r -> r.<ComponentLabel>keyDatum()).toList();

    assertEquals(List.of("b", "c", "e"), labels.stream().map(ComponentLabel::getMember).toList());
    assertEquals(
        List.of(400, 0, 400), labels.stream().map(l -> l.getSketch().remaining()).toList());
    assertEquals(
        List.of("a", "a", "d"), labels.stream().map(l -> l.getRepresentativeId()).toList());
  }

  @Test
  void labelsCarryTheRepresentativesSketchPrefixTheLastPassUses() throws Exception {
    DedupeNode representative = node("a", 9, null);
    representative.setSketch(SketchFixtures.overlapping(1000, 0));
    List<ComponentLabel> labels =
        ReduceDriver.of(new Representatives.LabelReducer())
            .withConfiguration(configuration())
            .withInput(new PairKey().set("a", ""), new AvroValue<>(representative))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .run()
            .stream()
            .map(r -> r.<ComponentLabel>keyDatum())
            .toList();
    ByteBuffer sketch = labels.get(0).getSketch();
    assertEquals(ShingleSketch.REPORTED_SIZE * Integer.BYTES, sketch.remaining());
    assertEquals(
        representative.getSketch().duplicate().limit(sketch.remaining()), sketch, "prefix");
  }

  /** Words w0 .. w99, the last {@code replaced} of them changed. */
  private static String words(int replaced) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append(i < 100 - replaced ? "w" : "changed").append(i).append(' ');
    }
    return text.toString();
  }

  /** The bottom-256 sketch of {@code text} as the representatives job passes it on. */
  private static ByteBuffer reportedSketch(String text) throws Exception {
    DedupeOptions.Near near = DedupeOptions.Near.from(configuration());
    MinHasher hasher = new MinHasher(near.numPerm(), near.shingleSize());
    hasher.signature(new TextNormalizer().normalize(text), new int[near.numPerm()]);
    long[] sketch = new long[ShingleSketch.REPORTED_SIZE];
    return ShingleSketch.toBytes(sketch, hasher.sketch(sketch.length, sketch), null);
  }

  private static ComponentLabel label(String member, String representative, long fingerprint)
      throws Exception {
    ComponentLabel label = member(member, representative);
    label.setRepresentativeId(representative + "-id");
    label.setFingerprintHigh(fingerprint);
    label.setFingerprintLow(fingerprint);
    label.setSketch(reportedSketch(words(0)));
    return label;
  }

  /**
   * Nodes "near" (rep's words with the last 10 changed), "exact" (rep's text) and "rep", "lone"
   * kept; as in nodes/, without sketches.
   */
  private static List<DedupeNode> filterNodes() {
    List<DedupeNode> nodes =
        List.of(
            node("near", 2, document("near-id", words(10))),
            node("exact", 1, document("exact-id", words(0))),
            node("rep", 1, document("rep-id", words(0))),
            node("lone", 5, document("lone-id", "u")));
    nodes.forEach(node -> node.setSketch(ByteBuffer.allocate(0)));
    return nodes;
  }

  /** The filter's records as the assertions below expect them, whichever pass wrote them. */
  private static void assertFiltered(List<String> kept, Path outputDirectory, Counters counters) {
    assertEquals(2, kept.size(), kept.toString());
    assertEquals(Set.of("rep-id", "lone-id"), Set.copyOf(kept));
    List<Duplicate> duplicates =
        AvroFiles.read(outputDirectory.resolve("_duplicates"), Duplicate.class);
    Map<String, Duplicate> byId =
        duplicates.stream().collect(Collectors.toMap(d -> d.getId(), d -> d));
    assertEquals(Set.of("near-id", "exact-id"), byId.keySet());
    Duplicate exact = byId.get("exact-id");
    assertEquals(DuplicateKind.exact, exact.getKind());
    assertEquals("rep-id", exact.getDuplicateOf());
    assertEquals(1.0f, exact.getSimilarity());
    Duplicate near = byId.get("near-id");
    assertEquals(DuplicateKind.near, near.getKind());
    assertEquals("rep-id", near.getDuplicateOf());
    // 96 5-word shingles each; the 10 starting at words 86-95 hold a changed word
    assertEquals(86 / 106f, near.getSimilarity(), "exact Jaccard of the two shingle sets");
    assertEquals(2, counters.findCounter(DedupeCounters.KEPT).getValue());
    assertEquals(2, counters.findCounter(StageCounters.RECORDS_OUT).getValue());
    assertEquals(1, counters.findCounter(DedupeCounters.EXACT_DUPLICATES).getValue());
    assertEquals(1, counters.findCounter(DedupeCounters.NEAR_DUPLICATES).getValue());
  }

  @Test
  void theJoinedPassKeepsUnlabelledNodesAndDropsLabelledOnesAsExactOrNear() throws Exception {
    ReduceDriver<PairKey, AvroValue<Object>, AvroKey<Document>, NullWritable> driver =
        ReduceDriver.of(new NearFilter.FilterReducer()).withConfiguration(configuration());
    for (DedupeNode node : filterNodes()) {
      if (!node.getRank().equals("rep") && !node.getRank().equals("lone")) {
        driver.withInput(
            new PairKey().set(node.getRank(), "0"),
            new AvroValue<>(label(node.getRank(), "rep", 1)));
      }
      driver.withInput(new PairKey().set(node.getRank(), "1"), new AvroValue<>(node));
    }
    List<String> kept = driver.run().stream().map(r -> r.<Document>keyDatum().getId()).toList();
    assertFiltered(kept, driver.outputDirectory(), driver.counters());
  }

  @Test
  void theMapSidePassWritesWhatTheJoinedPassWrites(@TempDir Path temp) throws Exception {
    // the labels as the representatives job writes them for this pass: the sketch once
    Path labels = temp.resolve("labels");
    Files.createDirectories(labels);
    try (DataFileWriter<ComponentLabel> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(ComponentLabel.class))) {
      writer.create(ComponentLabel.getClassSchema(), labels.resolve("part-r-00000.avro").toFile());
      writer.append(label("exact", "rep", 1));
      ComponentLabel near = label("near", "rep", 1);
      near.setSketch(ByteBuffer.allocate(0));
      writer.append(near);
    }
    Configuration conf = configuration();
    conf.set(NearFilter.LABELS, labels.toUri().toString());
    MapDriver<AvroKey<DedupeNode>, NullWritable, AvroKey<Document>, NullWritable> driver =
        MapDriver.of(new NearFilter.MapSideMapper()).withConfiguration(conf);
    for (DedupeNode node : filterNodes()) {
      driver.withInput(new AvroKey<>(node), NullWritable.get());
    }
    List<String> kept = driver.run().stream().map(r -> r.<Document>keyDatum().getId()).toList();
    assertFiltered(kept, driver.outputDirectory(), driver.counters());
  }

  @Test
  void labelsWrittenWithoutTheSketchOnceFailToLoadInsteadOfMisreporting(@TempDir Path temp)
      throws Exception {
    Path labels = temp.resolve("labels");
    Files.createDirectories(labels);
    try (DataFileWriter<ComponentLabel> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(ComponentLabel.class))) {
      writer.create(ComponentLabel.getClassSchema(), labels.resolve("part-r-00000.avro").toFile());
      writer.append(member("near", "rep"));
    }
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                LabelTable.read(
                    new Configuration(), new org.apache.hadoop.fs.Path(labels.toUri())));
    assertTrue(e.getMessage().contains("representative rep has no sketch"), e.getMessage());
  }

  @Test
  void mapTasksOfOneJvmShareOneLabelTableUntilTheLabelsChange(@TempDir Path temp) throws Exception {
    Path labels = temp.resolve("labels");
    Files.createDirectories(labels);
    writeLabels(labels, label("exact", "rep", 1));
    org.apache.hadoop.fs.Path directory = new org.apache.hadoop.fs.Path(labels.toUri());
    Configuration conf = new Configuration();
    LabelTable first = LabelTable.shared(conf, directory);
    assertTrue(first == LabelTable.shared(conf, directory), "read once, shared");
    assertEquals(1, first.size());

    writeLabels(labels, label("exact", "rep", 1), label("other", "rep", 1));
    LabelTable changed = LabelTable.shared(conf, directory);
    assertTrue(changed != first, "other files, read anew");
    assertEquals(2, changed.size());
    assertEquals("rep-id", changed.get("other").representativeId());
  }

  private static void writeLabels(Path directory, ComponentLabel... labels) throws IOException {
    try (DataFileWriter<ComponentLabel> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(ComponentLabel.class))) {
      writer.create(
          ComponentLabel.getClassSchema(), directory.resolve("part-r-00000.avro").toFile());
      for (ComponentLabel label : labels) {
        writer.append(label);
      }
    }
  }
}
