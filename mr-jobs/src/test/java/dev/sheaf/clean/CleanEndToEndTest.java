package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Filtered;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sheaf clean} end to end in embedded mode, on the output of {@code sheaf dedupe}, through
 * the CLI.
 */
class CleanEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path deduped;

  @BeforeAll
  static void dedupeTheSample() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpus.resolve("sample.jsonl"), Fixtures.spamassassinLines());
    deduped = dir.resolve("dedupe");
    CliRun run = CliRun.of("dedupe", "--input", corpus.toString(), "--output", deduped.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  private static CliRun clean(Path out, String... more) {
    List<String> args = new ArrayList<>();
    List<String> extra = Arrays.asList(more);
    int generic = extra.indexOf("--");
    args.add("clean");
    if (generic >= 0) {
      args.addAll(extra.subList(0, generic));
    }
    args.addAll(
        List.of(
            "--input",
            deduped.toString(),
            "--output",
            out.toString(),
            "--strip-quotes",
            "--keep-filtered",
            "--preset",
            "gopher",
            "--drop-letterless-lines"));
    if (!extra.contains("--boilerplate")) {
      args.addAll(List.of("--boilerplate", "built-in"));
    }
    args.addAll(generic >= 0 ? extra.subList(generic + 1, extra.size()) : extra);
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  private static List<String> sortedRecords(Path directory, Class<?> type) {
    return AvroFiles.read(directory, type).stream().map(Object::toString).sorted().toList();
  }

  @Test
  void everyDocumentIsKeptOrFilteredByANamedRuleAndTheManifestSaysSo() {
    Path out = dir.resolve("clean");
    CliRun run = clean(out);
    assertTrue(run.out().startsWith("clean: 293 in -> "), run.out());
    assertTrue(
        run.out().contains(" filtered WORD_COUNT, ") && run.out().contains(", 0 rejected;"),
        run.out());

    JsonNode manifest = ManifestJson.read(out);
    long kept = manifest.at("/records/kept").asLong();
    long filtered = 0;
    Map<String, Long> byRule = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> rules =
            manifest.at("/clean/filteredByRule").fields();
        rules.hasNext(); ) {
      Map.Entry<String, JsonNode> rule = rules.next();
      filtered += rule.getValue().asLong();
      if (rule.getValue().asLong() > 0) {
        byRule.put(rule.getKey(), rule.getValue().asLong());
        assertEquals(
            rule.getValue().asLong(), manifest.at("/records/filtered " + rule.getKey()).asLong());
      }
    }
    assertEquals(293, kept + filtered);
    assertTrue(kept > 80 && kept < 293, "kept " + kept);
    assertEquals(kept, AvroFiles.read(out, Document.class).size());
    assertEquals(293, manifest.at("/clean/changes/EMAILS_PARSED").asLong());
    assertTrue(manifest.at("/clean/changes/HTML_EXTRACTED").asLong() > 10);
    assertTrue(manifest.at("/clean/changes/SIGNATURES_REMOVED").asLong() > 10);
    assertTrue(manifest.at("/clean/piiMasked/EMAIL").asLong() > 100);
    assertTrue(manifest.at("/parameters/stripQuotes").asBoolean());
    assertEquals(50, manifest.at("/parameters/limits/min-words").asInt());

    List<Filtered> dropped = AvroFiles.read(out.resolve("_filtered"), Filtered.class);
    assertEquals(
        byRule,
        dropped.stream()
            .collect(
                Collectors.groupingBy(Filtered::getRule, TreeMap::new, Collectors.counting())));
    assertTrue(
        dropped.stream()
            .allMatch(f -> !f.getDetail().isEmpty() && f.getDocument().getId().equals(f.getId())));
    for (Document document : AvroFiles.read(out, Document.class)) {
      assertFalse(
          RawEmail.looksLikeMessage(document.getText()), "headers are gone: " + document.getId());
      assertFalse(
          document.getText().matches("(?s).*[\\w.+-]+@[\\w-]+\\.[\\w.-]+.*"), document.getText());
    }
  }

  /**
   * Clean's default is for labelled data: the e-mails and a corpus of short labelled texts pass
   * whole.
   */
  @Test
  void theDefaultKeepsLabelledCorporaWhole() throws Exception {
    Path emails = dir.resolve("default-emails");
    CliRun run = CliRun.ok("clean", "--input", deduped.toString(), "--output", emails.toString());
    JsonNode manifest = ManifestJson.read(emails);
    assertEquals(293, manifest.at("/records/in").asLong());
    assertTrue(manifest.at("/records/kept").asLong() >= 0.95 * 293, run.out());
    assertEquals(
        List.of(),
        List.copyOf(toList(manifest.at("/parameters/rules"))),
        "no document rule by default");
    assertEquals(293, manifest.at("/clean/changes/EMAILS_PARSED").asLong());
    assertTrue(manifest.at("/clean/piiMasked/EMAIL").asLong() > 100, "masking stays on");

    Path shortTexts = dir.resolve("short.jsonl");
    List<String> lines = new ArrayList<>();
    String[] texts = {
      "OK",
      "10/10 would buy again",
      "Refund please!!!",
      "gr8 thx c u @ 8",
      "#fail",
      "Where is my order?",
      "Unsubscribe",
      "click here lol",
      "\u597D\u8BC4",
      "Batt died after 2 days :("
    };
    for (int i = 0; i < 200; i++) {
      lines.add(
          "{\"id\":\"s"
              + i
              + "\",\"label\":\"c"
              + (i % 3)
              + "\",\"text\":\""
              + texts[i % texts.length]
              + "\"}");
    }
    Files.write(shortTexts, lines);
    Path out = dir.resolve("default-short");
    CliRun.ok(
        "clean", "--format", "jsonl", "--input", shortTexts.toString(), "--output", out.toString());
    List<Document> kept = AvroFiles.read(out, Document.class);
    assertEquals(200, kept.size());
    assertTrue(
        kept.stream().allMatch(d -> d.getLabel() != null && !d.getText().toString().isEmpty()));
  }

  private static List<String> toList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  @Test
  void inspectOfFilteredShowsTheRuleAndTheExcerpt() throws Exception {
    Path out = dir.resolve("inspect-filtered");
    clean(out);
    CliRun inspect = CliRun.of("inspect", out.resolve("_filtered").toString(), "--limit", "1");
    assertEquals(0, inspect.exitCode(), inspect.err());
    JsonNode record = JSON.readTree(inspect.out().lines().findFirst().orElseThrow());
    assertFalse(record.get("rule").asText().isEmpty());
    assertFalse(record.get("excerpt").asText().isEmpty());
    assertFalse(record.get("detail").asText().isEmpty());
  }

  @Test
  void sameRecordsWhateverTheNumberOfMapTasks() {
    Path one = dir.resolve("tasks-1");
    clean(one);
    Path many = dir.resolve("tasks-many");
    clean(many, "-D", "mapreduce.input.fileinputformat.split.maxsize=50000", "--");
    assertEquals(partFiles(deduped), partFiles(one), "one map task per dedupe output file");
    assertTrue(partFiles(many) > 4, "more map tasks, one output file each");
    assertEquals(sortedRecords(one, Document.class), sortedRecords(many, Document.class));
    assertEquals(
        sortedRecords(one.resolve("_filtered"), Filtered.class),
        sortedRecords(many.resolve("_filtered"), Filtered.class));
  }

  private static long partFiles(Path directory) {
    try (var files = Files.list(directory)) {
      // dedupe's near mode ends map-side (part-m-*); clean is map-only
      return files.filter(file -> file.getFileName().toString().startsWith("part-m-")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void languageFilterAndRuleSettingsReachTheTasks() {
    Path out = dir.resolve("german-only");
    CliRun run =
        clean(
            out,
            "--languages",
            "de",
            "--rule",
            "min-words=5",
            "--disable-rules",
            "stop-words,alpha-words");
    JsonNode manifest = ManifestJson.read(out);
    assertTrue(manifest.at("/clean/filteredByRule/LANGUAGE").asLong() > 200, run.out());
    assertEquals(0, manifest.at("/clean/filteredByRule/STOP_WORDS").asLong());
    assertEquals(5, manifest.at("/parameters/limits/min-words").asInt());
    for (Filtered filtered : AvroFiles.read(out.resolve("_filtered"), Filtered.class)) {
      if (filtered.getRule().equals("LANGUAGE")) {
        assertTrue(filtered.getDetail().contains("wanted de"), filtered.getDetail());
      }
    }
  }

  @Test
  void hostileRawInputIsRejectedOrFilteredAndAccountedFor() {
    Path input = Fixtures.hostile(dir.resolve("hostile"));
    Path out = dir.resolve("hostile-out");
    CliRun run =
        CliRun.of(
            "clean",
            "--input",
            input.toString(),
            "--format",
            "jsonl",
            "--max-record-bytes",
            "16m",
            "--output",
            out.toString(),
            "--keep-filtered",
            "--preset",
            "gopher-quality");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode manifest = ManifestJson.read(out);
    long in = manifest.at("/records/in").asLong();
    assertEquals(22, in, run.out());
    assertEquals(11, manifest.at("/records/rejected").asLong(), run.out());
    List<Filtered> filtered = AvroFiles.read(out.resolve("_filtered"), Filtered.class);
    assertTrue(
        filtered.stream().anyMatch(f -> f.getId().equals("huge-1")),
        "the 9 MiB document is filtered, not fatal");
    assertEquals(in, manifest.at("/records/kept").asLong() + 11 + filtered.size());
  }

  @Test
  void aBoilerplateFileReplacesTheBuiltInList() throws Exception {
    Path phrases = Files.writeString(dir.resolve("phrases.txt"), "# ours\nrazor-users\n\n");
    Path out = dir.resolve("own-boilerplate");
    clean(out, "--boilerplate", phrases.toString(), "--disable-rules", "all");
    JsonNode manifest = ManifestJson.read(out);
    assertEquals(phrases.toString(), manifest.at("/parameters/boilerplate").asText());
    assertEquals(1, manifest.at("/parameters/boilerplatePhrases").asInt());
    assertTrue(manifest.at("/clean/changes/BOILERPLATE_LINES_REMOVED").asLong() > 0);
    for (Document document : AvroFiles.read(out, Document.class)) {
      assertTrue(
          document
              .getText()
              .lines()
              .filter(line -> line.length() <= 300)
              .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).contains("razor-users")),
          document.getId());
    }
    CliRun missing =
        CliRun.of(
            "clean",
            "--input",
            deduped.toString(),
            "--output",
            dir.resolve("never").toString(),
            "--boilerplate",
            dir.resolve("no-such-file").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.errLine().contains("--boilerplate: cannot read"), missing.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rule|bogus=1|--rule takes NAME=VALUE",
        "--rule|min-words=lots|--rule min-words must be a number",
        "--disable-rules|nope|--disable-rules takes all or",
        "--languages|xx|--languages: unknown language 'xx'",
        "--html|sometimes|--html must be auto, always or never",
        "--mask-pii|ssn|--mask-pii takes email",
        "--max-chars|0|--max-chars must be a positive integer",
        "--preset|pretty|--preset takes gopher-quality, gopher-repetition, c4, fineweb, gopher, web",
        "--rules|nope|--rules takes duplicate-paragraphs",
        "--undetermined|drop|--undetermined applies with --languages only",
        "--phone-regions|UK|--phone-regions:"
      })
  void badOptionsGiveOneLineAndExitTwo(String option, String value, String message) {
    CliRun run =
        CliRun.of(
            "clean",
            "--input",
            deduped.toString(),
            "--output",
            dir.resolve("never").toString(),
            option,
            value);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.errLine().contains(message), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace");
    assertFalse(Files.exists(dir.resolve("never")));
  }
}
