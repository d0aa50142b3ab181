package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.Sheaf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code examples/sheaf.properties} and option tables of {@code docs/commands} are
 * what the commands' settings generate ({@link OptionDocs}).
 */
class OptionDocsTest {
  private static final Path ROOT = Path.of("..");

  @BeforeAll
  static void regenerateWhenAsked() throws Exception {
    if (System.getenv("SHEAF_REGENERATE_DOCS") != null) {
      OptionDocs.main(new String[] {ROOT.toString()});
    }
  }

  @Test
  void examplePropertiesAreGeneratedFromTheSettings() throws Exception {
    Path file = ROOT.resolve("examples").resolve("sheaf.properties");
    assertEquals(
        OptionDocs.properties(),
        Files.readString(file, StandardCharsets.UTF_8),
        "examples/sheaf.properties is not what the pipeline stages' settings generate; regenerate"
            + " it with: "
            + OptionDocs.REGENERATE);
  }

  @Test
  void eachCommandPageHoldsItsGeneratedOptionTable() throws Exception {
    for (String command : Sheaf.commandNames()) {
      Path page = ROOT.resolve("docs").resolve("commands").resolve(command + ".md");
      assertTrue(Files.exists(page), "no page " + page + " for sheaf " + command);
      String text = Files.readString(page, StandardCharsets.UTF_8);
      assertEquals(
          OptionDocs.withOptionBlock(text, command),
          text,
          "docs/commands/"
              + command
              + ".md: the option table of sheaf "
              + command
              + " is not what its settings generate; regenerate it with: "
              + OptionDocs.REGENERATE);
    }
  }

  @Test
  void theBlockReplacesOnlyTheGeneratedPart() {
    String page =
        "# prose\n\n" + OptionDocs.BEGIN + "\nstale\n" + OptionDocs.END + "\nmore prose\n";
    String updated = OptionDocs.withOptionBlock(page, "dedupe");
    assertTrue(updated.startsWith("# prose\n\n" + OptionDocs.BEGIN), updated);
    assertTrue(updated.endsWith(OptionDocs.END + "\nmore prose\n"), updated);
    assertTrue(
        updated.contains("| `--near-threshold J` | `0.8` | `sheaf.dedupe.near-threshold` |"),
        updated);
    assertTrue(updated.contains("| `sheaf.dedupe.driver-components-max-edges` | `1000000` |"));
  }
}
