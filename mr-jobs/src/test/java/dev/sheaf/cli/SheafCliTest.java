package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageOption;
import dev.sheaf.dedupe.DedupeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, usage errors as one line and exit 2, no stack traces. */
class SheafCliTest {
  @TempDir Path dir;

  private static void assertUsageError(CliRun run, String expectedFragment) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.errLine().contains(expectedFragment),
        "'" + run.errLine() + "' should mention " + expectedFragment);
    assertFalse(run.err().contains("\tat "), "no stack trace without --verbose:\n" + run.err());
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode());
    for (String command :
        new String[] {"dedupe", "clean", "vectorize", "shard", "export", "inspect"}) {
      assertTrue(run.out().contains("  " + command + " "), run.out());
    }
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    assertEquals(2, CliRun.of().exitCode());
    assertUsageError(CliRun.of("dedup"), "unknown command 'dedup'");
  }

  @Test
  void commandHelpListsItsOptions() {
    CliRun run = CliRun.of("dedupe", "--help");
    assertEquals(0, run.exitCode());
    for (String option :
        new String[] {
          "--input",
          "--output",
          "--format",
          "--overwrite",
          "--max-record-bytes",
          "--exact-only",
          "--label-from-dir"
        }) {
      assertTrue(run.out().contains(option), option + " in\n" + run.out());
    }
  }

  @Test
  void commandHelpListsTheKeysOnlyDashDCanSetWithTheirDefaults() {
    CliRun run = CliRun.of("dedupe", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("Configuration keys only -D can set"), run.out());
    assertTrue(
        run.out().contains("-D sheaf.dedupe.driver-components-max-edges=1000000"), run.out());
    assertTrue(run.out().contains("-D sheaf.job-jar.cache-dir=.sheaf/jars"), run.out());
    // a -D-only key is not an option
    assertFalse(run.out().contains("--driver-components-max-edges"), run.out());
  }

  /** A -D-only key whose default is a number refuses a value that is not one, naming the key. */
  @Test
  void aDashDOnlyNumberThatIsNotOneIsAUsageErrorNamingTheKey() throws Exception {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"id\": \"a\", \"text\": \"some words\"}\n");
    for (String key :
        new String[] {
          "sheaf.dedupe.driver-graph-memory-mb",
          "sheaf.dedupe.labels-memory-mb",
          "sheaf.dedupe.driver-components-max-edges"
        }) {
      CliRun run =
          CliRun.of(
              "dedupe",
              "-D",
              key + "=lots",
              "--input",
              input.toString(),
              "--output",
              dir.resolve("out-" + key).toString());
      assertUsageError(run, "-D " + key + " must be a whole number (got 'lots')");
      assertFalse(Files.exists(dir.resolve("out-" + key)), "no output for a usage error");
    }
  }

  @Test
  void commandHelpGeneratesEachDefaultFromItsConstant() {
    CliRun run = CliRun.of("dedupe", "--help");
    String help = run.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("at least J (default 0.8)"), help);
    assertTrue(help.contains("smallest-id, longest, earliest (default smallest-id)"), help);
  }

  @Test
  void everyCommandBuildsItsOptionsFromItsSettings() {
    for (String name : Sheaf.commandNames()) {
      SheafCommand command = Sheaf.command(name);
      List<StageOption> settings = command.settings();
      assertFalse(settings.isEmpty(), name + " has no settings");
      for (Option option : command.declaredOptions().getOptions()) {
        StageOption setting = command.declaredOption(option.getLongOpt());
        assertNotNull(setting, name + " --" + option.getLongOpt() + " has no setting");
        assertEquals(setting.spec().help(), option.getDescription(), name);
      }
    }
  }

  @Test
  void badOptionsAreOneLineUsageErrors() throws Exception {
    Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n");
    String out = dir.resolve("out").toString();
    assertUsageError(CliRun.of("dedupe", "--output", out), "Missing required option: input");
    assertUsageError(
        CliRun.of("dedupe", "--input", input.toString()), "Missing required option: output");
    assertUsageError(
        CliRun.of("dedupe", "--input", input.toString(), "--output", out, "--format", "xml"),
        "--format must be one of jsonl, text, email, avro, csv, tsv, sequencefile, warc, parquet");
    assertUsageError(
        CliRun.of(
            "dedupe", "--input", input.toString(), "--output", out, "--max-record-bytes", "huge"),
        "--max-record-bytes");
    assertUsageError(
        CliRun.of("dedupe", "--input", input.toString(), "--output", out, "--no-such-option"),
        "no-such-option");
    assertUsageError(
        CliRun.of("dedupe", "--input", dir.resolve("missing").toString(), "--output", out),
        "input " + dir.resolve("missing") + " does not exist");
    assertFalse(Files.exists(Path.of(out)), "nothing is written on a usage error");
  }

  @Test
  void badNearDuplicateOptionsAreOneLineUsageErrors() throws Exception {
    String in =
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n").toString();
    String out = dir.resolve("out").toString();
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--near-threshold", "1.5"),
        "--near-threshold must be a number in (0, 1]");
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--near-threshold", "high"),
        "--near-threshold must be a number in (0, 1]");
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--bands", "10"),
        "--bands and --rows go together");
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--bands", "20", "--rows", "9"),
        "--bands x --rows must be at most --num-perm (" + DedupeOptions.DEFAULT_NUM_PERM + ")");
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--num-perm", "0"),
        "--num-perm must be a positive integer");
    assertUsageError(
        CliRun.of("dedupe", "--input", in, "--output", out, "--keep", "newest"),
        "--keep must be smallest-id, longest or earliest");
    assertUsageError(
        CliRun.of(
            "dedupe", "--input", in, "--output", out, "--exact-only", "--near-threshold", "0.9"),
        "--near-threshold does not apply with --exact-only");
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwrite() throws Exception {
    Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n");
    Path out = dir.resolve("out");
    assertEquals(
        0, CliRun.of("dedupe", "--input", input.toString(), "--output", out.toString()).exitCode());
    assertUsageError(
        CliRun.of("dedupe", "--input", input.toString(), "--output", out.toString()),
        "output " + out + " already exists; choose another --output or pass --overwrite");
    Files.writeString(
        dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n");
    CliRun again =
        CliRun.of("dedupe", "--input", input.toString(), "--output", out.toString(), "--overwrite");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("2 in -> 2 kept"), again.out());
  }

  @Test
  void genericHadoopOptionsComeBeforeTheCommandOptions() throws Exception {
    Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "dedupe",
            "-D",
            "mapreduce.job.reduces=2",
            "--input",
            input.toString(),
            "--output",
            out.toString(),
            // one job whose reducers write the output (near mode's last pass is map-side)
            "--exact-only");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(out.resolve("part-r-00001.avro")), "two reducers, two part files");
  }

  @Test
  void aFailedStageIsOneLineNamingTheInputAndExitOne() throws Exception {
    Path avro = Files.createDirectories(dir.resolve("avro"));
    Files.write(avro.resolve("part-r-00000.avro"), new byte[] {'O', 'b', 'j', 1, 'x', 'y'});
    Files.writeString(
        avro.resolve("_SUCCESS"), ""); // a finished job's output (else refused as unfinished)
    Path out = dir.resolve("out");
    // by default a corrupt file is a reject and the stage goes on; --strict-files makes it fail the
    // stage
    CliRun tolerant =
        CliRun.of(
            "dedupe",
            "--input",
            avro.toString(),
            "--format",
            "avro",
            "--output",
            dir.resolve("tolerant").toString());
    assertEquals(0, tolerant.exitCode(), tolerant.err());
    assertTrue(tolerant.out().contains("1 rejected"), tolerant.out());
    CliRun run =
        CliRun.of(
            "dedupe",
            "--input",
            avro.toString(),
            "--format",
            "avro",
            "--strict-files",
            "--output",
            out.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.errLine().startsWith("sheaf dedupe: job 'sheaf dedupe"), run.errLine());
    assertTrue(run.errLine().contains("' failed: cannot read "), run.errLine());
    assertTrue(run.errLine().contains("part-r-00000.avro"), run.errLine());
    assertFalse(run.err().contains("\tat "), "no stack trace without --verbose:\n" + run.err());
    assertFalse(Files.exists(out.resolve("_SUCCESS")));

    CliRun verbose =
        CliRun.of(
            "--verbose",
            "dedupe",
            "--input",
            avro.toString(),
            "--format",
            "avro",
            "--strict-files",
            "--output",
            out.toString(),
            "--overwrite");
    assertEquals(1, verbose.exitCode());
    assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    assertTrue(verbose.err().contains("sheaf: peak heap used"), verbose.err());
  }
}
