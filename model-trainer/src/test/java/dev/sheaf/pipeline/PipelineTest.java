package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.Sheaf;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.Option;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf pipeline} end to end on the bundled sample: the whole chain with options from a
 * properties file, --resume skipping what is up to date and rerunning what changed (and all after
 * it), an interrupted training continued, --from/--to, and the documented properties file.
 */
class PipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROPERTIES = Path.of("..", "examples", "sheaf.properties");

  @TempDir Path dir;
  private Path input;
  private Path conf;

  @BeforeEach
  void sample() throws Exception {
    input = dir.resolve("input/sample.jsonl");
    Files.createDirectories(input.getParent());
    try (InputStream in =
        PipelineTest.class.getResourceAsStream("/dev/sheaf/sample/spamassassin-300.jsonl")) {
      Files.copy(in, input);
    }
    conf = dir.resolve("sheaf.properties");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "clean.strip-quotes=true",
            "clean.rule=min-words=20",
            "vectorize.features=vocab",
            "vectorize.ngrams=1-2",
            "vectorize.stopwords=en",
            "shard.shards=2",
            "train.epochs=3",
            ""));
  }

  private CliRun pipeline(Path work, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pipeline",
                "--input",
                input.getParent().toString(),
                "--work",
                work.toString(),
                "--conf",
                conf.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static List<String> ran(CliRun run) {
    return run.out()
        .lines()
        .filter(line -> line.matches("pipeline: [a-z]+( \\(.*\\))?"))
        .map(line -> line.split(" ")[1])
        .toList();
  }

  @Test
  void runsTheChainThenResumesOnlyWhatChanged() throws Exception {
    Path work = dir.resolve("work");
    CliRun first = pipeline(work);
    assertEquals(0, first.exitCode(), first.err());
    assertEquals(List.of("dedupe", "clean", "vectorize", "shard", "train", "evaluate"), ran(first));
    assertTrue(first.out().contains("  dedupe   "), first.out());
    assertTrue(
        first
            .out()
            .matches(
                "(?s).*  dedupe +\\d+\\.\\d +\\d+ MiB  300 in -> 293 kept, 7 near duplicates\n.*"),
        first.out());
    // clean.rule=min-words=20 applies that one rule, to text with its boilerplate and letterless
    // lines
    assertTrue(first.out().contains("14 filtered WORD_COUNT"), first.out());
    assertTrue(first.out().contains("221 train examples; epoch "), first.out());
    assertTrue(first.out().contains("27 test examples, accuracy "), first.out());
    JsonNode eval = JSON.readTree(work.resolve("eval.json").toFile());
    assertTrue(eval.path("accuracy").asDouble() > 0.8, eval.toString());
    JsonNode summary = JSON.readTree(work.resolve("_pipeline/summary.json").toFile());
    assertEquals(6, summary.path("stages").size());
    assertEquals(
        3,
        JSON.readTree(work.resolve("model/model.json").toFile()).path("epochsTrained").asInt(),
        "train.epochs from the properties file");
    byte[] params = Files.readAllBytes(work.resolve("model/params/params.slice"));

    CliRun again = pipeline(work, "--resume");
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(List.of(), ran(again), again.out());
    assertEquals(
        6, again.out().lines().filter(line -> line.endsWith("is up to date (skipped)")).count());
    assertArrayEquals(params, Files.readAllBytes(work.resolve("model/params/params.slice")));

    CliRun changed = pipeline(work, "--resume", "--set", "train.epochs=4");
    assertEquals(0, changed.exitCode(), changed.err());
    assertEquals(
        List.of("train", "evaluate"), ran(changed), "a train option reruns train and what follows");
    assertEquals(
        4, JSON.readTree(work.resolve("model/model.json").toFile()).path("epochsTrained").asInt());

    Files.writeString(
        input, Files.readString(input).lines().skip(1).reduce("", (a, b) -> a + b + "\n"));
    CliRun newInput = pipeline(work, "--resume", "--set", "train.epochs=4");
    assertEquals(0, newInput.exitCode(), newInput.err());
    assertEquals(6, ran(newInput).size(), "a changed input reruns everything");
    assertTrue(newInput.out().contains("299 in -> "), newInput.out());

    CliRun refused = pipeline(work);
    assertEquals(2, refused.exitCode());
    assertTrue(refused.errLine().contains("already holds dedupe; pass --resume"), refused.err());
  }

  @Test
  void anInterruptedTrainingContinuesFromItsCheckpointAndFromToRunsARange() throws Exception {
    Path work = dir.resolve("work");
    CliRun prefix = pipeline(work, "--to", "shard");
    assertEquals(0, prefix.exitCode(), prefix.err());
    assertEquals(List.of("dedupe", "clean", "vectorize", "shard"), ran(prefix));
    assertFalse(Files.exists(work.resolve("model")));
    CliRun rest = pipeline(work, "--from", "train", "--set", "train.epochs=4");
    assertEquals(0, rest.exitCode(), rest.err());
    assertEquals(List.of("train", "evaluate"), ran(rest));
    byte[] whole = Files.readAllBytes(work.resolve("model/params/params.slice"));
    // killed during epoch 3: two checkpoints, no model.json, no record of a finished train
    for (String gone :
        new String[] {
          "model/model.json",
          "model/params",
          "model/epoch-0003",
          "model/epoch-0004",
          "_pipeline/train.json",
          "eval.json"
        }) {
      FileUtils.forceDelete(work.resolve(gone).toFile());
    }
    CliRun resumed = pipeline(work, "--resume", "--set", "train.epochs=4");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(
        resumed.out().contains("pipeline: train (continuing the interrupted run)"), resumed.out());
    assertTrue(resumed.out().contains("train: resuming after epoch 2 of 4"), resumed.out());
    assertArrayEquals(
        whole,
        Files.readAllBytes(work.resolve("model/params/params.slice")),
        "the continued training ends where the uninterrupted one did");

    CliRun early = pipeline(dir.resolve("empty"), "--from", "train");
    assertEquals(2, early.exitCode());
    assertTrue(early.errLine().contains("--from train needs the shard output"), early.err());
  }

  /**
   * The hostile set (invalid JSON and UTF-8, binary junk, an empty file, lines without text, gzip,
   * a 9 MiB line) mixed with real mail, through every stage: nothing crashes, every stage's records
   * add up, every reject has a reason, and the summary reports them; nothing it writes is
   * world-writable.
   */
  @Test
  void hostileInputGoesThroughEveryStageAccountedFor() throws Exception {
    Fixtures.hostile(input.getParent().resolve("hostile"));
    Path work = dir.resolve("work");
    CliRun run = pipeline(work);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().matches("(?s).*  dedupe .* rejected.*"), run.out());
    for (String stage : new String[] {"dedupe", "clean", "vectors", "shards"}) {
      JsonNode records =
          JSON.readTree(work.resolve(stage).resolve("_MANIFEST.json").toFile()).path("records");
      long out = 0;
      for (var outcome : (Iterable<Map.Entry<String, JsonNode>>) records::fields) {
        out += outcome.getKey().equals("in") ? 0 : outcome.getValue().asLong();
      }
      assertEquals(records.path("in").asLong(), out, stage + ": " + records);
    }
    JsonNode dedupe = JSON.readTree(work.resolve("dedupe/_MANIFEST.json").toFile()).path("records");
    assertTrue(dedupe.path("rejected").asLong() >= 8, dedupe.toString());
    List<Reject> rejects = AvroFiles.read(work.resolve("dedupe/_rejects"), Reject.class);
    assertEquals(dedupe.path("rejected").asLong(), rejects.size());
    for (Reject reject : rejects) {
      assertFalse(reject.getReason().toString().isBlank(), reject.toString());
      assertFalse(reject.getSource().toString().isBlank(), reject.toString());
    }
    assertTrue(rejects.stream().anyMatch(r -> r.getReason().toString().equals("RECORD_TOO_LARGE")));
    try (var paths = Files.walk(work)) {
      for (Path path : paths.toList()) {
        var permissions = Files.getPosixFilePermissions(path);
        assertFalse(
            permissions.contains(PosixFilePermission.OTHERS_WRITE), path + " is world-writable");
      }
    }
  }

  /** Settings are arguments, never shell text: a command substitution arrives as it was written. */
  @Test
  void settingsAreNeverEvaluatedByAShell() {
    Path marker = dir.resolve("pwned");
    CliRun run =
        pipeline(dir.resolve("work"), "--set", "dedupe.near-threshold=$(touch " + marker + ")");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.errLine().contains("$(touch " + marker + ")"), run.err());
    assertFalse(Files.exists(marker));
  }

  @Test
  void badSettingsAreOneLineUsageErrors() {
    Path work = dir.resolve("work");
    assertUsage(
        pipeline(work, "--set", "train.epoch=3"),
        "pipeline setting 'train.epoch': sheaf train has no option --epoch");
    assertUsage(pipeline(work, "--set", "train.model=/x"), "the pipeline sets --model itself");
    assertUsage(
        pipeline(work, "--set", "clean.strip-quotes=yes"),
        "--strip-quotes is a flag; give true or false");
    assertUsage(pipeline(work, "--set", "report.x=1"), "keys are STAGE.OPTION");
    assertUsage(
        pipeline(work, "--from", "train", "--to", "clean"), "--from train comes after --to clean");
    assertUsage(pipeline(work, "--set", "train.epochs=0"), "stage train: --epochs");
    assertFalse(Files.exists(work.resolve("model")));
  }

  private static void assertUsage(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.errLine().contains(message), run.err());
  }

  /**
   * The example properties file lists every option the pipeline lets a stage take, each with a
   * valid value.
   */
  @Test
  void theExamplePropertiesFileDocumentsEveryStageOption() throws Exception {
    Map<String, String> documented = new TreeMap<>();
    Pattern key = Pattern.compile("^#?([a-z]+\\.[a-z0-9-]+)=(.*)$");
    for (String line : Files.readAllLines(PROPERTIES)) {
      Matcher matcher = key.matcher(line);
      if (matcher.matches()) {
        documented.put(matcher.group(1), matcher.group(2));
      }
    }
    TreeSet<String> expected = new TreeSet<>();
    for (Stage stage : Stage.values()) {
      for (Option option : Sheaf.command(stage.command()).declaredOptions().getOptions()) {
        if (!stage.managed(option.getLongOpt())) {
          expected.add(stage.command() + "." + option.getLongOpt());
        }
      }
    }
    assertEquals(expected, documented.keySet());
    Map<String, String> withValues = new TreeMap<>();
    documented.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            withValues.put(name, value);
          }
        });
    // every documented default is a value its option accepts as the pipeline passes it
    Map<Stage, List<String>> arguments = PipelineOptions.stageArguments(withValues);
    assertTrue(
        arguments.get(Stage.TRAIN).containsAll(List.of("--epochs", "10")), arguments.toString());
  }
}
