package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.Sheaf;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;

/** Which options the pipeline sets itself, now read from each stage's settings. */
class StageTest {
  /**
   * The list {@code Stage.managed} kept by hand before the settings said it (commit 934e524): the
   * settings must give the same answer for every option a stage's command has.
   */
  private static boolean managedByTheOldList(Stage stage, String option) {
    return switch (option) {
      case "input", "format", "output", "overwrite", "resume", "help" -> true;
      case "shards", "model" -> stage == Stage.TRAIN || stage == Stage.EVALUATE;
      case "verify" -> stage == Stage.SHARD;
      case "id-field",
          "text-field",
          "label-field",
          "label-from-dir",
          "max-record-bytes",
          "strict-files" ->
          stage != Stage.DEDUPE;
      case "split" -> stage == Stage.EVALUATE;
      default -> false;
    };
  }

  @Test
  void managedOptionsAreTheOnesTheOldListNamed() {
    int managed = 0;
    for (Stage stage : Stage.values()) {
      List<String> names = new ArrayList<>();
      for (Option option : Sheaf.command(stage.command()).declaredOptions().getOptions()) {
        names.add(option.getLongOpt());
      }
      names.add("help");
      for (String name : names) {
        assertEquals(
            managedByTheOldList(stage, name), stage.managed(name), stage.command() + " --" + name);
        managed += stage.managed(name) ? 1 : 0;
      }
    }
    assertTrue(managed > 20, "managed options found: " + managed);
  }

  @Test
  void theFirstStageTakesItsRawInputOptionsFromTheProperties() {
    assertFalse(Stage.DEDUPE.managed("id-field"));
    assertTrue(Stage.CLEAN.managed("id-field"));
    assertTrue(Stage.DEDUPE.managed("input"));
    assertFalse(Stage.SHARD.managed("shards"));
    assertTrue(Stage.TRAIN.managed("shards"));
    assertFalse(Stage.TRAIN.managed("no-such-option"));
  }
}
