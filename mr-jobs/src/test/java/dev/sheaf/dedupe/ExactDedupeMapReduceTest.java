package dev.sheaf.dedupe;

import static dev.sheaf.dedupe.DedupeTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapReduceDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;

class ExactDedupeMapReduceTest {
  /** 200 documents: 120 distinct texts, the rest re-cased and re-punctuated copies, shuffled. */
  private static List<ParsedRecord> corpus() {
    Random random = new Random(11);
    List<ParsedRecord> records = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      records.add(
          parsed(String.format("d%03d", i), "message number " + i + " about topic " + (i % 7)));
    }
    for (int i = 0; i < 80; i++) {
      int original = random.nextInt(120);
      records.add(
          parsed(
              String.format("copy%03d", i),
              "Message number " + original + ", about TOPIC " + (original % 7) + "!"));
    }
    java.util.Collections.shuffle(records, random);
    return records;
  }

  private static List<String> run(int mapTasks, int reducers, List<String> duplicatesOut)
      throws Exception {
    MapReduceDriver<
            NullWritable,
            ParsedRecord,
            PairKey,
            AvroValue<Document>,
            AvroKey<Document>,
            NullWritable>
        driver =
            MapReduceDriver.of(ExactFingerprintMapper::new, ExactDedupeReducer::new)
                .withConfiguration(DedupeTestSupport.jobConfiguration(reducers))
                .withMapTasks(mapTasks);
    for (ParsedRecord record : corpus()) {
      driver.withInput(NullWritable.get(), record);
    }
    List<String> kept =
        driver.run().stream().map(r -> r.<Document>keyDatum().getId()).sorted().toList();
    AvroFiles.read(driver.outputDirectory().resolve("_duplicates"), Duplicate.class).stream()
        .map(d -> d.getId() + "->" + d.getDuplicateOf())
        .sorted()
        .forEach(duplicatesOut::add);
    assertEquals(200, driver.counter(StageCounters.RECORDS_IN));
    assertEquals(
        200, driver.counter(DedupeCounters.KEPT) + driver.counter(DedupeCounters.EXACT_DUPLICATES));
    return kept;
  }

  @Test
  void sameKeptDocumentsAndDuplicatesWithOneOrManyMapAndReduceTasks() throws Exception {
    List<String> duplicatesOne = new ArrayList<>();
    List<String> keptOne = run(1, 1, duplicatesOne);
    List<String> duplicatesMany = new ArrayList<>();
    List<String> keptMany = run(4, 3, duplicatesMany);

    assertEquals(keptOne, keptMany);
    assertEquals(duplicatesOne, duplicatesMany);
    assertEquals(200, keptOne.size() + duplicatesOne.size());
    // what the job must find: per normalised text, the smallest id is kept, the others point to it
    Map<String, String> smallestIdByText = new TreeMap<>();
    TextNormalizer normalizer = new TextNormalizer();
    for (ParsedRecord record : corpus()) {
      smallestIdByText.merge(
          normalizer.normalize(record.document().getText()).toString(),
          record.document().getId(),
          (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    assertEquals(smallestIdByText.values().stream().sorted().toList(), keptOne);
    for (String duplicate : duplicatesOne) {
      String keptId = duplicate.substring(duplicate.indexOf("->") + 2);
      assertTrue(keptOne.contains(keptId), duplicate);
    }
  }
}
