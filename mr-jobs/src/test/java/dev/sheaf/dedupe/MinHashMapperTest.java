package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    AvroMultipleOutputs.addNamedOutput(
        job, MinHashMapper.NODES_OUTPUT, AvroKeyOutputFormat.class, DedupeNode.getClassSchema());
    return job.getConfiguration();
  }

  @Test
  void keysEachDocumentByItsExactGroupAndWritesTheNodeWithItsDocument() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<DedupeNode>> driver =
        MapDriver.of(new MinHashMapper())
            .withConfiguration(configuration())
            .withInput(
                NullWritable.get(),
                parsed("b", "the quick brown fox jumps over the lazy dog again and again"))
            .withInput(
                NullWritable.get(),
                parsed("a", "The quick brown fox jumps over the lazy dog again, and again!"))
            .withInput(
                NullWritable.get(),
                parsed("c", "a different text about something else entirely, at length"))
            .withInput(NullWritable.get(), parsed("empty", "... !!!"));
    List<Record<PairKey, AvroValue<DedupeNode>>> out = driver.run();
    int bands = LshBands.forRecall(0.8, 128).bands();

    assertEquals(3, out.size());
    assertEquals(
        out.get(0).key().first(), out.get(1).key().first(), "same normalised text, same group");
    assertNotEquals(out.get(0).key().first(), out.get(2).key().first());
    assertTrue(out.get(0).key().first().toString().matches("[0-9a-f]{32}"));
    assertTrue(out.get(0).key().second().toString().startsWith("b\u0000"));
    DedupeNode summary = out.get(0).valueDatum();
    assertNull(summary.getDocument(), "the shuffle carries no text");
    assertEquals(bands * 8, summary.getBandHashes().remaining());
    assertEquals(summary.getBandHashes(), out.get(1).<DedupeNode>valueDatum().getBandHashes());

    List<DedupeNode> nodes =
        AvroFiles.read(
            driver.outputDirectory().resolve(MinHashMapper.NODES_DIRECTORY), DedupeNode.class);
    assertEquals(List.of("b", "a", "c"), nodes.stream().map(DedupeNode::getId).toList());
    assertEquals("b", nodes.get(0).getDocument().getId());
    assertEquals(summary.getSketch(), out.get(1).<DedupeNode>valueDatum().getSketch());
    // the nodes the last job reads carry no sketch; the summaries do
    assertEquals(0, nodes.get(0).getSketch().remaining());
    assertEquals(0, nodes.get(1).getSketch().remaining());
    assertEquals(1, driver.counter(DedupeCounters.EMPTY_AFTER_NORMALIZATION));
  }

  /** The summary carries the whole sketch, ascending; the document node none. */
  @Test
  void theSummaryCarriesTheWholeSketchAndTheDocumentNodeNone() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      text.append("word").append(i).append(' ');
    }
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<DedupeNode>> driver =
        MapDriver.of(new MinHashMapper())
            .withConfiguration(configuration())
            .withInput(NullWritable.get(), parsed("long", text.toString()));
    java.nio.IntBuffer full =
        driver.run().get(0).<DedupeNode>valueDatum().getSketch().asIntBuffer();
    assertEquals(DedupeOptions.DEFAULT_SKETCH_SIZE, full.remaining(), "the whole sketch");
    for (int i = 1; i < full.limit(); i++) {
      assertTrue(full.get(i - 1) < full.get(i), "ascending");
    }
    DedupeNode node =
        AvroFiles.read(
                driver.outputDirectory().resolve(MinHashMapper.NODES_DIRECTORY), DedupeNode.class)
            .get(0);
    assertEquals(0, node.getSketch().remaining());
  }
}
