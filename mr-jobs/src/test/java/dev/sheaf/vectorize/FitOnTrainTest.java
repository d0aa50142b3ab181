package dev.sheaf.vectorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Example;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.shard.SplitRule;
import dev.sheaf.testing.AvroFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vectorize fits its vocabulary and document frequencies on the documents shard will put in the
 * train split, by shard's own rule: a term seen only in valid or test documents gets no feature,
 * and shard insists on the split the features were fitted for.
 */
class FitOnTrainTest {
  @TempDir static Path dir;
  static Path corpus;
  static final SplitRule RULE = SplitRule.parse("70/15/15", "11");
  static final Set<String> TRAIN_IDS = new HashSet<>();

  /** Each document has a word of its split's kind and one of its own, plus words shared by all. */
  @BeforeAll
  static void corpus() throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "doc-" + i;
      boolean train = RULE.split(id) == SplitRule.TRAIN;
      if (train) {
        TRAIN_IDS.add(id);
      }
      lines.add(
          "{\"id\": \""
              + id
              + "\", \"label\": \""
              + (i % 2 == 0 ? "even" : "odd")
              + "\", \"text\": \"common words "
              + (train ? "trainonly" : "heldoutonly")
              + " unique"
              + i
              + "x\"}");
    }
    Files.write(corpus.resolve("corpus.jsonl"), lines);
  }

  private static Set<String> vocabulary(Path vectors) throws Exception {
    Set<String> terms = new HashSet<>();
    for (String line : Files.readAllLines(vectors.resolve("_vectorizer/vocabulary.tsv"))) {
      terms.add(line.split("\t")[0]);
    }
    return terms;
  }

  @Test
  void termsOfValidAndTestDocumentsGetNoFeatureAndShardKeepsTheSplit() throws Exception {
    Path vectors = dir.resolve("vectors");
    CliRun.ok(
        "vectorize",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        vectors.toString(),
        "--features",
        "vocab",
        "--min-df",
        "1",
        "--max-df",
        "1",
        "--split",
        "70/15/15",
        "--seed",
        "11");
    Set<String> terms = vocabulary(vectors);
    assertTrue(terms.contains("trainonly") && terms.contains("common"), terms.toString());
    assertFalse(terms.contains("heldoutonly"), "a term of valid and test documents only");
    for (int i = 0; i < 200; i++) {
      assertEquals(TRAIN_IDS.contains("doc-" + i), terms.contains("unique" + i + "x"), "doc-" + i);
    }
    assertEquals(
        TRAIN_IDS.size(),
        ManifestJson.read(vectors).at("/vectorize/documentsForIdf").asLong(),
        "idf counts train documents");
    assertEquals(
        200,
        AvroFiles.read(vectors, Example.class).size(),
        "every document still becomes an example");

    CliRun otherSeed =
        CliRun.of(
            "shard",
            "--input",
            vectors.toString(),
            "--output",
            dir.resolve("other").toString(),
            "--split",
            "70/15/15",
            "--seed",
            "12");
    assertEquals(2, otherSeed.exitCode(), otherSeed.err());
    assertTrue(
        otherSeed.errLine().contains("fitted on the train split of --split 70/15/15 --seed 11"),
        otherSeed.err());
    CliRun stratified =
        CliRun.of(
            "shard",
            "--input",
            vectors.toString(),
            "--output",
            dir.resolve("other").toString(),
            "--split",
            "70/15/15",
            "--seed",
            "11",
            "--stratify");
    assertEquals(2, stratified.exitCode(), stratified.err());
    assertTrue(stratified.errLine().contains("--fit-on all"), stratified.err());

    Path shards = dir.resolve("shards");
    CliRun.ok(
        "shard",
        "--input",
        vectors.toString(),
        "--output",
        shards.toString(),
        "--split",
        "70/15/15",
        "--seed",
        "11",
        "--shards",
        "2");
    List<Example> train = AvroFiles.read(shards.resolve("train"), Example.class);
    assertEquals(TRAIN_IDS.size(), train.size());
    for (Example example : train) {
      assertTrue(TRAIN_IDS.contains(example.getId().toString()), example.getId().toString());
    }
  }

  @Test
  void fitOnAllCountsEveryDocument() throws Exception {
    Path vectors = dir.resolve("vectors-all");
    CliRun.ok(
        "vectorize",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        vectors.toString(),
        "--features",
        "vocab",
        "--min-df",
        "1",
        "--max-df",
        "1",
        "--fit-on",
        "all");
    assertTrue(vocabulary(vectors).contains("heldoutonly"));
    assertEquals(200, ManifestJson.read(vectors).at("/vectorize/documentsForIdf").asLong());
    CliRun both =
        CliRun.of(
            "vectorize",
            "--format",
            "jsonl",
            "--input",
            corpus.toString(),
            "--output",
            dir.resolve("never").toString(),
            "--fit-on",
            "all",
            "--seed",
            "3");
    assertEquals(2, both.exitCode());
    assertTrue(both.errLine().contains("--split and --seed go with --fit-on train"), both.err());
  }
}
