package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tabular, Hadoop and web-crawl input formats through a real stage ({@code dedupe
 * --exact-only}), files written by each format's own writer: documents, ids, labels, rejects and
 * the conservation counts in the manifest.
 */
class FormatsEndToEndTest {
  @TempDir Path dir;

  @Test
  void csvThroughDedupeKeepsEveryRecordAccountedFor() throws Exception {
    Path input = Files.createDirectories(dir.resolve("csv"));
    try (CSVPrinter printer =
        new CSVPrinter(
            Files.newBufferedWriter(input.resolve("mail-1.csv")),
            CSVFormat.RFC4180.builder().setHeader("id", "label", "text").build())) {
      printer.printRecord("c1", "ham", "a message about lunch,\nwritten over two lines");
      printer.printRecord("c2", "spam", "WIN \"BIG\" now");
      printer.printRecord("c3", "spam", "win big now");
      printer.printRecord("c4", "ham", "");
    }
    Files.writeString(input.resolve("mail-2.csv"), "id,label,text\nc5,ham,\"unclosed\nc6,ham\n");
    Files.writeString(input.resolve("mail-3.csv"), "id,label,body\nc7,ham,no text column\n");

    Path out = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe",
        "--exact-only",
        "--format",
        "csv",
        "--input",
        input.toString(),
        "--output",
        out.toString());
    Map<String, String> labels =
        AvroFiles.read(out, Document.class).stream()
            .collect(
                Collectors.toMap(
                    d -> d.getId().toString(),
                    d -> d.getLabel().toString(),
                    (a, b) -> a,
                    TreeMap::new));
    assertEquals(Map.of("c1", "ham", "c2", "spam"), labels, "c3 is an exact duplicate of c2");
    Map<String, Long> reasons =
        AvroFiles.read(out.resolve("_rejects"), Reject.class).stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.getReason().toString(), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MALFORMED_CSV", 1L, "BAD_HEADER", 1L), reasons);
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(
        6,
        manifest.at("/records/in").asLong(),
        "4 records, 1 never-closed quote, 1 bad header: " + manifest);
    assertEquals(2, manifest.at("/records/kept").asLong());
    assertEquals(1, manifest.at("/records/exact duplicates").asLong());
    assertEquals(3, manifest.at("/records/rejected").asLong());
    assertEquals("csv", manifest.at("/parameters/format").asText());
  }

  private static void writeSequenceFile(
      Path file, Class<? extends Writable> valueClass, Writable... values) throws Exception {
    try (SequenceFile.Writer writer =
        SequenceFile.createWriter(
            new Configuration(),
            SequenceFile.Writer.file(new org.apache.hadoop.fs.Path(file.toUri())),
            SequenceFile.Writer.keyClass(Text.class),
            SequenceFile.Writer.valueClass(valueClass))) {
      for (int i = 0; i < values.length; i++) {
        writer.append(new Text("doc/" + i + ".txt"), values[i]);
      }
    }
  }

  /**
   * SequenceFiles as Hadoop's writer writes them: keys are ids, a truncated file is one
   * UNREADABLE_FILE reject after its records before the break, and a file of IntWritable values
   * fails the stage in one line naming it.
   */
  @Test
  void sequenceFilesThroughDedupe() throws Exception {
    Path input = Files.createDirectories(dir.resolve("seq"));
    writeSequenceFile(
        input.resolve("a.seq"),
        Text.class,
        new Text("the first document of the corpus"),
        new Text("a second document"),
        new Text("THE FIRST document of the corpus!"),
        new Text(" "));
    Path whole = dir.resolve("whole.seq");
    Text[] many = new Text[200];
    for (int i = 0; i < many.length; i++) {
      many[i] = new Text("document number " + i + " of a file cut short");
    }
    writeSequenceFile(whole, Text.class, many);
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(input.resolve("cut.seq"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Path out = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe",
        "--exact-only",
        "--format",
        "sequencefile",
        "--input",
        input.toString(),
        "--output",
        out.toString());
    List<String> ids =
        AvroFiles.read(out, Document.class).stream()
            .map(d -> d.getId().toString())
            .sorted()
            .toList();
    assertTrue(ids.containsAll(List.of("doc/0.txt", "doc/1.txt")), ids.toString());
    long cutKept = ids.size() - 2;
    assertTrue(cutKept > 50 && cutKept < 200, "records before the break: " + cutKept);
    List<Reject> rejects = AvroFiles.read(out.resolve("_rejects"), Reject.class);
    assertEquals(
        Map.of("EMPTY_TEXT", 1L, "UNREADABLE_FILE", 1L),
        rejects.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.getReason().toString(), TreeMap::new, Collectors.counting())));
    assertEquals(
        java.util.Set.of("a.seq", "cut.seq"),
        rejects.stream().map(r -> r.getSource().toString()).collect(Collectors.toSet()));
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(4 + cutKept + 1, manifest.at("/records/in").asLong(), manifest.toString());
    assertEquals(ids.size(), manifest.at("/records/kept").asLong());
    assertEquals(1, manifest.at("/records/exact duplicates").asLong());
    assertEquals(2, manifest.at("/records/rejected").asLong());

    Path numbers = Files.createDirectories(dir.resolve("numbers"));
    writeSequenceFile(
        numbers.resolve("counts.seq"), IntWritable.class, new IntWritable(1), new IntWritable(2));
    CliRun wrong =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--format",
            "sequencefile",
            "--input",
            numbers.toString(),
            "--output",
            dir.resolve("wrong").toString());
    assertEquals(1, wrong.exitCode(), wrong.out());
    assertTrue(
        wrong.errLine().contains("counts.seq holds org.apache.hadoop.io.IntWritable values"),
        wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());

    Path text = Files.createDirectories(dir.resolve("text"));
    Files.writeString(text.resolve("notes.seq"), "plain text saved under a .seq name\n");
    CliRun notSequence =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--format",
            "sequencefile",
            "--input",
            text.toString(),
            "--output",
            dir.resolve("wrong-too").toString());
    assertEquals(1, notSequence.exitCode(), notSequence.out());
    assertTrue(
        notSequence.errLine().contains("notes.seq is not a SequenceFile"), notSequence.err());
    assertEquals(1, notSequence.err().strip().lines().count(), notSequence.err());
  }

  /**
   * WARC files as jwarc's writer writes them: the whole crawl, and a copy cut in the middle (one
   * UNREADABLE_FILE reject after its records before the cut, which are exact duplicates of the
   * whole crawl's); a file that is no WARC fails the stage in one line.
   */
  @Test
  void warcFilesThroughDedupe() throws Exception {
    Path input = Files.createDirectories(dir.resolve("warc"));
    WarcFiles.write(input.resolve("crawl.warc.gz"), org.netpreserve.jwarc.WarcCompression.GZIP);
    byte[] bytes = Files.readAllBytes(input.resolve("crawl.warc.gz"));
    Files.write(input.resolve("cut.warc.gz"), java.util.Arrays.copyOf(bytes, bytes.length * 3 / 4));

    Path out = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe",
        "--exact-only",
        "--format",
        "warc",
        "--input",
        input.toString(),
        "--output",
        out.toString());
    List<Document> documents = AvroFiles.read(out, Document.class);
    assertEquals(
        java.util.Set.of(WarcFiles.HTML_URI, WarcFiles.GZIPPED_URI, WarcFiles.WET_URI),
        documents.stream().map(d -> d.getId().toString()).collect(Collectors.toSet()));
    assertEquals(3, documents.size());
    List<Reject> rejects = AvroFiles.read(out.resolve("_rejects"), Reject.class);
    List<Reject> unreadable =
        rejects.stream().filter(r -> r.getReason().toString().equals("UNREADABLE_FILE")).toList();
    assertEquals(1, unreadable.size(), rejects.toString());
    assertEquals("cut.warc.gz", unreadable.get(0).getSource().toString());
    JsonNode manifest = ManifestJson.read(out);
    long in = manifest.at("/records/in").asLong();
    long duplicates = manifest.at("/records/exact duplicates").asLong();
    assertTrue(
        duplicates >= 1, "the cut copy's first documents are the whole crawl's: " + manifest);
    assertEquals(in, 3 + duplicates + rejects.size(), manifest.toString());
    assertEquals(rejects.size(), manifest.at("/records/rejected").asLong());
    assertEquals(
        2,
        manifest.at("/counters/dev.sheaf.common.WarcCounters/WARCINFO_RECORDS_SKIPPED").asLong(),
        "one warcinfo record a file, not records of the corpus: " + manifest);

    Path notWarc = Files.createDirectories(dir.resolve("not-warc"));
    Files.writeString(
        notWarc.resolve("page.warc"), "<html>a page saved as is, no WARC record</html>\n");
    CliRun wrong =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--format",
            "warc",
            "--input",
            notWarc.toString(),
            "--output",
            dir.resolve("wrong").toString());
    assertEquals(1, wrong.exitCode(), wrong.out());
    assertTrue(wrong.errLine().contains("page.warc is not a WARC file"), wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
  }

  /**
   * Parquet files as parquet-mr's writer writes them: columns chosen by the field options; a file
   * cut short (its footer lost) is one UNREADABLE_FILE reject; a file that is no Parquet file fails
   * the stage in one line.
   */
  @Test
  void parquetFilesThroughDedupe() throws Exception {
    Path input = Files.createDirectories(dir.resolve("parquet"));
    ParquetFiles.write(input.resolve("reviews.parquet"), 40);
    Path whole = dir.resolve("whole.parquet");
    ParquetFiles.write(whole, 40);
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(input.resolve("cut.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Path out = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe",
        "--exact-only",
        "--format",
        "parquet",
        "--text-field",
        "body",
        "--id-field",
        "review_id",
        "--label-field",
        "stars",
        "--input",
        input.toString(),
        "--output",
        out.toString());
    List<Document> documents = AvroFiles.read(out, Document.class);
    assertEquals(38, documents.size(), "40 rows less a null and an empty body");
    assertTrue(
        documents.stream()
            .allMatch(
                d -> d.getLabel() != null && d.getSource().toString().equals("reviews.parquet")));
    Map<String, Long> reasons =
        AvroFiles.read(out.resolve("_rejects"), Reject.class).stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.getReason().toString(), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MISSING_TEXT", 1L, "UNREADABLE_FILE", 1L), reasons);
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(41, manifest.at("/records/in").asLong(), manifest.toString());
    assertEquals(38, manifest.at("/records/kept").asLong());
    assertEquals(3, manifest.at("/records/rejected").asLong());

    Path notParquet = Files.createDirectories(dir.resolve("not-parquet"));
    Files.writeString(
        notParquet.resolve("table.parquet"), "id,text\n1,a CSV file under a .parquet name\n");
    CliRun wrong =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--format",
            "parquet",
            "--input",
            notParquet.toString(),
            "--output",
            dir.resolve("wrong").toString());
    assertEquals(1, wrong.exitCode(), wrong.out());
    assertTrue(wrong.errLine().contains("table.parquet is not a Parquet file"), wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
  }
}
