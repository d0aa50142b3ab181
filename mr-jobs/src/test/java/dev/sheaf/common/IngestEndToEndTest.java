package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world input faults through the CLI, as a user meets them: every record accounted for, the
 * stage going on.
 */
class IngestEndToEndTest {
  @TempDir Path dir;

  /**
   * The field case: a 0-byte .gz beside a good file no longer takes the good file's records down.
   */
  @Test
  void aBrokenCompressedFileIsARejectAndTheStageGoesOn() throws Exception {
    Path input = BrokenFiles.beside(dir.resolve("in"));

    Path out = dir.resolve("dedupe");
    CliRun run =
        CliRun.ok(
            "dedupe", "--exact-only", "--input", input.toString(), "--output", out.toString());
    assertEquals(
        List.of("g1", "g2"),
        AvroFiles.read(out, Document.class).stream()
            .map(d -> d.getId().toString())
            .sorted()
            .toList());
    List<Reject> rejects = AvroFiles.read(out.resolve("_rejects"), Reject.class);
    assertEquals(1, rejects.size(), run.out());
    assertEquals("UNREADABLE_FILE", rejects.get(0).getReason().toString());
    assertEquals("zero_bytes.jsonl.gz", rejects.get(0).getSource().toString());
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(3, manifest.at("/records/in").asLong(), "2 records and 1 unreadable file");
    assertEquals(1, manifest.at("/records/rejected").asLong());

    CliRun strict =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--strict-files",
            "--input",
            input.toString(),
            "--output",
            dir.resolve("strict").toString());
    assertNotEquals(0, strict.exitCode());
    assertTrue(strict.errLine().contains("zero_bytes.jsonl.gz"), strict.err());
    assertEquals(
        1, strict.err().strip().lines().count(), "one line, no stack trace: " + strict.err());
  }

  /**
   * The field case: JSON-escaped unpaired surrogates come out the same through dedupe then clean as
   * through clean alone (U+FFFD, counted), never a '?' on one path and nothing on the other.
   */
  @Test
  void loneSurrogatesReadTheSameOnEveryPath() throws Exception {
    Path input = dir.resolve("surrogates.jsonl");
    Files.writeString(
        input,
        String.join(
                "\n",
                "{\"id\": \"x1\", \"text\": \"half a math letter \\ud835 then more words follow here\"}",
                "{\"id\": \"x2\", \"text\": \"\\udcb2 a latin byte smuggled as a surrogate\"}",
                "{\"id\": \"x3\", \"text\": \"a proper pair \\ud83d\\ude00 for comparison\"}",
                "{\"id\": \"x4\", \"text\": \"reversed pair \\ude00\\ud83d in the middle\"}")
            + "\n",
        StandardCharsets.UTF_8);
    Path deduped = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe", "--exact-only", "--input", input.toString(), "--output", deduped.toString());
    assertEquals(
        4,
        ManifestJson.read(deduped)
            .at("/counters/dev.sheaf.common.StageCounters/LONE_SURROGATES_REPLACED")
            .asLong(),
        ManifestJson.read(deduped).toString());
    Path viaDedupe = dir.resolve("clean-after-dedupe");
    CliRun.ok("clean", "--input", deduped.toString(), "--output", viaDedupe.toString());
    Path direct = dir.resolve("clean-direct");
    CliRun.ok(
        "clean", "--format", "jsonl", "--input", input.toString(), "--output", direct.toString());
    Map<String, String> one = texts(viaDedupe);
    assertEquals(one, texts(direct));
    assertEquals("half a math letter \uFFFD then more words follow here", one.get("x1"));
    assertEquals("reversed pair \uFFFD\uFFFD in the middle", one.get("x4"));
    assertEquals("a proper pair \uD83D\uDE00 for comparison", one.get("x3"));
  }

  /**
   * The wrong format is a one-line usage error, not a set of rejects: JSON lines under clean's
   * default {@code --format avro} (skipped, so nothing read), and a {@code .avro} file that is no
   * Avro file at all (a failure naming it; only a file that breaks inside is a reject).
   */
  @Test
  void theWrongFormatIsAUsageErrorNotRejects() throws Exception {
    Path input = Files.createDirectories(dir.resolve("jsonl"));
    Files.writeString(input.resolve("a.jsonl"), "{\"id\":\"a\",\"text\":\"hello\"}\n");
    CliRun skipped =
        CliRun.of("clean", "--input", input.toString(), "--output", dir.resolve("out").toString());
    assertEquals(2, skipped.exitCode(), skipped.out());
    assertTrue(skipped.errLine().contains("check --format"), skipped.err());
    Files.writeString(input.resolve("b.avro"), "{\"id\":\"b\",\"text\":\"not avro\"}\n");
    CliRun notAvro =
        CliRun.of("clean", "--input", input.toString(), "--output", dir.resolve("out2").toString());
    assertEquals(1, notAvro.exitCode(), notAvro.out());
    assertTrue(notAvro.errLine().contains("b.avro"), notAvro.err());
    assertEquals(1, notAvro.err().strip().lines().count(), notAvro.err());
  }

  private static Map<String, String> texts(Path out) {
    return AvroFiles.read(out, Document.class).stream()
        .collect(
            Collectors.toMap(
                d -> d.getId().toString(), d -> d.getText().toString(), (a, b) -> a, TreeMap::new));
  }
}
