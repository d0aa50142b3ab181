package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.document;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.ReduceDriver;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class RepresentativeAndFilterTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    AvroJob.setMapOutputValueSchema(
        job, Schema.createUnion(DedupeNode.getClassSchema(), ComponentLabel.getClassSchema()));
    DedupeOutputs.declare(job);
    return job.getConfiguration();
  }

  /** A node whose shingle set is {0..99} with its last {@code replaced} values changed. */
  private static DedupeNode node(String rank, long fingerprint, int replaced, Document document) {
    return DedupeNode.newBuilder()
        .setRank(rank)
        .setId(document == null ? rank : document.getId())
        .setFingerprintHigh(fingerprint)
        .setFingerprintLow(fingerprint)
        .setSketch(SketchFixtures.overlapping(100, replaced))
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
            .withInput(new PairKey().set("a", ""), new AvroValue<>(node("a", 9, 0, null)))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .withInput(new PairKey().set("a", "b"), new AvroValue<>(member("b", "a")))
            .withInput(
                new PairKey().set("lonely", ""), new AvroValue<>(node("lonely", 1, 0, null)));
    List<ComponentLabel> labels =
        driver.run().stream().map(r -> r.<ComponentLabel>keyDatum()).toList();

    assertEquals(List.of("b", "c"), labels.stream().map(ComponentLabel::getMember).toList());
    for (ComponentLabel label : labels) {
      assertEquals("a", label.getRepresentativeId());
      assertEquals(9, label.getFingerprintHigh());
      assertEquals(800, label.getSketch().remaining());
    }
    assertEquals(1, driver.counter(DedupeCounters.COMPONENTS));
    assertEquals(1, driver.counters().findCounter(Representatives.CLUSTER_SIZES, "3-4").getValue());
    assertEquals("2", Representatives.LabelReducer.sizeBin(2));
    assertEquals("5-8", Representatives.LabelReducer.sizeBin(8));
    assertEquals("9-16", Representatives.LabelReducer.sizeBin(9));
  }

  @Test
  void keepsUnlabelledNodesAndDropsLabelledOnesAsExactOrNear() throws Exception {
    ComponentLabel nearLabel = member("near", "rep");
    nearLabel.setRepresentativeId("rep-id");
    nearLabel.setFingerprintHigh(1L);
    nearLabel.setFingerprintLow(1L);
    nearLabel.setSketch(node("rep", 1, 0, null).getSketch());
    ComponentLabel exactLabel = ComponentLabel.newBuilder(nearLabel).setMember("exact").build();

    ReduceDriver<PairKey, AvroValue<Object>, AvroKey<Document>, NullWritable> driver =
        ReduceDriver.of(new NearFilter.FilterReducer())
            .withConfiguration(configuration())
            .withInput(
                new PairKey().set("near", "1"),
                new AvroValue<>(node("near", 2, 10, document("near-id", "t"))))
            .withInput(new PairKey().set("near", "0"), new AvroValue<>(nearLabel))
            .withInput(new PairKey().set("exact", "0"), new AvroValue<>(exactLabel))
            .withInput(
                new PairKey().set("exact", "1"),
                new AvroValue<>(node("exact", 1, 0, document("exact-id", "t"))))
            .withInput(
                new PairKey().set("rep", "1"),
                new AvroValue<>(node("rep", 1, 0, document("rep-id", "t"))))
            .withInput(
                new PairKey().set("twin", "1"),
                new AvroValue<>(node("twin", 5, 0, document("twin-id", "u"))))
            .withInput(
                new PairKey().set("twin", "1"),
                new AvroValue<>(node("twin", 5, 0, document("twin-id", "u"))));
    List<String> kept = driver.run().stream().map(r -> r.<Document>keyDatum().getId()).toList();

    assertEquals(List.of("rep-id", "twin-id"), kept);
    List<Duplicate> duplicates =
        AvroFiles.read(driver.outputDirectory().resolve("_duplicates"), Duplicate.class);
    assertEquals(3, duplicates.size());
    Duplicate exact = duplicates.get(0);
    assertEquals("exact-id", exact.getId());
    assertEquals(DuplicateKind.exact, exact.getKind());
    assertEquals("rep-id", exact.getDuplicateOf());
    Duplicate near = duplicates.get(1);
    assertEquals("near-id", near.getId());
    assertEquals(DuplicateKind.near, near.getKind());
    assertEquals(90 / 110f, near.getSimilarity(), "exact Jaccard of the two shingle sets");
    Duplicate twin = duplicates.get(2);
    assertEquals("twin-id", twin.getDuplicateOf());
    assertEquals(DuplicateKind.exact, twin.getKind());
    assertEquals(2, driver.counter(DedupeCounters.KEPT));
    assertEquals(2, driver.counter(StageCounters.RECORDS_OUT));
    assertEquals(2, driver.counter(DedupeCounters.EXACT_DUPLICATES));
    assertEquals(1, driver.counter(DedupeCounters.NEAR_DUPLICATES));
  }
}
