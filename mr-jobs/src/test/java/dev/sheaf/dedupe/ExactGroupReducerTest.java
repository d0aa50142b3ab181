package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.ReduceDriver;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.junit.jupiter.api.Test;

class ExactGroupReducerTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    AvroJob.setMapOutputValueSchema(job, DedupeNode.getClassSchema());
    AvroMultipleOutputs.addNamedOutput(
        job,
        ExactGroupReducer.LEADERS_OUTPUT,
        AvroKeyOutputFormat.class,
        DedupeNode.getClassSchema());
    MultipleOutputs.addNamedOutput(
        job,
        ExactGroupReducer.EXACT_OUTPUT,
        SequenceFileOutputFormat.class,
        Text.class,
        Text.class);
    return job.getConfiguration();
  }

  private static AvroValue<DedupeNode> summary(String rank, long... bandHashes) {
    ByteBuffer bands = ByteBuffer.allocate(bandHashes.length * 8);
    for (long hash : bandHashes) {
      bands.putLong(hash);
    }
    bands.flip();
    return new AvroValue<>(
        DedupeNode.newBuilder()
            .setRank(rank)
            .setId(rank)
            .setFingerprintHigh(1)
            .setFingerprintLow(2)
            .setSketch(SketchFixtures.range(0, 4))
            .setBandHashes(bands)
            .setDocument(null)
            .build());
  }

  @Test
  void theSmallestRankLeadsItsGroupIntoTheBucketsAndTheOthersGetExactEdges() throws Exception {
    ReduceDriver<PairKey, AvroValue<DedupeNode>, Text, Text> driver =
        ReduceDriver.of(new ExactGroupReducer())
            .withConfiguration(configuration())
            .withInput(new PairKey().set("fp1", "c"), summary("c", 5, 6))
            .withInput(new PairKey().set("fp1", "a"), summary("a", 1, 2))
            .withInput(new PairKey().set("fp1", "b"), summary("b", 3, 4))
            .withInput(new PairKey().set("fp2", "z"), summary("z", 7, 8));
    List<String> buckets = driver.run().stream().map(r -> r.key() + " " + r.value()).toList();

    assertEquals(
        List.of(
            "0000" + String.format("%016x", 1) + " a",
            "0001" + String.format("%016x", 2) + " a",
            "0000" + String.format("%016x", 7) + " z",
            "0001" + String.format("%016x", 8) + " z"),
        buckets);
    List<DedupeNode> leaders =
        AvroFiles.read(
            driver.outputDirectory().resolve(ExactGroupReducer.LEADERS_DIRECTORY),
            DedupeNode.class);
    assertEquals(List.of("a", "z"), leaders.stream().map(DedupeNode::getRank).toList());
    assertEquals(0, leaders.get(0).getBandHashes().remaining());
    assertEquals(
        List.of("a b", "a c"),
        exactEdges(driver.outputDirectory().resolve(ExactGroupReducer.EXACT_DIRECTORY)));
    assertEquals(2, driver.counter(DedupeCounters.EXACT_EDGES));
  }

  private static List<String> exactEdges(Path directory) throws Exception {
    List<String> edges = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("part")).sorted().toList()) {
        try (SequenceFile.Reader reader =
            new SequenceFile.Reader(
                new Configuration(),
                SequenceFile.Reader.file(new org.apache.hadoop.fs.Path(file.toUri())))) {
          Text key = new Text();
          Text value = new Text();
          while (reader.next(key, value)) {
            edges.add(key + " " + value);
          }
        }
      }
    }
    return edges;
  }
}
