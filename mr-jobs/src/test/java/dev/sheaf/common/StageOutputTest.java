package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Publication of a stage output: inputs never touched, and a reader never sees half an output. */
class StageOutputTest {
  private final Configuration conf = new Configuration();

  @TempDir Path dir;

  @AfterEach
  void noHook() {
    StageOutput.afterStep = step -> {};
  }

  private static org.apache.hadoop.fs.Path hadoop(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }

  private Path input() throws Exception {
    Path input = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(input.resolve("a.jsonl"), "{\"text\":\"x\"}\n");
    return input;
  }

  @Test
  void anOutputThatIsHoldsOrLiesInsideAnInputIsRefusedAndTheInputStays() throws Exception {
    Path input = input();
    Path link = Files.createSymbolicLink(dir.resolve("link"), input);
    List<org.apache.hadoop.fs.Path> inputs = List.of(hadoop(input));
    for (Path output :
        List.of(
            input,
            dir,
            input.resolve("clean"),
            link,
            link.resolve("sub"),
            dir.resolve("corpus/"))) {
      UsageException e =
          assertThrows(
              UsageException.class,
              () -> StageOutput.prepare(conf, hadoop(output), inputs, true),
              output.toString());
      assertTrue(e.getMessage().contains("apart from every input"), e.getMessage());
    }
    // the input file itself named as input, its directory as output
    assertThrows(
        UsageException.class,
        () ->
            StageOutput.prepare(
                conf, hadoop(input), List.of(hadoop(input.resolve("a.jsonl"))), true));
    assertTrue(Files.isRegularFile(input.resolve("a.jsonl")));
    // a sibling whose name merely starts with the input's is apart
    StageOutput.prepare(conf, hadoop(dir.resolve("corpus-clean")), inputs, false);
  }

  @Test
  void pathsHadoopWouldExpandAreRefused() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                StageOutput.prepare(
                    conf, hadoop(dir.resolve("out-${user.name}")), List.of(), false));
    assertTrue(e.getMessage().contains("'${'"), e.getMessage());
  }

  @Test
  void anExistingOutputNeedsOverwriteAndStaysUntilTheNewOneIsPublished() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("part-old"), "old");
    assertThrows(
        UsageException.class, () -> StageOutput.prepare(conf, hadoop(out), List.of(), false));
    StageOutput stage = StageOutput.prepare(conf, hadoop(out), List.of(), true);
    assertTrue(
        Files.exists(out.resolve("part-old")), "not deleted before the new output is complete");
    writeNew(stage);
    assertTrue(Files.exists(out.resolve("part-old")));
    stage.publish();
    assertEquals("new", Files.readString(out.resolve("part-new")));
    assertFalse(Files.exists(out.resolve("part-old")));
    assertEquals(List.of("out"), visibleNames());
  }

  /**
   * A kill after each step of publish leaves the old output, none, or the new one; the next run
   * recovers.
   */
  @ParameterizedTest
  @EnumSource(StageOutput.Step.class)
  void aKillAtAnyStepLeavesTheOldOutputNoneOrTheNewOne(StageOutput.Step killedAfter)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("part-old"), "old");
    StageOutput stage = StageOutput.prepare(conf, hadoop(out), List.of(), true);
    writeNew(stage);
    StageOutput.afterStep =
        step -> {
          if (step == killedAfter) {
            throw new IllegalStateException("killed");
          }
        };
    assertThrows(IllegalStateException.class, stage::publish);
    StageOutput.afterStep = step -> {};
    boolean old = Files.exists(out.resolve("part-old"));
    boolean fresh = Files.exists(out.resolve("part-new"));
    assertFalse(old && fresh, "never a mix");
    assertEquals(
        killedAfter != StageOutput.Step.PREVIOUS_MOVED_ASIDE,
        fresh,
        "published from the rename on");
    // the next run puts a complete previous output back, clears the rest, and publishes
    StageOutput next = StageOutput.prepare(conf, hadoop(out), List.of(), true);
    if (killedAfter == StageOutput.Step.PREVIOUS_MOVED_ASIDE) {
      assertTrue(Files.exists(out.resolve("part-old")), "the previous output is back");
    }
    writeNew(next);
    next.publish();
    assertEquals(List.of("out"), visibleNames());
    assertTrue(Files.exists(out.resolve("part-new")));
    assertFalse(Files.exists(out.resolve("part-old")));
  }

  private void writeNew(StageOutput stage) throws Exception {
    Path staging = Path.of(stage.path().toUri());
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-new"), "new");
    Files.writeString(staging.resolve("_SUCCESS"), "");
  }

  private List<String> visibleNames() throws Exception {
    try (var names = Files.list(dir)) {
      return names
          .map(path -> path.getFileName().toString())
          .filter(name -> !name.equals("corpus"))
          .sorted()
          .toList();
    }
  }
}
