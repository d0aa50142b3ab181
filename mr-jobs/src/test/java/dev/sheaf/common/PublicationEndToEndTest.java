package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Through the CLI, embedded: no option destroys input, no run leaves something that looks done and
 * is not, and every stage checks what it reads.
 */
class PublicationEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path corpus;

  @BeforeEach
  void corpus() throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpus.resolve("sample.jsonl"), Fixtures.spamassassinLines().subList(0, 60));
  }

  @AfterEach
  void noHook() {
    StageOutput.afterStep = step -> {};
  }

  private CliRun clean(Path output, String... more) {
    return CliRun.of(
        CliRun.concat(
            new String[] {
              "clean",
              "--format",
              "jsonl",
              "--input",
              corpus.toString(),
              "--output",
              output.toString()
            },
            more));
  }

  @Test
  void overwriteNeverTouchesTheInput() throws Exception {
    for (Path output : List.of(corpus, corpus.resolve("clean"), dir)) {
      CliRun run = clean(output, "--overwrite");
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.errLine().contains("apart from every input"), run.err());
      assertEquals(60, Files.readAllLines(corpus.resolve("sample.jsonl")).size());
    }
    assertEquals(List.of("sample.jsonl"), names(corpus));
  }

  /**
   * A test hook stops the stage after each step of its commit: the output is the old one, none, or
   * the new one.
   */
  @ParameterizedTest
  @EnumSource(StageOutput.Step.class)
  void aStageStoppedAtAnyStepOfItsCommitLeavesTheOldOutputNoneOrTheNewOne(
      StageOutput.Step stopAfter) throws Exception {
    Path out = dir.resolve("clean");
    CliRun.ok(
        "clean",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        out.toString(),
        "--max-chars",
        "100");
    StageOutput.afterStep =
        step -> {
          if (step == stopAfter) {
            throw new IllegalStateException("stopped after " + step);
          }
        };
    CliRun stopped = clean(out, "--overwrite", "--max-chars", "200");
    assertEquals(1, stopped.exitCode(), stopped.err());
    StageOutput.afterStep = step -> {};
    if (Files.exists(out)) {
      // complete: _SUCCESS, a manifest, exactly the files it lists, as many records as it says
      StageInputs.check(new Configuration(), List.of(new org.apache.hadoop.fs.Path(out.toUri())))
          .checkRecordsRead("test", AvroFiles.read(out, Document.class).size(), "avro");
      String maxChars =
          JSON.readTree(out.resolve(Manifest.FILE_NAME).toFile())
              .path("parameters")
              .path("maxChars")
              .asText();
      assertEquals(
          stopAfter == StageOutput.Step.PREVIOUS_MOVED_ASIDE ? "" : "200",
          maxChars.equals("100") ? "" : maxChars);
    } else {
      assertEquals(
          StageOutput.Step.PREVIOUS_MOVED_ASIDE, stopAfter, "only that step leaves no output");
    }
    CliRun.ok(
        "clean",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        out.toString(),
        "--overwrite");
    assertEquals(List.of("clean", "corpus"), names(dir), "no staging or previous directory left");
  }

  @Test
  void theNextStageRefusesAnUpstreamOutputThatIsUnfinishedOrChanged() throws Exception {
    Path out = dir.resolve("clean");
    CliRun.ok(
        "clean",
        "-D",
        "mapreduce.input.fileinputformat.split.maxsize=20000",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        out.toString());
    List<Path> parts;
    try (Stream<Path> files = Files.list(out)) {
      parts =
          files.filter(file -> file.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertTrue(parts.size() > 1, "several map tasks: " + parts);
    Files.delete(parts.get(1));
    CliRun missing =
        CliRun.of(
            "dedupe", "--input", out.toString(), "--output", dir.resolve("dedupe").toString());
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(
        missing.errLine().contains(parts.get(1).getFileName() + " is missing"), missing.err());
    Files.delete(out.resolve("_SUCCESS"));
    CliRun unfinished =
        CliRun.of(
            "dedupe", "--input", out.toString(), "--output", dir.resolve("dedupe").toString());
    assertEquals(2, unfinished.exitCode(), unfinished.err());
    assertTrue(
        unfinished.errLine().contains("unfinished job output (no _SUCCESS)"), unfinished.err());
    assertFalse(Files.exists(dir.resolve("dedupe")));
  }

  @Test
  void inputThatYieldsNoRecordInTheChosenFormatIsAUsageError() {
    // clean reads avro by default; the corpus is JSON lines
    CliRun run =
        CliRun.of(
            "clean", "--input", corpus.toString(), "--output", dir.resolve("clean").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.errLine().contains("no record read") && run.errLine().contains("--format avro"),
        run.err());
    assertFalse(Files.exists(dir.resolve("clean")));
  }

  @Test
  void globsReadWhatTheyMatchAndTheManifestListsIt() throws Exception {
    Files.write(corpus.resolve("more.jsonl"), Fixtures.spamassassinLines().subList(60, 70));
    Files.write(corpus.resolve("other.txt"), List.of("not matched"));
    Path out = dir.resolve("clean");
    CliRun run =
        CliRun.ok(
            "clean",
            "--format",
            "jsonl",
            "--input",
            corpus + "/*.jsonl",
            "--output",
            out.toString());
    assertTrue(run.out().startsWith("clean: 70 in"), run.out());
    JsonNode inputs = JSON.readTree(out.resolve(Manifest.FILE_NAME).toFile()).path("inputs");
    assertEquals(2, inputs.size());
    assertTrue(inputs.get(0).path("path").asText().endsWith("more.jsonl"), inputs.toString());
    CliRun none =
        CliRun.of(
            "clean",
            "--format",
            "jsonl",
            "--input",
            corpus + "/*.parquet",
            "--output",
            dir.resolve("never").toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.errLine().contains("matches no file"), none.err());
  }

  @Test
  void maildirMessagesWithFlagsInTheirNamesAreReadAndLabelledByTheirMaildir() throws Exception {
    Path maildirs = dir.resolve("mail");
    for (String label : List.of("spam", "ham")) {
      Files.createDirectories(maildirs.resolve(label + "/cur"));
      Files.createDirectories(maildirs.resolve(label + "/new"));
      Files.writeString(
          maildirs.resolve(label + "/cur/1700000000.M1P2.host:2,S"),
          "From: a@example.com\nSubject: seen " + label + "\n\nA message that was read.\n");
      Files.writeString(
          maildirs.resolve(label + "/new/1700000001.M3P4.host"),
          "From: b@example.com\nSubject: new " + label + "\n\nA message not yet read.\n");
    }
    Path out = dir.resolve("dedupe");
    CliRun.ok(
        "dedupe",
        "--format",
        "email",
        "--label-from-dir",
        "--exact-only",
        "--input",
        maildirs.toString(),
        "--output",
        out.toString());
    List<Document> documents = AvroFiles.read(out, Document.class);
    assertEquals(4, documents.size());
    for (Document document : documents) {
      assertTrue(
          document.getId().toString().startsWith(document.getLabel() + "/"), document.toString());
    }
  }

  @Test
  void outputsAreNoMoreOpenThanTheUmaskAllowsRejectsAndFilteredIncluded() throws Exception {
    Files.writeString(corpus.resolve("broken.jsonl"), "{not json\n");
    Path out = dir.resolve("clean");
    // the key the process umask sets (SheafConfigurationTest); an uncached local file system, as a
    // new process has
    CliRun.ok(
        "clean",
        "-D",
        "fs.permissions.umask-mode=077",
        "-D",
        "fs.file.impl.disable.cache=true",
        "--format",
        "jsonl",
        "--keep-filtered",
        "--preset",
        "gopher",
        "--input",
        corpus.toString(),
        "--output",
        out.toString());
    assertTrue(
        Files.isDirectory(out.resolve("_rejects")) && Files.isDirectory(out.resolve("_filtered")));
    try (Stream<Path> all = Files.walk(out)) {
      for (Path path : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        assertEquals("------", mode.substring(3), path + " " + mode);
      }
    }
    assertNotEquals(0, Files.size(out.resolve(Manifest.FILE_NAME)));
  }

  private static List<String> names(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
