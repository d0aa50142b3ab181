package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.testing.ReduceDriver;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class CandidateReducerTest {
  private static Configuration configuration(int maxBucketSize) throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, maxBucketSize));
    job.setMapOutputValueClass(NullWritable.class);
    return job.getConfiguration();
  }

  private static PairKey key(String bucket, String rank) {
    return new PairKey().set(bucket, rank);
  }

  @Test
  void pairsEveryTwoMembersOfASmallBucketOnce() throws Exception {
    ReduceDriver<PairKey, NullWritable, Text, Text> driver =
        ReduceDriver.of(new CandidateReducer())
            .withConfiguration(configuration(100))
            .withInput(key("bucket-1", "b"), NullWritable.get())
            .withInput(
                key("bucket-1", "b"),
                NullWritable.get()) // the same record again: no pair with itself
            .withInput(key("bucket-1", "c"), NullWritable.get())
            .withInput(key("bucket-1", "d"), NullWritable.get())
            .withInput(key("bucket-2", "x"), NullWritable.get()); // alone in its bucket
    List<String> pairs = driver.run().stream().map(r -> r.key() + "-" + r.value()).toList();

    // c-d too: two members near each other are compared even when the first is near neither
    assertEquals(List.of("b-c", "b-d", "c-d"), pairs);
    assertEquals(3, driver.counter(DedupeCounters.BUCKET_PAIRS));
    assertEquals(0, driver.counter(DedupeCounters.BUCKET_PAIRS_SKIPPED));
  }

  @Test
  void membersPastTheAnchorsMeetEveryAnchorAndTheRestIsCounted() throws Exception {
    int members = BucketPairing.ANCHORS + 3;
    ReduceDriver<PairKey, NullWritable, Text, Text> driver =
        ReduceDriver.of(new CandidateReducer()).withConfiguration(configuration(1000));
    for (int i = 0; i < members; i++) {
      driver.withInput(key("big", String.format("m%03d", i)), NullWritable.get());
    }
    List<String> pairs = driver.run().stream().map(r -> r.key() + "-" + r.value()).toList();
    int anchors = BucketPairing.ANCHORS;
    long expected = (long) anchors * (anchors - 1) / 2 + 3L * anchors;
    assertEquals(expected, pairs.size());
    assertEquals(pairs.size(), pairs.stream().distinct().count(), "no pair twice");
    assertEquals(expected, driver.counter(DedupeCounters.BUCKET_PAIRS));
    // the three members past the anchors: 0 + 1 + 2 pairs among themselves not compared
    assertEquals(3, driver.counter(DedupeCounters.BUCKET_PAIRS_SKIPPED));
    String last = String.format("m%03d", members - 1);
    assertEquals(anchors, pairs.stream().filter(p -> p.endsWith("-" + last)).count());
  }

  @Test
  void capsHugeBucketsAndCountsWhatItSkipped() throws Exception {
    ReduceDriver<PairKey, NullWritable, Text, Text> driver =
        ReduceDriver.of(new CandidateReducer()).withConfiguration(configuration(3));
    for (int i = 0; i < 10; i++) {
      driver.withInput(key("big", "m" + i), NullWritable.get());
    }
    assertEquals(
        List.of("m0-m1", "m0-m2", "m1-m2"),
        driver.run().stream().map(r -> r.key() + "-" + r.value()).toList());
    assertEquals(1, driver.counter(DedupeCounters.BUCKETS_CAPPED));
    assertEquals(7, driver.counter(DedupeCounters.BUCKET_MEMBERS_SKIPPED));
  }
}
