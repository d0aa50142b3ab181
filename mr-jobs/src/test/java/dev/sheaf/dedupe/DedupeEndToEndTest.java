package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf dedupe} end to end in embedded mode (LocalJobRunner, local files), through the CLI.
 */
class DedupeEndToEndTest {
  private static final int PLANTED = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path corpus;

  /** planted copy id -> the sample id it copies */
  static final Map<String, String> plantedCopies = new TreeMap<>();

  /**
   * The 300-message sample plus 25 copies with other ids, re-cased and re-spaced, in a second file.
   */
  @BeforeAll
  static void plantDuplicates() throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    List<String> lines = Fixtures.spamassassinLines();
    Files.write(corpus.resolve("sample.jsonl"), lines);
    List<String> copies = new ArrayList<>();
    for (int i = 0; i < PLANTED; i++) {
      ObjectNode original = (ObjectNode) JSON.readTree(lines.get(i * 11));
      String copyId = String.format("zz-copy-%02d", i);
      plantedCopies.put(copyId, original.get("id").asText());
      String text = original.get("text").asText();
      original.put("id", copyId);
      original.put(
          "text",
          (i % 2 == 0 ? text.toUpperCase(java.util.Locale.ROOT) : text.replace(" ", "  \t"))
              + " !!");
      copies.add(JSON.writeValueAsString(original));
    }
    Files.write(corpus.resolve("copies.jsonl"), copies);
  }

  private static Path dedupe(String name, String... generic) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("dedupe"));
    args.addAll(List.of(generic));
    args.addAll(List.of("--input", corpus.toString(), "--output", out.toString(), "--exact-only"));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "325 in -> 300 kept, 25 exact duplicates, 0 empty after normalization, 0 rejected"),
        run.out());
    return out;
  }

  private static List<String> sortedRecords(Path directory, Class<?> type) {
    return AvroFiles.read(directory, type).stream().map(Object::toString).sorted().toList();
  }

  /**
   * ../shared/field-cases/normal-form-numbers: spacing, case and width variants of one sentence are
   * exact duplicates; sentences whose numbers are written differently are all kept.
   */
  @Test
  void numbersWrittenDifferentlyAreNotDuplicates() throws Exception {
    Path input = Files.createDirectories(dir.resolve("numbers-in"));
    Files.writeString(
        input.resolve("variants.jsonl"),
        String.join(
                "\n",
                "{\"id\": \"w1\", \"text\": \"The quick brown fox jumps over the lazy dog\"}",
                "{\"id\": \"w2\", \"text\": \"  The quick  brown\\tfox\\njumps over the lazy dog  \"}",
                "{\"id\": \"w3\", \"text\": \"THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.\"}",
                "{\"id\": \"w5\", \"text\": \"\uFF34\uFF48\uFF45 quick brown fox jumps over the lazy dog\"}",
                "{\"id\": \"n1\", \"text\": \"Take 1.5 mg of the drug twice a day\"}",
                "{\"id\": \"n2\", \"text\": \"Take 15 mg of the drug twice a day\"}",
                "{\"id\": \"n3\", \"text\": \"The total was $1,000 for the repair\"}",
                "{\"id\": \"n4\", \"text\": \"The total was $1000 for the repair\"}",
                "{\"id\": \"n5\", \"text\": \"Version 1.2 is stable and version 12 is not\"}",
                "{\"id\": \"n6\", \"text\": \"Version 12 is stable and version 1.2 is not\"}")
            + "\n");
    Path out = dir.resolve("numbers-out");
    CliRun run =
        CliRun.ok(
            "dedupe", "--exact-only", "--input", input.toString(), "--output", out.toString());
    assertTrue(run.out().contains("10 in -> 7 kept, 3 exact duplicates"), run.out());
    List<String> kept =
        AvroFiles.read(out, Document.class).stream()
            .map(d -> d.getId().toString())
            .sorted()
            .toList();
    assertEquals(List.of("n1", "n2", "n3", "n4", "n5", "n6", "w1"), kept);
  }

  @Test
  void findsThePlantedCopiesAndKeepsTheOriginals() {
    Path out = dedupe("one-reducer");
    List<Duplicate> duplicates = AvroFiles.read(out.resolve("_duplicates"), Duplicate.class);
    Map<String, String> found =
        duplicates.stream()
            .collect(
                Collectors.toMap(
                    Duplicate::getId, Duplicate::getDuplicateOf, (a, b) -> a, TreeMap::new));
    assertEquals(plantedCopies, found);
    List<String> keptIds =
        AvroFiles.read(out, Document.class).stream().map(Document::getId).toList();
    assertEquals(300, keptIds.size());
    assertTrue(keptIds.stream().noneMatch(id -> id.startsWith("zz-copy")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertFalse(Files.exists(out.resolve("_rejects")), "nothing to reject in clean input");
  }

  @Test
  void sameRecordsWhateverTheNumberOfMapAndReduceTasks() {
    Path one = dedupe("tasks-1");
    Path many =
        dedupe(
            "tasks-many",
            "-D",
            "mapreduce.job.reduces=3",
            "-D",
            "mapreduce.input.fileinputformat.split.maxsize=200000");
    assertTrue(Files.exists(many.resolve("part-r-00002.avro")));
    assertEquals(sortedRecords(one, Document.class), sortedRecords(many, Document.class));
    assertEquals(
        sortedRecords(one.resolve("_duplicates"), Duplicate.class),
        sortedRecords(many.resolve("_duplicates"), Duplicate.class));
    JsonNode manyManifest = manifest(many);
    // each of the 3 reducers fetched the output of every map task: more than one map task ran
    assertTrue(
        manyManifest.at("/counters/org.apache.hadoop.mapreduce.TaskCounter/SHUFFLED_MAPS").asInt()
            > 3,
        manyManifest.toString());
  }

  @Test
  void manifestRecordsParametersInputsAccountingAndSchema() throws Exception {
    Path out = dedupe("manifest");
    JsonNode manifest = manifest(out);
    assertEquals("dedupe", manifest.get("command").asText());
    assertEquals("jsonl", manifest.at("/parameters/format").asText());
    assertEquals("exact", manifest.at("/parameters/mode").asText());
    assertEquals(2, manifest.get("inputs").size());
    assertEquals(
        Files.size(corpus.resolve("sample.jsonl")) + Files.size(corpus.resolve("copies.jsonl")),
        manifest.get("inputBytes").asLong());
    assertEquals(64, manifest.get("inputFingerprint").asText().length());
    assertEquals(325, manifest.at("/records/in").asLong());
    assertEquals(300, manifest.at("/records/kept").asLong());
    assertEquals(25, manifest.at("/records/exact duplicates").asLong());
    assertEquals("dev.sheaf.avro.Document", manifest.get("schema").asText());
    assertEquals(16, manifest.get("schemaFingerprint").asText().length());
    assertEquals(325, manifest.at("/counters/dev.sheaf.common.StageCounters/RECORDS_IN").asLong());
    assertFalse(manifest.get("version").asText().isBlank());
    assertTrue(manifest.get("endTime").asText().compareTo(manifest.get("startTime").asText()) >= 0);
  }

  @Test
  void hostileInputIsAccountedForAndRejectedWithReasons() {
    Path input = Fixtures.hostile(dir.resolve("hostile"));
    Path out = dir.resolve("hostile-out");
    CliRun run = CliRun.of("dedupe", "--input", input.toString(), "--output", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "22 in -> 10 kept, 0 exact duplicates, 0 near duplicates, 0 empty after normalization, 12 rejected"),
        run.out());
    List<Reject> rejects = AvroFiles.read(out.resolve("_rejects"), Reject.class);
    assertEquals(12, rejects.size());
    Map<String, Long> byReason =
        rejects.stream()
            .collect(Collectors.groupingBy(Reject::getReason, TreeMap::new, Collectors.counting()));
    assertEquals(
        Map.of(
            "EMPTY_TEXT",
            1L,
            "INVALID_JSON",
            5L,
            "MISSING_TEXT",
            2L,
            "NOT_AN_OBJECT",
            2L,
            "RECORD_TOO_LARGE",
            1L,
            "TEXT_NOT_STRING",
            1L),
        byReason);
    assertTrue(
        rejects.stream().allMatch(r -> r.getStage().equals("dedupe") && !r.getSource().isEmpty()));
    JsonNode manifest = manifest(out);
    // the fixture's latin-1 line is decoded with the detected charset, not replaced
    assertEquals(
        1, manifest.at("/counters/dev.sheaf.common.StageCounters/CHARSET_GUESSED").asLong());
    assertEquals(
        1, manifest.at("/counters/dev.sheaf.common.StageCounters/BLANK_LINES_SKIPPED").asLong());
    assertEquals(5, manifest.at("/counters/dev.sheaf.common.RejectReason/INVALID_JSON").asLong());
  }

  @Test
  void emailDirectoriesDedupeWithLabelsFromDirectories() throws Exception {
    Path mail = Fixtures.copy(Fixtures.SPAMASSASSIN_EML, dir.resolve("mail"));
    Path ham = mail.resolve("ham");
    Path first = Files.list(ham).sorted().findFirst().orElseThrow();
    Files.copy(first, ham.resolve("zz-resent.eml"));
    Path out = dir.resolve("mail-out");
    CliRun run =
        CliRun.of(
            "dedupe",
            "--input",
            mail.toString(),
            "--format",
            "email",
            "--label-from-dir",
            "--output",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    // the sample holds one real near duplicate: the same spam body under another subject
    assertTrue(
        run.out().contains("25 in -> 23 kept, 1 exact duplicates, 1 near duplicates"), run.out());
    Map<String, Duplicate> duplicates =
        AvroFiles.read(out.resolve("_duplicates"), Duplicate.class).stream()
            .collect(Collectors.toMap(Duplicate::getId, d -> d));
    assertEquals(
        "ham/" + first.getFileName(), duplicates.get("ham/zz-resent.eml").getDuplicateOf());
    assertEquals("exact", duplicates.get("ham/zz-resent.eml").getKind().name());
    Duplicate respun = duplicates.get("spam/spam-1-00164.eml");
    assertEquals("spam/spam-1-00144.eml", respun.getDuplicateOf());
    assertEquals("near", respun.getKind().name());
    assertTrue(respun.getSimilarity() > 0.85f && respun.getSimilarity() < 0.9f, respun.toString());
    assertTrue(AvroFiles.read(out, Document.class).stream().allMatch(d -> d.getLabel() != null));
  }

  @Test
  void textFilesAndGzipInputWork() throws Exception {
    Path text = Files.createDirectories(dir.resolve("text"));
    Files.writeString(text.resolve("a.txt"), "The same line.\nAnother line.\n");
    try (java.io.OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(text.resolve("b.txt.gz")))) {
      gz.write("the SAME line!\nA third line.\n".getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("text-out");
    CliRun run =
        CliRun.of(
            "dedupe", "--input", text.toString(), "--format", "text", "--output", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("4 in -> 3 kept, 1 exact duplicates"), run.out());
    Duplicate duplicate = AvroFiles.read(out.resolve("_duplicates"), Duplicate.class).get(0);
    assertEquals("b.txt.gz:0", duplicate.getId());
    assertEquals("a.txt:0", duplicate.getDuplicateOf());
  }

  @Test
  void exactOnlyHonoursTheKeepPolicy() throws Exception {
    Path text = Files.createDirectories(dir.resolve("keep"));
    Files.writeString(text.resolve("a.txt"), "same words here\nSame   words,   here!\n");
    Path smallest = dir.resolve("keep-smallest");
    Path longest = dir.resolve("keep-longest");
    assertEquals(
        0,
        CliRun.of(
                "dedupe",
                "--exact-only",
                "--input",
                text.toString(),
                "--format",
                "text",
                "--output",
                smallest.toString())
            .exitCode());
    assertEquals(
        0,
        CliRun.of(
                "dedupe",
                "--exact-only",
                "--keep",
                "longest",
                "--input",
                text.toString(),
                "--format",
                "text",
                "--output",
                longest.toString())
            .exitCode());
    assertEquals(
        List.of("a.txt:0"),
        AvroFiles.read(smallest, Document.class).stream().map(Document::getId).toList());
    assertEquals(
        List.of("a.txt:16"),
        AvroFiles.read(longest, Document.class).stream().map(Document::getId).toList());
  }

  @Test
  void aStageOutputCanBeDedupedAgainAsAvro() {
    Path first = dedupe("first-pass");
    Path second = dir.resolve("second-pass");
    CliRun run =
        CliRun.of(
            "dedupe",
            "--exact-only",
            "--input",
            first.toString(),
            "--format",
            "avro",
            "--output",
            second.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("300 in -> 300 kept, 0 exact duplicates"), run.out());
    assertEquals(sortedRecords(first, Document.class), sortedRecords(second, Document.class));
  }

  private static JsonNode manifest(Path out) {
    return ManifestJson.read(out);
  }
}
