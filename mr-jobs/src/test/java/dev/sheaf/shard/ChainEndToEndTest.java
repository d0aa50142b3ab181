package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Example;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dedupe -> clean -> vectorize -> shard -> export on the sample corpus, embedded, through the CLI.
 */
class ChainEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path vectors;
  static Path shards;

  static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  @BeforeAll
  static void runTheChain() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpus.resolve("sample.jsonl"), Fixtures.spamassassinLines());
    ok("dedupe", "--input", corpus.toString(), "--output", dir.resolve("dedupe").toString());
    ok(
        "clean",
        "--input",
        dir.resolve("dedupe").toString(),
        "--output",
        dir.resolve("clean").toString(),
        "--strip-quotes",
        "--rule",
        "min-words=20");
    vectors = dir.resolve("vectors");
    // fitted on every document: these tests shard the same vectors with several seeds and splits
    CliRun vectorize =
        ok(
            "vectorize",
            "--input",
            dir.resolve("clean").toString(),
            "--output",
            vectors.toString(),
            "--features",
            "vocab",
            "--ngrams",
            "1-2",
            "--stopwords",
            "en",
            "--min-df",
            "2",
            "--fit-on",
            "all");
    assertTrue(
        vectorize
            .out()
            .contains(" examples, 0 no features, 0 unknown label, 0 invalid label, 0 rejected; "),
        vectorize.out());
    shards = dir.resolve("shards");
    ok(
        "shard",
        "--input",
        vectors.toString(),
        "--output",
        shards.toString(),
        "--shards",
        "3",
        "--seed",
        "7");
  }

  private static List<Example> split(Path shardSet, String split) throws Exception {
    List<Example> examples = new ArrayList<>();
    try (Stream<Path> files = Files.list(shardSet.resolve(split))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avro")).sorted().toList()) {
        examples.addAll(AvroFiles.read(file, Example.class));
      }
    }
    return examples;
  }

  @Test
  void vectorizeWritesSortedSparseExamplesAndItsArtifacts() throws Exception {
    JsonNode manifest = ManifestJson.read(vectors);
    long examples = manifest.at("/records/examples").asLong();
    assertEquals(manifest.at("/records/in").asLong(), examples);
    int dim = manifest.at("/vectorize/dim").asInt();
    assertEquals(dim, Files.readAllLines(vectors.resolve("_vectorizer/vocabulary.tsv")).size());
    assertEquals(
        List.of("ham", "spam"), Files.readAllLines(vectors.resolve("_vectorizer/labels.txt")));
    for (Example example : AvroFiles.read(vectors, Example.class)) {
      List<Integer> indices = example.getIndices();
      for (int i = 1; i < indices.size(); i++) {
        assertTrue(indices.get(i - 1) < indices.get(i), example.getId());
      }
      assertTrue(indices.get(indices.size() - 1) < dim);
      double norm = example.getValues().stream().mapToDouble(v -> v * v).sum();
      assertEquals(1.0, norm, 1e-4, "l2");
    }
    assertEquals("clean", manifest.at("/upstream/0/command").asText());
    assertEquals("dedupe", manifest.at("/upstream/0/upstream/0/command").asText());
    CliRun vocabulary =
        ok("inspect", vectors.resolve("_vectorizer/vocabulary.tsv").toString(), "--limit", "3");
    assertEquals(
        Files.readAllLines(vectors.resolve("_vectorizer/vocabulary.tsv")).subList(0, 3),
        vocabulary.out().lines().toList());
  }

  @Test
  void shardsAreBalancedAccountedChecksummedAndTraceable() throws Exception {
    JsonNode manifest = ManifestJson.read(shards);
    long total = 0;
    for (String split : ShardKeys.SPLITS) {
      List<Long> sizes = new ArrayList<>();
      for (JsonNode shard : manifest.at("/shard/shards")) {
        if (shard.get("split").asText().equals(split)) {
          sizes.add(shard.get("records").asLong());
        }
      }
      assertEquals(3, sizes.size());
      assertTrue(
          sizes.stream().mapToLong(Long::longValue).max().getAsLong()
                  - sizes.stream().mapToLong(Long::longValue).min().getAsLong()
              <= 1,
          split + " " + sizes);
      long inSplit = split(shards, split).size();
      assertEquals(manifest.at("/records/" + split).asLong(), inSplit);
      total += inSplit;
    }
    assertEquals(ManifestJson.read(vectors).at("/records/examples").asLong(), total);
    assertEquals(manifest.at("/records/in").asLong(), total);
    assertTrue(manifest.at("/records/train").asLong() > 5 * manifest.at("/records/test").asLong());
    assertTrue(Files.exists(shards.resolve("_vectorizer/vocabulary.tsv")));
    assertEquals(
        List.of("ham", "spam"), JSON.convertValue(manifest.at("/shard/labels"), List.class));
    assertTrue(manifest.at("/shard/splitLabels/train/spam").asLong() > 0);
    assertEquals("vectorize", manifest.at("/upstream/0/command").asText());
    assertEquals(
        "dedupe",
        manifest.at("/upstream/0/upstream/0/upstream/0/command").asText(),
        "lineage to the raw input");
    assertTrue(ok("shard", "--verify", shards.toString()).out().contains("9 shards OK"));
  }

  @Test
  void verifyFindsADamagedShard() throws Exception {
    Path copy = dir.resolve("damaged");
    ok(
        "shard",
        "--input",
        vectors.toString(),
        "--output",
        copy.toString(),
        "--shards",
        "3",
        "--seed",
        "7");
    Path victim = copy.resolve("train/part-00001-of-00003.avro");
    try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
      file.seek(file.length() - 20);
      int b = file.read();
      file.seek(file.length() - 20);
      file.write(b ^ 0x55);
    }
    Files.deleteIfExists(copy.resolve("train/.part-00001-of-00003.avro.crc"));
    CliRun verify = CliRun.of("shard", "--verify", copy.toString());
    assertEquals(1, verify.exitCode(), verify.err());
    assertTrue(verify.errLine().contains("train/part-00001-of-00003.avro"), verify.err());
  }

  @Test
  void sameBytesWhateverTheNumberOfMapTasks() throws Exception {
    Path many = dir.resolve("many-maps");
    ok(
        "shard",
        "-D",
        "mapreduce.input.fileinputformat.split.maxsize=20000",
        "--input",
        vectors.toString(),
        "--output",
        many.toString(),
        "--shards",
        "3",
        "--seed",
        "7");
    for (String split : ShardKeys.SPLITS) {
      for (int k = 0; k < 3; k++) {
        String name = split + "/" + ShardReducer.fileName(k, 3);
        assertArrayEquals(
            Files.readAllBytes(shards.resolve(name)), Files.readAllBytes(many.resolve(name)), name);
      }
    }
  }

  @Test
  void anExamplesSplitDoesNotChangeWhenOthersAreAddedOrRemoved() throws Exception {
    Path half = Files.createDirectories(dir.resolve("half-vectors"));
    // every other example, by id: a corpus with some examples removed
    List<Example> all = new ArrayList<>(AvroFiles.read(vectors, Example.class));
    all.sort(Comparator.comparing(e -> e.getId().toString()));
    try (DataFileWriter<Example> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(Example.class))) {
      writer.create(Example.getClassSchema(), half.resolve("part-r-00000.avro").toFile());
      for (int i = 0; i < all.size(); i += 2) {
        writer.append(all.get(i));
      }
    }
    Files.writeString(
        half.resolve("_SUCCESS"), ""); // hand-built: part files without it are an unfinished output
    FileUtils.copyDirectory(
        vectors.resolve("_vectorizer").toFile(), half.resolve("_vectorizer").toFile());
    Path halfShards = dir.resolve("half-shards");
    ok(
        "shard",
        "--input",
        half.toString(),
        "--output",
        halfShards.toString(),
        "--shards",
        "2",
        "--seed",
        "7");
    Map<String, String> splitOf = new HashMap<>();
    for (String split : ShardKeys.SPLITS) {
      split(shards, split).forEach(example -> splitOf.put(example.getId(), split));
    }
    int checked = 0;
    for (String split : ShardKeys.SPLITS) {
      for (Example example : split(halfShards, split)) {
        assertEquals(splitOf.get(example.getId()), split, example.getId());
        checked++;
      }
    }
    assertTrue(checked > 50 && checked < splitOf.size(), "checked " + checked);
  }

  @Test
  void stratifyKeepsEachLabelsShares() throws Exception {
    Path stratified = dir.resolve("stratified");
    ok(
        "shard",
        "--input",
        vectors.toString(),
        "--output",
        stratified.toString(),
        "--shards",
        "2",
        "--stratify",
        "--split",
        "60/20/20",
        "--codec",
        "snappy");
    JsonNode labels = ManifestJson.read(stratified).at("/shard/splitLabels");
    for (String label : List.of("ham", "spam")) {
      double train = labels.at("/train/" + label).asDouble();
      double all =
          train + labels.at("/valid/" + label).asDouble() + labels.at("/test/" + label).asDouble();
      assertEquals(0.6, train / all, 0.02, label);
    }
  }

  @Test
  void everyCodecWritesTheSameRecords() throws Exception {
    for (String codec : List.of("zstandard", "snappy", "null")) {
      Path out = dir.resolve("codec-" + codec);
      ok(
          "shard",
          "--input",
          vectors.toString(),
          "--output",
          out.toString(),
          "--shards",
          "3",
          "--seed",
          "7",
          "--codec",
          codec);
      assertTrue(ok("shard", "--verify", out.toString()).out().contains("9 shards OK"));
      for (String split : ShardKeys.SPLITS) {
        assertEquals(split(shards, split), split(out, split), codec + " " + split);
      }
    }
  }

  @Test
  void exportWritesLibsvmAndJsonThatParseBackToTheShards() throws Exception {
    List<Example> test = split(shards, "test");
    Path libsvm = dir.resolve("test.svm");
    ok("export", "--shards", shards.toString(), "--split", "test", "--output", libsvm.toString());
    List<String> lines = Files.readAllLines(libsvm);
    assertEquals(test.size(), lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(" ");
      Example example = test.get(i);
      assertEquals(example.getLabel(), Integer.parseInt(fields[0]));
      assertEquals(example.getIndices().size(), fields.length - 1);
      for (int f = 1; f < fields.length; f++) {
        String[] pair = fields[f].split(":");
        assertEquals(example.getIndices().get(f - 1) + 1, Integer.parseInt(pair[0]), "1-based");
        assertEquals(example.getValues().get(f - 1), Float.parseFloat(pair[1]));
      }
    }
    Path jsonl = dir.resolve("test.jsonl");
    ok(
        "export",
        "--shards",
        shards.toString(),
        "--split",
        "test",
        "--format",
        "jsonl",
        "--output",
        jsonl.toString());
    List<String> records = Files.readAllLines(jsonl);
    JsonNode first = JSON.readTree(records.get(0));
    assertEquals(test.get(0).getId(), first.get("id").asText());
    assertEquals(
        List.of("ham", "spam").get(test.get(0).getLabel()), first.get("labelName").asText());
    assertEquals(test.get(0).getIndices().size(), first.get("indices").size());
  }

  @Test
  void hashingFeaturesWithIdf() {
    Path hashed = dir.resolve("hashed");
    CliRun run =
        ok(
            "vectorize",
            "--input",
            dir.resolve("clean").toString(),
            "--output",
            hashed.toString(),
            "--dim",
            "2^18",
            "--tf",
            "log");
    assertTrue(run.out().contains("dim 262144, 2 labels"), run.out());
    assertTrue(Files.exists(hashed.resolve("_vectorizer/df.tsv")));
    assertFalse(Files.exists(hashed.resolve("_vectorizer/vocabulary.tsv")));
  }

  @Test
  void givenLabelsAndStopWordsFilesAreUsedAndKeptWithTheVectorizer() throws Exception {
    Path labels = Files.writeString(dir.resolve("labels.txt"), "spam\n");
    Path stopwords = Files.writeString(dir.resolve("stop.txt"), "# ours\nthe\nFree\n");
    Path out = dir.resolve("spam-only");
    CliRun run =
        ok(
            "vectorize",
            "--input",
            dir.resolve("clean").toString(),
            "--output",
            out.toString(),
            "--features",
            "vocab",
            "--labels",
            labels.toString(),
            "--stopwords",
            stopwords.toString());
    JsonNode manifest = ManifestJson.read(out);
    long ham = manifest.at("/records/unknown label").asLong();
    assertTrue(ham > 100, run.out());
    assertEquals(
        manifest.at("/records/in").asLong(), manifest.at("/records/examples").asLong() + ham);
    assertEquals(List.of("spam"), Files.readAllLines(out.resolve("_vectorizer/labels.txt")));
    assertEquals(
        List.of("the", "free"), Files.readAllLines(out.resolve("_vectorizer/stopwords.txt")));
    assertTrue(
        Files.readAllLines(out.resolve("_vectorizer/vocabulary.tsv")).stream()
            .noneMatch(line -> line.startsWith("free\t") || line.startsWith("the\t")));
    assertTrue(
        AvroFiles.read(out, Example.class).stream().allMatch(example -> example.getLabel() == 0));
  }

  @Test
  void exportRefusesToReplaceAFileUnlessAsked() throws Exception {
    Path existing = Files.writeString(dir.resolve("existing.svm"), "keep me\n");
    CliRun run =
        CliRun.of("export", "--shards", shards.toString(), "--output", existing.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.errLine().contains("already exists"), run.err());
    assertEquals("keep me\n", Files.readString(existing));
    CliRun notShards =
        CliRun.of(
            "export", "--shards", vectors.toString(), "--output", dir.resolve("x.svm").toString());
    assertEquals(2, notShards.exitCode());
    assertTrue(notShards.errLine().contains("is not a shard set"), notShards.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vectorize|--dim|2^31|--dim must be a number from 1 to 2^30",
        "vectorize|--ngrams|3-1|--ngrams takes N or MIN-MAX",
        "vectorize|--tf|sqrt|--tf must be raw or log or binary",
        "vectorize|--max-vocab|10|--max-vocab applies with --features vocab only",
        "shard|--split|80/10|--split takes three percentages",
        "shard|--codec|lzma|--codec must be snappy, deflate",
        "shard|--seed|x|--seed must be an integer"
      })
  void badOptionsGiveOneLineAndExitTwo(
      String command, String option, String value, String message) {
    Path input = command.equals("shard") ? vectors : dir.resolve("clean");
    CliRun run =
        CliRun.of(
            command,
            "--input",
            input.toString(),
            "--output",
            dir.resolve("never").toString(),
            option,
            value);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.errLine().contains(message), run.err());
  }

  @Test
  void shardNeedsVectorizesOutput() {
    CliRun run =
        CliRun.of(
            "shard",
            "--input",
            dir.resolve("clean").toString(),
            "--output",
            dir.resolve("never").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.errLine().contains("has no _vectorizer/"), run.err());
  }
}
