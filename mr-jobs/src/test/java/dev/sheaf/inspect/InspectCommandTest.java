package dev.sheaf.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir static Path dir;
  static Path output;

  @BeforeAll
  static void dedupeTheHostileSet() {
    Path input = Fixtures.hostile(dir.resolve("hostile"));
    output = dir.resolve("out");
    CliRun run = CliRun.of("dedupe", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void printsEveryRecordOfADirectoryAsOneJsonLine() throws Exception {
    CliRun run = CliRun.of("inspect", output.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(10, lines.size());
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode record = json.readTree(line);
      assertTrue(record.has("id") && record.has("text") && record.has("meta"), line);
    }
  }

  @Test
  void limitsSchemasAndSubdirectories() throws Exception {
    assertEquals(3, CliRun.of("inspect", output.toString(), "--limit", "3").out().lines().count());
    CliRun schema = CliRun.of("inspect", output.toString(), "--schema");
    assertTrue(schema.out().contains("\"name\" : \"Document\""), schema.out());
    CliRun rejects = CliRun.of("inspect", output.resolve("_rejects").toString());
    assertEquals(12, rejects.out().lines().count(), rejects.out());
    assertTrue(rejects.out().contains("\"reason\": \"RECORD_TOO_LARGE\""), rejects.out());
  }

  @Test
  void printsAManifest() throws Exception {
    CliRun run = CliRun.of("inspect", output.resolve("_MANIFEST.json").toString());
    assertEquals(0, run.exitCode());
    JsonNode manifest = new ObjectMapper().readTree(run.out());
    assertEquals("dedupe", manifest.get("command").asText());
  }

  @Test
  void explainsWhatItCannotPrint() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun noParts = CliRun.of("inspect", empty.toString());
    assertEquals(2, noParts.exitCode());
    assertTrue(noParts.errLine().contains("has no part-* files"), noParts.errLine());
    Path binary = Files.write(dir.resolve("blob.bin"), new byte[] {1, 2, 3});
    CliRun unknown = CliRun.of("inspect", binary.toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(
        unknown.errLine().contains("neither an Avro file nor a manifest or vectorizer file"),
        unknown.err());
    Path text = Files.writeString(dir.resolve("labels.txt"), "ham\nspam\n");
    CliRun printed = CliRun.of("inspect", text.toString(), "--limit", "1");
    assertEquals(0, printed.exitCode());
    assertEquals("ham", printed.out().strip(), "text files print as they are, up to --limit lines");
    assertEquals(2, CliRun.of("inspect", dir.resolve("nothing-here").toString()).exitCode());
    assertEquals(2, CliRun.of("inspect").exitCode());
  }
}
