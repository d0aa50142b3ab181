package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tabular, Hadoop and web-crawl input formats through a real stage ({@code dedupe
 * --exact-only}), files written by each format's own writer: documents, ids, labels, rejects and
 * the conservation counts in the manifest.
 */
class FormatsEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void csvThroughDedupeKeepsEveryRecordAccountedFor() throws Exception {
    Path input = Files.createDirectories(dir.resolve("csv"));
    try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(input.resolve("mail-1.csv")),
        CSVFormat.RFC4180.builder().setHeader("id", "label", "text").build())) {
      printer.printRecord("c1", "ham", "a message about lunch,\nwritten over two lines");
      printer.printRecord("c2", "spam", "WIN \"BIG\" now");
      printer.printRecord("c3", "spam", "win big now");
      printer.printRecord("c4", "ham", "");
    }
    Files.writeString(input.resolve("mail-2.csv"), "id,label,text\nc5,ham,\"unclosed\nc6,ham\n");
    Files.writeString(input.resolve("mail-3.csv"), "id,label,body\nc7,ham,no text column\n");

    Path out = dir.resolve("dedupe");
    CliRun.ok("dedupe", "--exact-only", "--format", "csv", "--input", input.toString(), "--output", out.toString());
    Map<String, String> labels = AvroFiles.read(out, Document.class).stream()
        .collect(Collectors.toMap(d -> d.getId().toString(), d -> d.getLabel().toString(), (a, b) -> a, TreeMap::new));
    assertEquals(Map.of("c1", "ham", "c2", "spam"), labels, "c3 is an exact duplicate of c2");
    Map<String, Long> reasons = AvroFiles.read(out.resolve("_rejects"), Reject.class).stream()
        .collect(Collectors.groupingBy(r -> r.getReason().toString(), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MALFORMED_CSV", 1L, "BAD_HEADER", 1L), reasons);
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(6, manifest.at("/records/in").asLong(), "4 records, 1 never-closed quote, 1 bad header: " + manifest);
    assertEquals(2, manifest.at("/records/kept").asLong());
    assertEquals(1, manifest.at("/records/exact duplicates").asLong());
    assertEquals(3, manifest.at("/records/rejected").asLong());
    assertEquals("csv", manifest.at("/parameters/format").asText());
  }
}
