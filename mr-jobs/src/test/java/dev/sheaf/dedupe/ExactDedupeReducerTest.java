package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.document;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.ReduceDriver;
import java.util.List;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;

class ExactDedupeReducerTest {
  private static PairKey key(long fingerprint, String rank) {
    return new PairKey().set(Long.toHexString(fingerprint), rank);
  }

  @Test
  void keepsTheSmallestIdOfEachGroupAndRecordsTheOthersAsDuplicates() throws Exception {
    ReduceDriver<PairKey, AvroValue<Document>, AvroKey<Document>, NullWritable> driver =
        ReduceDriver.of(new ExactDedupeReducer())
            .withConfiguration(DedupeTestSupport.jobConfiguration(1))
            .withInput(key(7, "doc-c"), new AvroValue<>(document("doc-c", "Same text!")))
            .withInput(key(3, "solo"), new AvroValue<>(document("solo", "unique")))
            .withInput(key(7, "doc-a"), new AvroValue<>(document("doc-a", "same text")))
            .withInput(key(7, "doc-b"), new AvroValue<>(document("doc-b", "SAME TEXT")));
    List<String> kept = driver.run().stream().map(r -> r.<Document>keyDatum().getId()).toList();

    assertEquals(List.of("solo", "doc-a"), kept);
    List<Duplicate> duplicates =
        AvroFiles.read(driver.outputDirectory().resolve("_duplicates"), Duplicate.class);
    assertEquals(List.of("doc-b", "doc-c"), duplicates.stream().map(Duplicate::getId).toList());
    for (Duplicate duplicate : duplicates) {
      assertEquals("doc-a", duplicate.getDuplicateOf());
      assertEquals(DuplicateKind.exact, duplicate.getKind());
      assertEquals(1.0f, duplicate.getSimilarity());
      assertEquals("in.jsonl", duplicate.getSource());
    }
    assertEquals(2, driver.counter(DedupeCounters.KEPT));
    assertEquals(2, driver.counter(StageCounters.RECORDS_OUT));
    assertEquals(2, driver.counter(DedupeCounters.EXACT_DUPLICATES));
  }
}
