package dev.sheaf.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code sheaf} in this JVM, as bin/sheaf would, and captures its exit code and output. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Sheaf.run(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    CliRun run =
        new CliRun(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    originalErr.print(run.err);
    return run;
  }

  /** Runs {@code sheaf} and fails the test unless it exits 0. */
  public static CliRun ok(String... args) {
    CliRun run = of(args);
    org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  /** The arguments of {@code first} followed by those of {@code more}. */
  public static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  /** The error output without the SLF4J/log4j start-up noise some environments add. */
  public String errLine() {
    return err.lines().filter(line -> line.startsWith("sheaf")).findFirst().orElse("");
  }
}
