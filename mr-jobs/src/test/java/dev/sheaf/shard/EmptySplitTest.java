package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that --split gives a share but that gets no example is said, in a line and in the
 * manifest.
 */
class EmptySplitTest {
  @TempDir Path dir;

  @Test
  void stratifyingLabelsOfOneExampleSaysValidAndTestAreEmpty() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add(
          "{\"id\": \"d"
              + i
              + "\", \"label\": \"label"
              + i
              + "\", \"text\": \"words of document "
              + i
              + "\"}");
    }
    Files.write(corpus.resolve("corpus.jsonl"), lines);
    Path vectors = dir.resolve("vectors");
    CliRun.ok(
        "vectorize",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        vectors.toString(),
        "--dim",
        "1024",
        "--fit-on",
        "all");
    Path shards = dir.resolve("shards");
    CliRun run =
        CliRun.ok(
            "shard",
            "--input",
            vectors.toString(),
            "--output",
            shards.toString(),
            "--shards",
            "1",
            "--stratify");
    assertTrue(
        run.err()
            .contains(
                "shard: warning: no example in valid and test, though --split 80/10/10 gives them a share"
                    + " (--stratify splits each label alone"),
        run.err());
    assertEquals("[\"valid\",\"test\"]", ManifestJson.read(shards).path("emptySplits").toString());
  }
}
