package dev.sheaf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf report} on a pipeline's work directory: four charts that decode as PNG images, the
 * tables' numbers from the stages' own files, a partial work directory, and train's own plot.
 */
class ReportTest {
  @TempDir Path dir;

  private Path sample() throws Exception {
    Path input = dir.resolve("input/sample.jsonl");
    Files.createDirectories(input.getParent());
    try (InputStream in =
        ReportTest.class.getResourceAsStream("/dev/sheaf/sample/spamassassin-300.jsonl")) {
      Files.copy(in, input);
    }
    return input;
  }

  private static List<BufferedImage> images(String html) throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    Matcher matcher =
        Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    while (matcher.find()) {
      BufferedImage image =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(matcher.group(1))));
      assertNotNull(image, "a PNG");
      images.add(image);
    }
    return images;
  }

  @Test
  void reportsEveryStageOfAPipelineWithChartsAndTables() throws Exception {
    Path input = sample();
    Path work = dir.resolve("work");
    CliRun.ok(
        "pipeline",
        "--input",
        input.toString(),
        "--work",
        work.toString(),
        "--set",
        "clean.strip-quotes=true",
        "--set",
        "clean.rule=min-words=20",
        "--set",
        "vectorize.features=vocab",
        "--set",
        "train.epochs=3");
    CliRun run = CliRun.ok("report", "--work", work.toString());
    assertTrue(run.out().startsWith("report: " + work.resolve("report.html")), run.out());
    assertTrue(run.out().contains("(4 of 4 parts)"), run.out());
    String html = Files.readString(work.resolve("report.html"));
    List<BufferedImage> images = images(html);
    assertEquals(4, images.size(), "funnel, training, confusion matrix, duplicate clusters");
    assertEquals(900, images.get(0).getWidth());
    assertTrue(html.contains("<tr><th>dedupe</th><td>300</td><td>293</td>"), html);
    // --rule min-words=20 turns on that one rule (no boilerplate or letterless lines removed before
    // it)
    assertTrue(html.contains("14 filtered WORD_COUNT"), html);
    assertTrue(
        html.contains("7 documents dropped as duplicates (0 exact, 7 near) of 7 kept documents"),
        html);
    assertTrue(html.contains("the model is epoch "), html);
    assertTrue(html.contains("<tr><th>ham</th>"), html);
    assertTrue(
        html.matches("(?s).*<td>3</td><td>\\d\\.\\d{4}</td>.*"), "three epochs in the table");
    assertTrue(!html.contains("No training yet"), html);

    // train's own plot, redrawn after every epoch
    BufferedImage plot = ImageIO.read(work.resolve("model/training.png").toFile());
    assertNotNull(plot);
    assertEquals(720, plot.getWidth());
  }

  @Test
  void aPartialWorkDirectoryReportsWhatIsThere() throws Exception {
    Path input = sample();
    Path work = dir.resolve("work");
    CliRun.ok("pipeline", "--input", input.toString(), "--work", work.toString(), "--to", "dedupe");
    Path output = dir.resolve("partial.html");
    CliRun run = CliRun.ok("report", "--work", work.toString(), "--output", output.toString());
    assertTrue(run.out().contains("(2 of 4 parts)"), run.out());
    String html = Files.readString(output);
    assertEquals(2, images(html).size());
    assertTrue(html.contains("No training yet"), html);
    assertTrue(html.contains("No evaluation yet"), html);

    Files.createDirectories(dir.resolve("empty"));
    CliRun empty = CliRun.of("report", "--work", dir.resolve("empty").toString());
    assertEquals(2, empty.exitCode());
    assertTrue(empty.errLine().contains("holds no stage output to report on"), empty.err());
  }
}
