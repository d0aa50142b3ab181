package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.CandidatePair;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.testing.ReduceDriver;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class CandidateVerificationTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    AvroJob.setMapOutputValueSchema(
        job, Schema.createUnion(DedupeNode.getClassSchema(), CandidatePair.getClassSchema()));
    return job.getConfiguration();
  }

  private static AvroValue<Object> node(String rank, ByteBuffer sketch) {
    return new AvroValue<>(
        DedupeNode.newBuilder()
            .setRank(rank)
            .setId(rank)
            .setFingerprintHigh(0)
            .setFingerprintLow(0)
            .setSketch(sketch)
            .setDocument(null)
            .build());
  }

  private static AvroValue<Object> pair(String center, String member, ByteBuffer centerSketch) {
    return new AvroValue<>(
        CandidatePair.newBuilder()
            .setCenter(center)
            .setMember(member)
            .setCenterSketch(centerSketch)
            .build());
  }

  @Test
  void eachDistinctPairPicksUpItsCentresSketch() throws Exception {
    ReduceDriver<PairKey, AvroValue<Object>, AvroKey<CandidatePair>, NullWritable> driver =
        ReduceDriver.of(new CandidateVerification.AttachCenterReducer())
            .withConfiguration(configuration())
            .withInput(new PairKey().set("a", "c"), pair("a", "c", ByteBuffer.allocate(0)))
            .withInput(new PairKey().set("a", "b"), pair("a", "b", ByteBuffer.allocate(0)))
            .withInput(new PairKey().set("a", ""), node("a", SketchFixtures.range(0, 10)))
            .withInput(new PairKey().set("a", "b"), pair("a", "b", ByteBuffer.allocate(0)));
    List<CandidatePair> pairs =
        driver.run().stream().map(r -> r.<CandidatePair>keyDatum()).toList();
    assertEquals(List.of("b", "c"), pairs.stream().map(CandidatePair::getMember).toList());
    assertEquals(SketchFixtures.range(0, 10), pairs.get(0).getCenterSketch());
  }

  @Test
  void pairsAtOrAboveTheThresholdBecomeEdges() throws Exception {
    ReduceDriver<PairKey, AvroValue<Object>, Text, Text> driver =
        ReduceDriver.of(new CandidateVerification.VerifyReducer())
            .withConfiguration(configuration())
            .withInput(new PairKey().set("m", ""), node("m", SketchFixtures.range(0, 100)))
            // Jaccard 80/100 = 0.8: an edge
            .withInput(new PairKey().set("m", "c1"), pair("c1", "m", SketchFixtures.range(0, 80)))
            // 79/101: not
            .withInput(new PairKey().set("m", "c2"), pair("c2", "m", SketchFixtures.range(21, 102)))
            // found in two buckets: compared once
            .withInput(new PairKey().set("m", "c1"), pair("c1", "m", SketchFixtures.range(0, 80)));
    List<String> edges = driver.run().stream().map(r -> r.key() + "-" + r.value()).toList();
    assertEquals(List.of("c1-m"), edges);
    assertEquals(2, driver.counter(DedupeCounters.CANDIDATE_PAIRS));
    assertEquals(1, driver.counter(DedupeCounters.EDGES));
  }
}
