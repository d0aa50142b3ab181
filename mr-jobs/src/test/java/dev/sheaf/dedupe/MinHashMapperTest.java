package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.util.List;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class MinHashMapperTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    job.setMapOutputValueClass(NullWritable.class);
    AvroMultipleOutputs.addNamedOutput(job, MinHashMapper.NODES_OUTPUT, AvroKeyOutputFormat.class,
        DedupeNode.getClassSchema());
    return job.getConfiguration();
  }

  @Test
  void sendsEachSignatureToEveryBandAndWritesTheNodeWithItsDocument() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, NullWritable> driver =
        MapDriver.of(new MinHashMapper()).withConfiguration(configuration())
            .withInput(NullWritable.get(), parsed("b", "the quick brown fox jumps over the lazy dog again and again"))
            .withInput(NullWritable.get(), parsed("a", "The quick brown fox jumps over the lazy dog again, and again!"))
            .withInput(NullWritable.get(), parsed("empty", "... !!!"));
    List<Record<PairKey, NullWritable>> out = driver.run();
    int bands = LshBands.optimal(0.8, 128).bands();

    assertEquals(2 * bands, out.size());
    for (Record<PairKey, NullWritable> record : out) {
      assertTrue(record.key().first().toString().matches("[0-9a-f]{20}"), record.key().toString());
      assertTrue(record.key().second().toString().startsWith(record == out.get(0) ? "b\u0000" : ""));
    }
    // same normalised text: same buckets, band by band
    for (int band = 0; band < bands; band++) {
      assertEquals(out.get(band).key().first(), out.get(bands + band).key().first());
    }
    List<DedupeNode> nodes = AvroFiles.read(driver.outputDirectory().resolve(MinHashMapper.NODES_DIRECTORY), DedupeNode.class);
    assertEquals(List.of("b", "a"), nodes.stream().map(DedupeNode::getId).toList());
    assertEquals("b", nodes.get(0).getDocument().getId());
    assertTrue(nodes.get(0).getRank().startsWith("b\u0000"));
    // 12 words, 5-shingles: 8 distinct shingles, all in the sketch, ascending
    java.nio.LongBuffer sketch = nodes.get(0).getSketch().asLongBuffer();
    assertEquals(8, sketch.remaining());
    for (int i = 1; i < sketch.limit(); i++) {
      assertTrue(sketch.get(i - 1) < sketch.get(i));
    }
    assertEquals(nodes.get(0).getSketch(), nodes.get(1).getSketch(), "same normalised text, same sketch");
    assertEquals(1, driver.counter(DedupeCounters.EMPTY_AFTER_NORMALIZATION));
  }
}
