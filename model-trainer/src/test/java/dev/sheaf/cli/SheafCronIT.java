package dev.sheaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sheaf-cron} after {@code package}: a run that finds the lock held exits 75 at once; a
 * failing pipeline exits non-zero with its log named; a good one logs to a dated file, and the next
 * skips every stage.
 */
class SheafCronIT {
  private static final Path SCRIPT =
      Path.of("..", "bin", "sheaf-cron").toAbsolutePath().normalize();

  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private Run cron(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                SCRIPT.toString(),
                "--lock",
                dir.resolve("lock").toString(),
                "--log-dir",
                dir.resolve("logs").toString()));
    command.addAll(List.of(args));
    File err = File.createTempFile("sheaf-cron", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err)
            .start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "sheaf-cron did not finish");
    return new Run(process.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  private List<Path> logs() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      return files.sorted().toList();
    }
  }

  @Test
  void locksLogsAndReportsFailure() throws Exception {
    Path input = dir.resolve("input/sample.jsonl");
    Files.createDirectories(input.getParent());
    try (InputStream in =
        SheafCronIT.class.getResourceAsStream("/dev/sheaf/sample/spamassassin-300.jsonl")) {
      Files.copy(in, input);
    }
    // a work directory whose name a careless script would split or expand
    Path work = dir.resolve("work dir $HOME");
    Process holder =
        new ProcessBuilder("flock", dir.resolve("lock").toString(), "sleep", "60").start();
    try {
      Thread.sleep(500);
      long started = System.nanoTime();
      Run blocked = cron("--work", work.toString(), "--input", input.toString());
      assertEquals(75, blocked.exitCode(), blocked.err());
      assertTrue(blocked.err().contains("is still going (lock"), blocked.err());
      assertTrue(System.nanoTime() - started < 10e9, "it does not wait for the lock");
    } finally {
      // the sleep holds the lock too (it inherits flock's descriptor)
      holder.descendants().forEach(ProcessHandle::destroy);
      holder.destroy();
      holder.waitFor();
    }

    Run failed = cron("--work", work.toString(), "--input", dir.resolve("nowhere").toString());
    assertEquals(2, failed.exitCode(), failed.err());
    assertTrue(failed.err().contains("the pipeline failed (exit 2); log: "), failed.err());
    assertEquals(1, logs().size());
    assertTrue(
        Files.readString(logs().get(0)).contains("does not exist"),
        Files.readString(logs().get(0)));

    Thread.sleep(1100); // one log a second: the file name has the time to the second
    Run ok = cron("--work", work.toString(), "--input", input.toString(), "--to", "dedupe");
    assertEquals(0, ok.exitCode(), ok.err());
    String log = Files.readString(logs().get(1));
    assertTrue(log.contains("dedupe: 300 in -> 293 kept"), log);
    assertTrue(log.endsWith("exit 0\n"), log);
    Thread.sleep(1100);
    Run again = cron("--work", work.toString(), "--input", input.toString(), "--to", "dedupe");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(
        Files.readString(logs().get(2)).contains("pipeline: dedupe is up to date (skipped)"));
  }
}
