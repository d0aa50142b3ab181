package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Example;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import dev.sheaf.testing.ReduceDriver;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMappersTest {
  private static final int SHARDS = 2;
  private static final int EXAMPLES = 50;

  @TempDir Path dir;

  private static Example example(int i) {
    return Example.newBuilder()
        .setId("doc-" + i)
        .setLabel(i % 2)
        .setWeight(1f)
        .setIndices(List.of(i))
        .setValues(List.of(1f))
        .build();
  }

  /** The example as the raw input format hands it to the mappers. */
  static RawExample raw(Example example) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(Example.class).write(example, encoder);
    encoder.flush();
    RawExample raw = new RawExample();
    raw.parse(bytes.toByteArray(), 0);
    return raw;
  }

  /**
   * A plan with the true order counts of the {@link #EXAMPLES} examples, as the counting pass makes
   * it.
   */
  private Configuration planned() throws Exception {
    ShardPlan plan = new ShardPlan(42, SHARDS, new double[] {0.6, 0.8}, Map.of());
    plan.orderCounts = new long[3][ShardKeys.ORDER_BUCKETS];
    for (int i = 0; i < EXAMPLES; i++) {
      long[] hash = ShardKeys.hash("doc-" + i, 42);
      plan.orderCounts[plan.split(i % 2, hash[0])][ShardKeys.orderBucket(hash[1])]++;
    }
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("plan.bin").toUri());
    plan.write(new Configuration(), file);
    Job job = Job.getInstance(new Configuration());
    job.getConfiguration().set(ShardJob.PLAN, file.toString());
    job.setMapOutputKeyClass(BytesWritable.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setNumReduceTasks(3 * SHARDS);
    return job.getConfiguration();
  }

  @Test
  void countMapperSumsOrderBucketsAndLabelsPerSplit() throws Exception {
    MapDriver<RawExample, NullWritable, Text, LongWritable> driver =
        MapDriver.of(new ShardCountMapper()).withConfiguration(planned());
    for (int i = 0; i < EXAMPLES; i++) {
      driver.withInput(raw(example(i)), NullWritable.get());
    }
    long ordered = 0;
    long labelled = 0;
    for (Record<Text, LongWritable> record : driver.run()) {
      String key = record.key().toString();
      ordered += key.startsWith("O") ? record.value().get() : 0;
      labelled += key.startsWith("Y") ? record.value().get() : 0;
    }
    assertEquals(EXAMPLES, ordered);
    assertEquals(EXAMPLES, labelled);
    assertEquals(EXAMPLES, driver.counter(StageCounters.RECORDS_IN));
  }

  /** Maps the examples, then runs {@code reducers} reduce tasks into {@code output}. */
  private void shard(Configuration conf, int reducers, Path output) throws Exception {
    conf.setInt(ShardJob.TOTAL_SHARDS, 3 * SHARDS);
    MapDriver<RawExample, NullWritable, BytesWritable, BytesWritable> mapper =
        MapDriver.of(new ShardMapper()).withConfiguration(conf);
    for (int i = 0; i < EXAMPLES; i++) {
      mapper.withInput(raw(example(i)), NullWritable.get());
    }
    ShardMapper.ShardPartitioner partitioner = new ShardMapper.ShardPartitioner();
    partitioner.setConf(conf);
    Map<Integer, List<Record<BytesWritable, BytesWritable>>> byReducer = new TreeMap<>();
    for (Record<BytesWritable, BytesWritable> record : mapper.run()) {
      int global = ByteBuffer.wrap(record.key().copyBytes(), 0, 4).getInt();
      int reducer = partitioner.getPartition(record.key(), record.value(), reducers);
      assertEquals(ShardReducer.reducerOf(global, 3 * SHARDS, reducers), reducer);
      byReducer.computeIfAbsent(reducer, r -> new ArrayList<>()).add(record);
    }
    Job job = Job.getInstance(conf);
    job.setNumReduceTasks(reducers);
    for (int reducer = 0; reducer < reducers; reducer++) {
      ReduceDriver<BytesWritable, BytesWritable, NullWritable, NullWritable> driver =
          ReduceDriver.of(new ShardReducer())
              .withConfiguration(job.getConfiguration())
              .withOutputDirectory(output)
              .withTaskIndex(reducer);
      for (Record<BytesWritable, BytesWritable> record :
          byReducer.getOrDefault(reducer, List.of())) {
        driver.withInput(record.key(), record.value());
      }
      driver.run();
    }
  }

  @Test
  void reducersWriteExactlyBalancedShardsInHashOrder() throws Exception {
    Path output = Files.createDirectories(dir.resolve("out"));
    shard(planned(), 3 * SHARDS, output);
    long written = 0;
    for (String split : ShardKeys.SPLITS) {
      List<Example> first =
          AvroFiles.read(
              output.resolve(split).resolve(ShardReducer.fileName(0, SHARDS)), Example.class);
      List<Example> second =
          AvroFiles.read(
              output.resolve(split).resolve(ShardReducer.fileName(1, SHARDS)), Example.class);
      assertTrue(
          Math.abs(first.size() - second.size()) <= 1,
          split + ": " + first.size() + " vs " + second.size());
      written += first.size() + second.size();
      List<Example> all = new ArrayList<>(first);
      all.addAll(second);
      for (int i = 1; i < all.size(); i++) {
        assertTrue(
            Long.compareUnsigned(
                    ShardKeys.hash(all.get(i - 1).getId(), 42)[1],
                    ShardKeys.hash(all.get(i).getId(), 42)[1])
                < 0,
            "shuffled order is the order hash's");
      }
    }
    assertEquals(EXAMPLES, written, "every example in exactly one shard");
    assertEquals(
        3 * SHARDS,
        Files.list(output.resolve(ShardReducer.SIDECARS))
            .filter(f -> f.toString().endsWith(".json"))
            .count());
  }

  @Test
  void fewerReducersWriteSeveralShardsEachWithTheSameBytes() throws Exception {
    Path onePerShard = Files.createDirectories(dir.resolve("one-per-shard"));
    shard(planned(), 3 * SHARDS, onePerShard);
    for (int reducers : new int[] {1, 4}) {
      Path fewer = Files.createDirectories(dir.resolve("reducers-" + reducers));
      shard(planned(), reducers, fewer);
      for (String split : ShardKeys.SPLITS) {
        for (int k = 0; k < SHARDS; k++) {
          Path file = Path.of(split, ShardReducer.fileName(k, SHARDS));
          assertArrayEquals(
              Files.readAllBytes(onePerShard.resolve(file)),
              Files.readAllBytes(fewer.resolve(file)),
              reducers + " reducers: " + file);
        }
      }
      assertEquals(
          3 * SHARDS,
          Files.list(fewer.resolve(ShardReducer.SIDECARS))
              .filter(f -> f.toString().endsWith(".json"))
              .count());
    }
  }
}
