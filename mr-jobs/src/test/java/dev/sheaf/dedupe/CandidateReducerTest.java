package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.testing.ReduceDriver;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class CandidateReducerTest {
  /** A signature that agrees with the base one on the first {@code agreeing} of 128 positions. */
  private static AvroValue<DedupeNode> node(String rank, int agreeing) {
    int[] signature = new int[128];
    Arrays.fill(signature, 7);
    for (int i = agreeing; i < 128; i++) {
      signature[i] = 1000 + i + rank.hashCode();
    }
    return new AvroValue<>(DedupeNode.newBuilder().setRank(rank).setId(rank).setFingerprintHigh(0).setFingerprintLow(0)
        .setSignature(Signatures.toBytes(signature, null)).setDocument(null).build());
  }

  private static Configuration configuration(int maxBucketSize) throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, maxBucketSize));
    AvroJob.setMapOutputValueSchema(job, DedupeNode.getClassSchema());
    return job.getConfiguration();
  }

  private static PairKey key(String bucket, String rank) {
    return new PairKey().set(bucket, rank);
  }

  @Test
  void comparesEveryMemberWithTheSmallestAndKeepsPairsAtTheThreshold() throws Exception {
    ReduceDriver<PairKey, AvroValue<DedupeNode>, Text, Text> driver = ReduceDriver.of(new CandidateReducer())
        .withConfiguration(configuration(100))
        .withInput(key("bucket-1", "d"), node("d", 128))
        .withInput(key("bucket-1", "b"), node("b", 128))
        .withInput(key("bucket-1", "c"), node("c", 103))   // 103/128 = 0.805: an edge
        .withInput(key("bucket-1", "e"), node("e", 101))   // 101/128 = 0.789: not
        .withInput(key("bucket-1", "b"), node("b", 128))   // the same record again: no edge to itself
        .withInput(key("bucket-2", "x"), node("x", 128));  // alone in its bucket
    List<String> edges = driver.run().stream().map(r -> r.key() + "-" + r.value()).toList();

    assertEquals(List.of("b-c", "b-d"), edges);
    assertEquals(3, driver.counter(DedupeCounters.CANDIDATE_PAIRS));
    assertEquals(2, driver.counter(DedupeCounters.EDGES));
  }

  @Test
  void capsHugeBucketsAndCountsWhatItSkipped() throws Exception {
    ReduceDriver<PairKey, AvroValue<DedupeNode>, Text, Text> driver = ReduceDriver.of(new CandidateReducer())
        .withConfiguration(configuration(3));
    for (int i = 0; i < 10; i++) {
      driver.withInput(key("big", "m" + i), node("m" + i, 128));
    }
    assertEquals(2, driver.run().size());
    assertEquals(1, driver.counter(DedupeCounters.BUCKETS_CAPPED));
    assertEquals(7, driver.counter(DedupeCounters.BUCKET_MEMBERS_SKIPPED));
  }
}
