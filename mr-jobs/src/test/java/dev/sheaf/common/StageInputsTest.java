package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stage accepts as input: globs, complete and unchanged stage outputs, and records that add
 * up.
 */
class StageInputsTest {
  private final Configuration conf = new Configuration();

  @TempDir Path dir;

  private static org.apache.hadoop.fs.Path hadoop(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }

  /**
   * A stage output as a stage writes it: parts in a subdirectory too, rejects, _SUCCESS, a manifest
   * listing the parts.
   */
  private Path stageOutput(String name, long records) throws Exception {
    Path out = Files.createDirectories(dir.resolve(name));
    Files.writeString(out.resolve("part-m-00000.avro"), "aaaa");
    Files.createDirectories(out.resolve("train"));
    Files.writeString(out.resolve("train/part-00000-of-00001.avro"), "bb");
    Files.createDirectories(out.resolve("_rejects"));
    Files.writeString(out.resolve("_rejects/part-m-00000.avro"), "r");
    Files.writeString(out.resolve("_SUCCESS"), "");
    new Manifest("clean", Instant.EPOCH)
        .output(conf, hadoop(out), records)
        .write(conf, hadoop(out), Instant.EPOCH);
    return out;
  }

  @Test
  void globsExpandToTheirVisibleMatchesInOrderAndAnEmptyMatchIsAUsageError() throws Exception {
    for (String name : List.of("b.jsonl", "a.jsonl", "_hidden.jsonl", ".x.jsonl", "c.txt")) {
      Files.writeString(dir.resolve(name), "{}\n");
    }
    StageInputs inputs =
        StageInputs.check(conf, List.of(new org.apache.hadoop.fs.Path(dir + "/*.jsonl")));
    assertEquals(
        List.of("a.jsonl", "b.jsonl"),
        inputs.paths().stream().map(org.apache.hadoop.fs.Path::getName).toList());
    UsageException none =
        assertThrows(
            UsageException.class,
            () ->
                StageInputs.check(
                    conf, List.of(new org.apache.hadoop.fs.Path(dir + "/*.parquet"))));
    assertTrue(none.getMessage().contains("matches no file"), none.getMessage());
    assertThrows(
        UsageException.class,
        () -> StageInputs.check(conf, List.of(hadoop(dir.resolve("missing")))));
    UsageException hidden =
        assertThrows(
            UsageException.class,
            () -> StageInputs.check(conf, List.of(hadoop(dir.resolve("_hidden.jsonl")))));
    assertTrue(
        hidden.getMessage().contains("skips names that start with _ or ."), hidden.getMessage());
  }

  @Test
  void aCompleteStageOutputGivesTheRecordsItsManifestCounts() throws Exception {
    StageInputs inputs =
        StageInputs.check(conf, List.of(hadoop(stageOutput("a", 7)), hadoop(stageOutput("b", 5))));
    inputs.checkRecordsRead("shard", 12, "vectorize output");
    StageFailedException e =
        assertThrows(StageFailedException.class, () -> inputs.checkRecordsRead("shard", 11, "x"));
    assertTrue(
        e.getMessage().contains("read 11 records") && e.getMessage().contains("say they hold 12"),
        e.getMessage());
  }

  @Test
  void anUnfinishedOrChangedStageOutputIsRefusedNamingWhatIsWrong() throws Exception {
    Path noSuccess = stageOutput("no-success", 3);
    Files.delete(noSuccess.resolve("_SUCCESS"));
    Path partsOnly = Files.createDirectories(dir.resolve("parts-only"));
    Files.writeString(partsOnly.resolve("part-m-00003"), "x");
    Path missing = stageOutput("missing", 3);
    Files.delete(missing.resolve("train/part-00000-of-00001.avro"));
    Path truncated = stageOutput("truncated", 3);
    Files.writeString(truncated.resolve("part-m-00000.avro"), "aa");
    Path extra = stageOutput("extra", 3);
    Files.writeString(extra.resolve("part-m-00001.avro"), "x");
    Path badManifest = stageOutput("bad-manifest", 3);
    Files.writeString(badManifest.resolve(Manifest.FILE_NAME), "{\"output\": ");
    for (var expected :
        List.of(
            List.of(noSuccess, "unfinished job output"),
            List.of(partsOnly, "unfinished job output"),
            List.of(missing, "train/part-00000-of-00001.avro is missing"),
            List.of(truncated, "part-m-00000.avro has 2 bytes, the manifest says 4"),
            List.of(extra, "part-m-00001.avro is not in the manifest"),
            List.of(badManifest, "cannot be read"))) {
      UsageException e =
          assertThrows(
              UsageException.class,
              () -> StageInputs.check(conf, List.of(hadoop((Path) expected.get(0)))),
              expected.get(0).toString());
      assertTrue(e.getMessage().contains((String) expected.get(1)), e.getMessage());
    }
  }

  @Test
  void nothingReadIsAUsageErrorUnlessTheUpstreamStageWroteNothing() throws Exception {
    Path raw = Files.writeString(dir.resolve("corpus.jsonl"), "{}\n");
    StageInputs rawInputs = StageInputs.check(conf, List.of(hadoop(raw)));
    UsageException e =
        assertThrows(
            UsageException.class, () -> rawInputs.checkRecordsRead("clean", 0, "--format avro"));
    assertTrue(
        e.getMessage().contains("no record read") && e.getMessage().contains("--format avro"),
        e.getMessage());
    rawInputs.checkRecordsRead("clean", 1, "--format jsonl");
    StageInputs.check(conf, List.of(hadoop(stageOutput("empty", 0))))
        .checkRecordsRead("clean", 0, "--format avro");
  }

  @Test
  void aDirectoryFromAnotherToolIsReadAsIt() throws Exception {
    Path spark = Files.createDirectories(dir.resolve("spark"));
    Files.writeString(spark.resolve("part-00000.json"), "{}\n");
    Files.writeString(spark.resolve("_SUCCESS"), "");
    StageInputs inputs =
        StageInputs.check(conf, List.of(hadoop(spark), hadoop(stageOutput("sheaf", 3))));
    inputs.checkRecordsRead("clean", 40, "--format jsonl");
  }
}
