package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Reject;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.util.List;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;

class ExactFingerprintMapperTest {
  @Test
  void keysDocumentsByNormalisedTextFingerprintAndId() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<Document>> driver =
        MapDriver.of(new ExactFingerprintMapper())
            .withConfiguration(DedupeTestSupport.jobConfiguration(1))
            .withInput(NullWritable.get(), parsed("b", "Free money, NOW!"))
            .withInput(NullWritable.get(), parsed("a", "free money now"))
            .withInput(NullWritable.get(), parsed("c", "something else"));
    List<Record<PairKey, AvroValue<Document>>> out = driver.run();

    assertEquals(
        List.of("b", "a", "c"),
        out.stream().map(r -> r.key().second().toString().split("\u0000")[0]).toList());
    assertEquals(
        out.get(0).key().first(), out.get(1).key().first(), "same normalised text, same group");
    assertTrue(!out.get(0).key().first().equals(out.get(2).key().first()));
    assertTrue(out.get(0).key().first().toString().matches("[0-9a-f]{32}"));
    assertEquals(
        "Free money, NOW!",
        out.get(0).<Document>valueDatum().getText(),
        "the text itself is not changed");
    assertEquals(3, driver.counter(StageCounters.RECORDS_IN));
  }

  @Test
  void filtersDocumentsWithNothingLeftAfterNormalisation() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<Document>> driver =
        MapDriver.of(new ExactFingerprintMapper())
            .withConfiguration(DedupeTestSupport.jobConfiguration(1))
            .withInput(NullWritable.get(), parsed("p", "?!... --- !!!"))
            .withInput(NullWritable.get(), parsed("w", "words"));
    assertEquals(1, driver.run().size());
    assertEquals(1, driver.counter(DedupeCounters.EMPTY_AFTER_NORMALIZATION));
    assertEquals(2, driver.counter(StageCounters.RECORDS_IN));
  }

  @Test
  void writesRejectsToTheirOwnDirectoryWithStageAndReason() throws Exception {
    MapDriver<NullWritable, ParsedRecord, PairKey, AvroValue<Document>> driver =
        MapDriver.of(new ExactFingerprintMapper())
            .withConfiguration(DedupeTestSupport.jobConfiguration(1))
            .withInput(
                NullWritable.get(),
                ParsedRecord.rejected(
                    RejectReason.INVALID_JSON, "in.jsonl", 120, "Unexpected character", "{broken"))
            .withInput(NullWritable.get(), parsed("ok", "fine text"));
    assertEquals(1, driver.run().size());

    List<Reject> rejects =
        AvroFiles.read(driver.outputDirectory().resolve("_rejects"), Reject.class);
    assertEquals(1, rejects.size());
    assertEquals("dedupe", rejects.get(0).getStage());
    assertEquals("INVALID_JSON", rejects.get(0).getReason());
    assertEquals(120, rejects.get(0).getOffset());
    assertEquals("{broken", rejects.get(0).getExcerpt());
    assertEquals(1, driver.counter(StageCounters.REJECTED));
    assertEquals(
        1, driver.counters().findCounter(RejectReason.class.getName(), "INVALID_JSON").getValue());
    assertEquals(2, driver.counter(StageCounters.RECORDS_IN));
  }
}
