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
  void pairsEveryMemberWithTheSmallestRankOfItsBucketOnce() throws Exception {
    ReduceDriver<PairKey, NullWritable, Text, Text> driver = ReduceDriver.of(new CandidateReducer())
        .withConfiguration(configuration(100))
        .withInput(key("bucket-1", "d"), NullWritable.get())
        .withInput(key("bucket-1", "b"), NullWritable.get())
        .withInput(key("bucket-1", "c"), NullWritable.get())
        .withInput(key("bucket-1", "b"), NullWritable.get())   // the same record again: no pair with itself
        .withInput(key("bucket-2", "x"), NullWritable.get());  // alone in its bucket
    List<String> pairs = driver.run().stream().map(r -> r.key() + "-" + r.value()).toList();

    assertEquals(List.of("b-c", "b-d"), pairs);
    assertEquals(2, driver.counter(DedupeCounters.BUCKET_PAIRS));
  }

  @Test
  void capsHugeBucketsAndCountsWhatItSkipped() throws Exception {
    ReduceDriver<PairKey, NullWritable, Text, Text> driver = ReduceDriver.of(new CandidateReducer())
        .withConfiguration(configuration(3));
    for (int i = 0; i < 10; i++) {
      driver.withInput(key("big", "m" + i), NullWritable.get());
    }
    assertEquals(List.of("m0-m1", "m0-m2"), driver.run().stream().map(r -> r.key() + "-" + r.value()).toList());
    assertEquals(1, driver.counter(DedupeCounters.BUCKETS_CAPPED));
    assertEquals(7, driver.counter(DedupeCounters.BUCKET_MEMBERS_SKIPPED));
  }
}
