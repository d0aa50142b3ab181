package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.DedupeNode;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.util.List;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class MinHashMapperTest {
  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(DedupeTestSupport.nearConfiguration(1, 0.8f, 100));
    AvroJob.setMapOutputValueSchema(job, DedupeNode.getClassSchema());
    AvroMultipleOutputs.addNamedOutput(job, MinHashMapper.NODES_OUTPUT, AvroKeyOutputFormat.class,
        DedupeNode.getClassSchema());
    return job.getConfiguration();
  }

  @Test
  void sendsEachSignatureToEveryBandAndWritesTheNodeWithItsDocument() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<DedupeNode>> driver =
        MapDriver.of(new MinHashMapper()).withConfiguration(configuration())
            .withInput(NullWritable.get(), parsed("b", "the quick brown fox jumps over the lazy dog again and again"))
            .withInput(NullWritable.get(), parsed("a", "The quick brown fox jumps over the lazy dog again, and again!"))
            .withInput(NullWritable.get(), parsed("empty", "... !!!"));
    List<Record<PairKey, AvroValue<DedupeNode>>> out = driver.run();
    int bands = LshBands.optimal(0.8, 128).bands();

    assertEquals(2 * bands, out.size());
    for (Record<PairKey, AvroValue<DedupeNode>> record : out) {
      assertTrue(record.key().first().toString().matches("[0-9a-f]{20}"), record.key().toString());
      assertNull(record.<DedupeNode>valueDatum().getDocument(), "buckets carry signatures, not documents");
      assertEquals(128 * 4, record.<DedupeNode>valueDatum().getSignature().remaining());
    }
    // same normalised text: same buckets, band by band
    for (int band = 0; band < bands; band++) {
      assertEquals(out.get(band).key().first(), out.get(bands + band).key().first());
    }
    List<DedupeNode> nodes = AvroFiles.read(driver.outputDirectory().resolve(MinHashMapper.NODES_DIRECTORY), DedupeNode.class);
    assertEquals(List.of("b", "a"), nodes.stream().map(DedupeNode::getId).toList());
    assertEquals("b", nodes.get(0).getDocument().getId());
    assertTrue(nodes.get(0).getRank().startsWith("b\u0000"));
    assertEquals(1, driver.counter(DedupeCounters.EMPTY_AFTER_NORMALIZATION));
  }
}
