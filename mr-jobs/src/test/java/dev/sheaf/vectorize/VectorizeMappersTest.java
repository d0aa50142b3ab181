package dev.sheaf.vectorize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Example;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import dev.sheaf.common.RejectWriter;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.TextFiles;
import dev.sheaf.testing.MapDriver;
import dev.sheaf.testing.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorizeMappersTest {
  @TempDir Path dir;

  private static ParsedRecord document(String id, String text, String label) {
    return ParsedRecord.of(
        Document.newBuilder()
            .setId(id)
            .setText(text)
            .setLabel(label)
            .setSource("in")
            .setMeta(Map.of())
            .build(),
        false);
  }

  private static VectorizerSpec vocabSpec() {
    return new VectorizerSpec(
        VectorizerSpec.VOCAB,
        0,
        1,
        1,
        "none",
        "none",
        "raw",
        "smooth",
        "l2",
        VectorizeOptions.HASH_SEED,
        0);
  }

  private static Configuration configuration() throws Exception {
    Job job = Job.getInstance(new Configuration());
    RejectWriter.declare(job);
    job.getConfiguration().set(DocumentMapper.STAGE, VectorizeJob.NAME);
    return job.getConfiguration();
  }

  @Test
  void dictionaryMapperCountsEachTermOncePerDocumentAndTheLabel() throws Exception {
    Configuration conf = configuration();
    new VectorizeJob.Plan(vocabSpec(), null, true, true, null).applyTo(conf);
    MapDriver<NullWritable, ParsedRecord, Text, LongWritable> driver =
        MapDriver.of(new DictionaryMapper())
            .withConfiguration(conf)
            .withInput(NullWritable.get(), document("a", "free money free", "spam"))
            .withInput(NullWritable.get(), document("b", "!!!", "bad\u0007label"))
            .withInput(
                NullWritable.get(),
                ParsedRecord.rejected(RejectReason.INVALID_JSON, "in", 0, "x", "{"));
    Map<String, Long> counts = new TreeMap<>();
    for (Record<Text, LongWritable> record : driver.run()) {
      counts.merge(record.key().toString(), record.value().get(), Long::sum);
    }
    assertEquals(Map.of("Tfree", 1L, "Tmoney", 1L, "Lspam", 1L), counts);
    assertEquals(1, driver.counter(VectorizeCounters.DOCUMENTS_WITH_FEATURES));
    assertEquals(1, driver.counter(StageCounters.REJECTED));
  }

  @Test
  void vectorizeMapperWritesExamplesAndCountsEveryDrop() throws Exception {
    Path artifacts = Files.createDirectories(dir.resolve("_vectorizer"));
    Configuration conf = configuration();
    org.apache.hadoop.fs.Path artifactsPath = new org.apache.hadoop.fs.Path(artifacts.toUri());
    vocabSpec().withDocuments(4, 2).write(conf, artifactsPath);
    TextFiles.writeLines(
        conf,
        new org.apache.hadoop.fs.Path(artifactsPath, Vectorizer.VOCABULARY),
        List.of("free\t3", "money\t1"));
    TextFiles.writeLines(
        conf,
        new org.apache.hadoop.fs.Path(artifactsPath, Vectorizer.LABELS),
        List.of("ham", "spam"));
    conf.set(VectorizeJob.ARTIFACTS, artifactsPath.toString());
    Job job = Job.getInstance(conf);
    AvroJob.setOutputKeySchema(job, Example.getClassSchema());

    MapDriver<NullWritable, ParsedRecord, AvroKey<Example>, NullWritable> driver =
        MapDriver.of(new VectorizeMapper())
            .withConfiguration(job.getConfiguration())
            .withInput(NullWritable.get(), document("s1", "Free MONEY!", "spam"))
            .withInput(NullWritable.get(), document("u1", "free", null))
            .withInput(NullWritable.get(), document("n1", "nothing in the vocabulary", "ham"))
            .withInput(NullWritable.get(), document("x1", "free", "eggs"))
            .withInput(NullWritable.get(), document("b1", "free", "bad\uFFFD"));
    List<Record<AvroKey<Example>, NullWritable>> out = driver.run();
    assertEquals(2, out.size());
    Example spam = out.get(0).key().datum();
    assertEquals("s1", spam.getId());
    assertEquals(1, spam.getLabel());
    assertEquals(List.of(0, 1), spam.getIndices());
    float free = Vectorizer.smoothIdf(4, 3);
    float money = Vectorizer.smoothIdf(4, 1);
    double norm = Math.sqrt(free * free + money * money);
    assertEquals((float) (free / norm), spam.getValues().get(0), 1e-6f);
    assertEquals(-1, out.get(1).key().datum().getLabel());
    assertEquals(2, driver.counter(VectorizeCounters.EXAMPLES));
    assertEquals(3, driver.counter(VectorizeCounters.NONZEROS));
    assertEquals(1, driver.counter(VectorizeCounters.UNLABELED));
    assertEquals(1, driver.counter(VectorizeCounters.NO_FEATURES));
    assertEquals(1, driver.counter(VectorizeCounters.UNKNOWN_LABEL));
    assertEquals(1, driver.counter(VectorizeCounters.INVALID_LABEL));
  }
}
