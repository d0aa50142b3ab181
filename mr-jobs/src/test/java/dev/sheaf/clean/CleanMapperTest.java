package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Filtered;
import dev.sheaf.avro.Reject;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import dev.sheaf.common.RejectWriter;
import dev.sheaf.common.StageCounters;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

class CleanMapperTest {
  private static Configuration configuration(boolean keepFiltered) throws IOException {
    Job job = Job.getInstance(new Configuration());
    CleanJob.configureTasks(job);
    RejectWriter.declare(job);
    Configuration conf = job.getConfiguration();
    conf.set(DocumentMapper.STAGE, CleanJob.NAME);
    conf.setBoolean(CleanSettings.KEEP_FILTERED, keepFiltered);
    conf.set(CleanSettings.RULES, FilterRule.WORD_COUNT.name());
    return conf;
  }

  private static ParsedRecord parsed(String id, String text) {
    return ParsedRecord.of(TextCleanerTest.document(id, text), false);
  }

  private static MapDriver<NullWritable, ParsedRecord, AvroKey<Document>, NullWritable> driver(
      boolean keepFiltered) throws IOException {
    return MapDriver.of(new CleanMapper())
        .withConfiguration(configuration(keepFiltered))
        .withInput(
            NullWritable.get(),
            parsed("good", QualityFilterTest.GOOD + "\nMail joe@example.com, thanks."))
        .withInput(NullWritable.get(), parsed("short", "Thanks, that works. joe@example.com"))
        .withInput(
            NullWritable.get(),
            ParsedRecord.rejected(RejectReason.INVALID_JSON, "in.jsonl", 7, "bad", "{x"))
        .withInput(NullWritable.get(), parsed("markup", "<html><body><br><br></body></html>"));
  }

  @Test
  void keepsCleanedDocumentsAndCountsEveryOtherOneByReason() throws Exception {
    MapDriver<NullWritable, ParsedRecord, AvroKey<Document>, NullWritable> driver = driver(false);
    List<Record<AvroKey<Document>, NullWritable>> out = driver.run();

    assertEquals(1, out.size());
    Document kept = out.get(0).key().datum();
    assertEquals("good", kept.getId());
    assertTrue(kept.getText().endsWith("Mail <EMAIL>, thanks."), kept.getText());
    assertEquals(4, driver.counter(StageCounters.RECORDS_IN));
    assertEquals(1, driver.counter(CleanCounters.KEPT));
    assertEquals(1, driver.counter(StageCounters.RECORDS_OUT));
    assertEquals(2, driver.counter(CleanCounters.FILTERED));
    assertEquals(1, driver.counter(FilterRule.WORD_COUNT));
    assertEquals(1, driver.counter(FilterRule.EMPTY));
    assertEquals(1, driver.counter(StageCounters.REJECTED));
    assertEquals(1, driver.counter(PiiType.EMAIL));
    assertEquals(1, driver.counter(CleanCounters.HTML_EXTRACTED));
    List<Reject> rejects =
        AvroFiles.read(driver.outputDirectory().resolve("_rejects"), Reject.class);
    assertEquals("clean", rejects.get(0).getStage());
    assertFalse(
        Files.exists(driver.outputDirectory().resolve(CleanMapper.FILTERED_DIRECTORY)),
        "no _filtered/ unless asked");
  }

  @Test
  void keepFilteredWritesTheRuleDetailExcerptAndOriginalDocument() throws Exception {
    MapDriver<NullWritable, ParsedRecord, AvroKey<Document>, NullWritable> driver = driver(true);
    driver.run();
    List<Filtered> filtered =
        AvroFiles.read(
            driver.outputDirectory().resolve(CleanMapper.FILTERED_DIRECTORY), Filtered.class);
    assertEquals(List.of("short", "markup"), filtered.stream().map(Filtered::getId).toList());
    Filtered short_ = filtered.get(0);
    assertEquals("WORD_COUNT", short_.getRule());
    assertEquals("words 4 < 50", short_.getDetail());
    assertEquals("Thanks, that works. <EMAIL>", short_.getExcerpt(), "excerpts are masked");
    assertEquals(
        "Thanks, that works. joe@example.com",
        short_.getDocument().getText(),
        "the document is as read");
    assertEquals("EMPTY", filtered.get(1).getRule());
    assertEquals("<html><body><br><br></body></html>", filtered.get(1).getDocument().getText());
  }
}
