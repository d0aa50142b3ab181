package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.model.SyntheticShards;
import dev.sheaf.testing.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/sheaf} wrapper itself, after {@code package} has built the job jar and the
 * launcher files: its own usage errors, and a real embedded run through plain {@code java}.
 */
class BinSheafIT {
  private static final Path SCRIPT = Path.of("..", "bin", "sheaf").toAbsolutePath().normalize();

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    File out = File.createTempFile("bin-sheaf", ".out");
    File err = File.createTempFile("bin-sheaf", ".err");
    Process process = builder.redirectOutput(out).redirectError(err).start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/sheaf did not finish");
    return new Run(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void explainsItsOwnUsageErrors() throws Exception {
    Run none = run(Map.of());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().startsWith("usage: bin/sheaf"), none.err());
    Run badMode = run(Map.of("SHEAF_MODE", "bogus"), "--help");
    assertEquals(2, badMode.exitCode());
    assertTrue(
        badMode.err().contains("SHEAF_MODE must be embedded or cluster (got 'bogus')"),
        badMode.err());
    Run noHadoop = run(Map.of("SHEAF_MODE", "cluster", "PATH", "/usr/bin:/bin"), "--help");
    assertEquals(1, noHadoop.exitCode());
    assertTrue(noHadoop.err().contains("cluster mode needs the 'hadoop' command"), noHadoop.err());
  }

  /** Paths with spaces, a dollar, quotes and a glob pass through the wrapper as they are. */
  @Test
  void quotesEveryArgument() throws Exception {
    Path odd = dir.resolve("with space $HOME 'q' \"dq\" *");
    Path input = Fixtures.hostile(odd.resolve("in put"));
    Path output = odd.resolve("out $(touch pwned)");
    Run dedupe =
        run(Map.of(), "dedupe", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, dedupe.exitCode(), dedupe.err());
    assertTrue(
        Files.isRegularFile(output.resolve("_SUCCESS")), "the output is at the literal path");
    assertTrue(Files.notExists(Path.of("pwned")) && Files.notExists(odd.resolve("pwned")));
  }

  /**
   * Parquet out and in through bin/sheaf's own class path (the launcher's class path file, not the
   * test's): parquet-mr needs its runtime-scoped Jackson there.
   */
  @Test
  void writesAndReadsParquetEmbedded() throws Exception {
    Path shards = SyntheticShards.write(dir.resolve("shards"), 50, 2, new int[] {40, 5, 5}, 1, 7);
    Path parquet = dir.resolve("train.parquet");
    Run export =
        run(
            Map.of(),
            "export",
            "--shards",
            shards.toString(),
            "--format",
            "parquet",
            "--output",
            parquet.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().contains("export: 40 train examples"), export.out());
    Run dedupe =
        run(
            Map.of(),
            "dedupe",
            "--exact-only",
            "--format",
            "parquet",
            "--text-field",
            "id",
            "--input",
            parquet.toString(),
            "--output",
            dir.resolve("from-parquet").toString());
    assertEquals(0, dedupe.exitCode(), dedupe.err());
    assertTrue(dedupe.out().contains("40 in -> 40 kept"), dedupe.out());
  }

  @Test
  void runsACommandEmbeddedWithPlainJava() throws Exception {
    Path input = Fixtures.hostile(dir.resolve("hostile"));
    Path output = dir.resolve("out");
    Run dedupe =
        run(Map.of(), "dedupe", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, dedupe.exitCode(), dedupe.err());
    assertTrue(dedupe.out().contains("22 in -> 10 kept"), dedupe.out());
    Run inspect = run(Map.of(), "inspect", output.resolve("_rejects").toString(), "--limit", "2");
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertEquals(2, inspect.out().lines().count(), inspect.out());
    Run help = run(Map.of(), "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("quickstart"), help.out());
  }
}
