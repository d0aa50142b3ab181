package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.avro.DuplicateKind;
import dev.sheaf.avro.Reject;
import dev.sheaf.cli.CliRun;
import dev.sheaf.cli.ManifestJson;
import dev.sheaf.testing.AvroFiles;
import dev.sheaf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf dedupe} (near mode, the default) end to end in embedded mode on the sample corpus
 * with planted duplicates of known similarity: near copies (true Jaccard 0.93 to 0.99), chains of
 * near copies, exact copies, and distant variants (Jaccard under 0.6) that must be kept.
 */
class NearDedupeEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path corpus;
  static final Map<String, String> expectedNear = new TreeMap<>();
  static final Map<String, String> expectedExact = new TreeMap<>();
  static final Set<String> mustKeep = new HashSet<>();

  private static final TextNormalizer NORMALIZER = new TextNormalizer();

  static double jaccard(String a, String b) {
    Set<String> x = shingles(a);
    Set<String> y = shingles(b);
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    return x.size() / (double) union.size();
  }

  private static Set<String> shingles(String text) {
    String[] words = NORMALIZER.normalize(text).toString().split(" ");
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + 5 <= words.length; i++) {
      shingles.add(String.join(" ", Arrays.copyOfRange(words, i, i + 5)));
    }
    return shingles;
  }

  /** Replaces every {@code every}-th word, starting at a random place, with a new word. */
  static String vary(String text, int every, Random random) {
    String[] words = text.split(" ");
    for (int i = random.nextInt(every); i < words.length; i += every) {
      words[i] = "planted" + random.nextInt(1_000_000);
    }
    return String.join(" ", words);
  }

  @BeforeAll
  static void plant() throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    List<String> lines = Fixtures.spamassassinLines();
    Files.write(corpus.resolve("sample.jsonl"), lines);
    Random random = new Random(99);
    List<String> planted = new ArrayList<>();
    int made = 0;
    for (int i = 0; i < lines.size() && made < 24; i += 3) {
      ObjectNode original = (ObjectNode) JSON.readTree(lines.get(i));
      String text = original.get("text").asText();
      if (text.split(" ").length < 300) {
        continue;
      }
      String id = original.get("id").asText();
      // raw e-mail "words" may hold line breaks, so widen the spacing until the copy is near enough
      int every = 150 + random.nextInt(150);
      String near = vary(text, every, random);
      while (jaccard(text, near) < 0.93) {
        every *= 2;
        near = vary(text, every, random);
      }
      String far = vary(text, 3, random);
      double nearSimilarity = jaccard(text, near);
      assertTrue(
          nearSimilarity >= 0.93 && nearSimilarity < 1, "planted near copy " + nearSimilarity);
      assertTrue(jaccard(text, far) < 0.6, "planted far variant " + jaccard(text, far));
      String nearId = "zz-near-" + made;
      planted.add(line(original, nearId, near));
      expectedNear.put(nearId, id);
      String farId = "zz-far-" + made;
      planted.add(line(original, farId, far));
      mustKeep.add(farId);
      if (made % 3 == 0) {
        // a chain: a near copy of the near copy
        String second = vary(near, 200, random);
        planted.add(line(original, "zz-near2-" + made, second));
        expectedNear.put("zz-near2-" + made, id);
      }
      if (made % 4 == 0) {
        planted.add(line(original, "zz-exact-" + made, text.toUpperCase(java.util.Locale.ROOT)));
        expectedExact.put("zz-exact-" + made, id);
      }
      made++;
    }
    assertEquals(24, made);
    Files.write(corpus.resolve("planted.jsonl"), planted);
  }

  private static String line(ObjectNode original, String id, String text) throws Exception {
    ObjectNode copy = original.deepCopy();
    copy.put("id", id);
    copy.put("text", text);
    return JSON.writeValueAsString(copy);
  }

  private static Path dedupe(String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("dedupe"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--input", corpus.toString(), "--output", out.toString()));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.err());
    return out;
  }

  @Test
  void findsThePlantedNearAndExactCopiesAndKeepsTheDistantVariants() throws Exception {
    Path out = dedupe("near");
    List<Duplicate> duplicates = AvroFiles.read(out.resolve("_duplicates"), Duplicate.class);
    Map<String, Duplicate> byId =
        duplicates.stream().collect(Collectors.toMap(Duplicate::getId, d -> d));
    for (Map.Entry<String, String> planted : expectedNear.entrySet()) {
      Duplicate duplicate = byId.get(planted.getKey());
      assertTrue(duplicate != null, planted.getKey() + " was kept");
      assertEquals(planted.getValue(), duplicate.getDuplicateOf(), planted.getKey());
      assertEquals(DuplicateKind.near, duplicate.getKind());
      assertTrue(
          duplicate.getSimilarity() >= 0.75f && duplicate.getSimilarity() < 1f,
          duplicate.toString());
    }
    for (Map.Entry<String, String> planted : expectedExact.entrySet()) {
      Duplicate duplicate = byId.get(planted.getKey());
      assertEquals(planted.getValue(), duplicate.getDuplicateOf());
      assertEquals(DuplicateKind.exact, duplicate.getKind());
      assertEquals(1.0f, duplicate.getSimilarity());
    }
    Set<String> kept =
        AvroFiles.read(out, Document.class).stream()
            .map(Document::getId)
            .collect(Collectors.toSet());
    assertTrue(kept.containsAll(mustKeep), "distant variants are kept");
    assertTrue(kept.containsAll(expectedNear.values()), "originals are kept");

    JsonNode manifest = ManifestJson.read(out);
    long in = manifest.at("/records/in").asLong();
    assertEquals(300 + 24 * 2 + expectedNear.size() - 24 + expectedExact.size(), in);
    assertEquals(in, kept.size() + duplicates.size());
    assertEquals(expectedExact.size(), manifest.at("/records/exact duplicates").asLong());
    assertEquals(
        duplicates.size() - expectedExact.size(), manifest.at("/records/near duplicates").asLong());
    LshBands bands =
        LshBands.forRecall(DedupeOptions.DEFAULT_NEAR_THRESHOLD, DedupeOptions.DEFAULT_NUM_PERM);
    assertEquals(bands.bands(), manifest.at("/nearDedupe/bands").asInt());
    assertEquals(bands.rows(), manifest.at("/nearDedupe/rows").asInt());
    assertEquals(
        "union-find in the driver", manifest.at("/nearDedupe/connectedComponents").asText());
    assertEquals(0, manifest.at("/nearDedupe/connectedComponentRounds").asInt());
    assertTrue(manifest.at("/nearDedupe/componentSizes/2").asLong() > 0, manifest.toString());
    assertEquals("near", manifest.at("/parameters/mode").asText());
    assertFalse(Files.exists(dir.resolve(".near.sheaf-work")), "the work directory is removed");
  }

  @Test
  void sameRecordsWhateverTheNumberOfMapAndReduceTasks() {
    Path one = dedupe("near-1");
    Path many =
        dedupe(
            "near-many",
            "-D",
            "mapreduce.job.reduces=3",
            "-D",
            "mapreduce.input.fileinputformat.split.maxsize=300000");
    assertEquals(sorted(one, Document.class), sorted(many, Document.class));
    assertEquals(
        sorted(one.resolve("_duplicates"), Duplicate.class),
        sorted(many.resolve("_duplicates"), Duplicate.class));
  }

  @Test
  void sameRecordsWhetherTheDriverOrStarRoundsFindTheComponents() throws Exception {
    Path driver = dedupe("near-driver");
    Path rounds =
        dedupe(
            "near-rounds",
            "-D",
            DriverComponents.MAX_EDGES + "=0",
            "-D",
            "mapreduce.job.reduces=3");
    JsonNode manifest = ManifestJson.read(rounds);
    assertTrue(manifest.at("/nearDedupe/graph").asText().startsWith("MapReduce jobs"));
    assertEquals(
        "large-star/small-star rounds", manifest.at("/nearDedupe/connectedComponents").asText());
    assertTrue(manifest.at("/nearDedupe/connectedComponentRounds").asInt() >= 1);
    assertEquals(
        ManifestJson.read(driver).at("/nearDedupe/componentSizes"),
        manifest.at("/nearDedupe/componentSizes"));
    assertEquals(sorted(driver, Document.class), sorted(rounds, Document.class));
    assertEquals(
        sorted(driver.resolve("_duplicates"), Duplicate.class),
        sorted(rounds.resolve("_duplicates"), Duplicate.class));
  }

  /**
   * The graph built in the driver and by the four jobs: the same kept documents, duplicates and
   * manifest figures (pairs, edges, components), with buckets as they come and with buckets capped
   * at 2 members (the cap's counts too).
   */
  @Test
  void sameRecordsAndCountsWhetherTheDriverOrTheJobsBuildTheGraph() throws Exception {
    for (List<String> options : List.of(List.<String>of(), List.of("--max-bucket-size", "2"))) {
      String name = options.isEmpty() ? "graph" : "graph-capped";
      List<String> jobsArgs =
          new ArrayList<>(
              List.of("-D", DriverGraph.MEMORY_MB + "=0", "-D", "mapreduce.job.reduces=3"));
      jobsArgs.addAll(options);
      Path driver = dedupe(name + "-driver", options.toArray(new String[0]));
      Path jobs = dedupe(name + "-jobs", jobsArgs.toArray(new String[0]));
      ObjectNode driverSummary = (ObjectNode) ManifestJson.read(driver).at("/nearDedupe");
      ObjectNode jobsSummary = (ObjectNode) ManifestJson.read(jobs).at("/nearDedupe");
      assertTrue(driverSummary.get("graph").asText().startsWith("in the driver"), name);
      assertTrue(jobsSummary.get("graph").asText().startsWith("MapReduce jobs"), name);
      assertTrue(driverSummary.get("edges").asLong() > 0, name);
      if (!options.isEmpty()) {
        assertTrue(driverSummary.get("bucketsCapped").asLong() > 0, name);
      }
      driverSummary.remove("graph");
      jobsSummary.remove("graph");
      assertEquals(jobsSummary, driverSummary, name);
      assertEquals(sorted(jobs, Document.class), sorted(driver, Document.class), name);
      assertEquals(
          sorted(jobs.resolve("_duplicates"), Duplicate.class),
          sorted(driver.resolve("_duplicates"), Duplicate.class),
          name);
    }
  }

  @Test
  void sameRecordsWhetherTheLastPassHoldsTheLabelsOrJoinsThem() throws Exception {
    Path inMemory = dedupe("near-labels-in-memory", "-D", "mapreduce.job.reduces=2");
    Path joined =
        dedupe(
            "near-labels-joined",
            "-D",
            NearFilter.LABELS_MEMORY_MB + "=0",
            "-D",
            "mapreduce.job.reduces=2");
    assertEquals(
        "map-side, labels in memory",
        ManifestJson.read(inMemory).at("/nearDedupe/lastPass").asText());
    assertEquals(
        "reduce-side join of labels and documents",
        ManifestJson.read(joined).at("/nearDedupe/lastPass").asText());
    assertEquals(sorted(inMemory, Document.class), sorted(joined, Document.class));
    assertEquals(
        sorted(inMemory.resolve("_duplicates"), Duplicate.class),
        sorted(joined.resolve("_duplicates"), Duplicate.class));
  }

  /**
   * Copies that differ only in a field outside id, source, label and text (a date) are exact
   * duplicates; which one is kept must not depend on where the splits fall.
   */
  @Test
  void copiesDifferingOnlyInOtherFieldsKeepTheSameOneWhateverTheSplits() throws Exception {
    Path input = Files.createDirectories(dir.resolve("dated"));
    List<String> file = new ArrayList<>();
    for (String line : Fixtures.spamassassinLines().subList(0, 60)) {
      ObjectNode record = (ObjectNode) JSON.readTree(line);
      file.add(JSON.writeValueAsString(record.put("date", "monday")));
      file.add(JSON.writeValueAsString(record.put("date", "tuesday")));
    }
    Files.write(input.resolve("dated.jsonl"), file);
    List<List<String>> kept = new ArrayList<>();
    for (String maxSize : List.of("100000000", "60000", "20000")) {
      Path out = dir.resolve("dated-out-" + maxSize);
      CliRun run =
          CliRun.of(
              "dedupe",
              "-D",
              "mapreduce.input.fileinputformat.split.maxsize=" + maxSize,
              "--input",
              input.toString(),
              "--output",
              out.toString());
      assertEquals(0, run.exitCode(), run.err());
      // the id and the field that tells the copies apart, not the whole records
      kept.add(
          AvroFiles.read(out, Document.class).stream()
              .map(d -> d.getId() + " " + d.getMeta())
              .sorted()
              .toList());
    }
    assertEquals(kept.get(0), kept.get(1));
    assertEquals(kept.get(0), kept.get(2));
    assertTrue(kept.get(0).size() <= 60, "one of each pair at most: " + kept.get(0).size());
  }

  @Test
  void aZeroLabelsBudgetAlwaysJoinsEvenWithoutDuplicates() throws Exception {
    Path input = Files.createDirectories(dir.resolve("distinct"));
    Files.write(input.resolve("few.jsonl"), Fixtures.spamassassinLines().subList(0, 5));
    Path out = dir.resolve("distinct-out");
    CliRun run =
        CliRun.of(
            "dedupe",
            "-D",
            NearFilter.LABELS_MEMORY_MB + "=0",
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "reduce-side join of labels and documents",
        ManifestJson.read(out).at("/nearDedupe/lastPass").asText());
    assertEquals(5, AvroFiles.read(out, Document.class).size());
  }

  /**
   * Identical records (same id, source, label and text: one rank before positions) read by
   * different map tasks: one is kept, the others are exact duplicates of it, whichever pass.
   */
  @Test
  void identicalRecordsInDifferentMapTasksKeepOneCopy() throws Exception {
    Path input = Files.createDirectories(dir.resolve("identical"));
    List<String> lines = Fixtures.spamassassinLines();
    List<String> file = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      file.add(lines.get(7));
      file.addAll(lines.subList(20 + copy * 10, 30 + copy * 10));
    }
    file.add(lines.get(8));
    file.add(lines.get(8));
    Files.write(input.resolve("twice.jsonl"), file);
    String id7 = JSON.readTree(lines.get(7)).get("id").asText();
    String id8 = JSON.readTree(lines.get(8)).get("id").asText();
    for (String maxLabels : List.of("1", "0")) {
      Path out = dir.resolve("identical-out-" + maxLabels);
      CliRun run =
          CliRun.of(
              "dedupe",
              "-D",
              NearFilter.LABELS_MEMORY_MB + "=" + maxLabels,
              "-D",
              "mapreduce.input.fileinputformat.split.maxsize=20000",
              "--input",
              input.toString(),
              "--output",
              out.toString());
      assertEquals(0, run.exitCode(), run.err());
      List<String> kept =
          AvroFiles.read(out, Document.class).stream().map(Document::getId).toList();
      assertEquals(1, kept.stream().filter(id7::equals).count(), kept.toString());
      assertEquals(1, kept.stream().filter(id8::equals).count(), kept.toString());
      List<Duplicate> duplicates = AvroFiles.read(out.resolve("_duplicates"), Duplicate.class);
      for (String id : List.of(id7, id8)) {
        List<Duplicate> copies = duplicates.stream().filter(d -> d.getId().equals(id)).toList();
        assertEquals(id.equals(id7) ? 2 : 1, copies.size(), duplicates.toString());
        for (Duplicate copy : copies) {
          assertEquals(id, copy.getDuplicateOf());
          assertEquals(DuplicateKind.exact, copy.getKind());
        }
      }
      assertEquals(file.size(), kept.size() + duplicates.size());
    }
  }

  @Test
  void keepLongestKeepsTheLongestOfEachGroup() throws Exception {
    Path out = dedupe("near-longest", "--keep", "longest");
    Map<String, Integer> lengths = new TreeMap<>();
    for (Path file : List.of(corpus.resolve("sample.jsonl"), corpus.resolve("planted.jsonl"))) {
      for (String line : Files.readAllLines(file)) {
        JsonNode record = JSON.readTree(line);
        lengths.put(record.get("id").asText(), record.get("text").asText().length());
      }
    }
    List<Duplicate> duplicates = AvroFiles.read(out.resolve("_duplicates"), Duplicate.class);
    assertTrue(duplicates.size() >= expectedNear.size());
    for (Duplicate duplicate : duplicates) {
      assertTrue(
          lengths.get(duplicate.getDuplicateOf()) >= lengths.get(duplicate.getId()),
          duplicate.toString());
    }
    // planted words are longer than the ones they replace: near copies now represent their groups
    assertTrue(
        duplicates.stream().anyMatch(d -> d.getDuplicateOf().startsWith("zz-near")),
        duplicates.toString());
  }

  @Test
  void aHigherThresholdDropsFewer() throws Exception {
    Path strict = dedupe("near-strict", "--near-threshold", "0.97");
    JsonNode manifest = ManifestJson.read(strict);
    long near = manifest.at("/records/near duplicates").asLong();
    assertTrue(near < expectedNear.size(), "near duplicates at 0.97: " + near);
    LshBands bands = LshBands.forRecall(0.97, DedupeOptions.DEFAULT_NUM_PERM);
    assertEquals(bands.bands(), manifest.at("/nearDedupe/bands").asInt());
    assertEquals(bands.rows(), manifest.at("/nearDedupe/rows").asInt());
  }

  @Test
  void inputWithNothingReadableEndsWithNothingKeptAndEverythingRejected() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("bad.jsonl"), "not json\n{\"id\":\"x\"}\n");
    Path out = dir.resolve("bad-out");
    CliRun run = CliRun.of("dedupe", "--input", bad.toString(), "--output", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "2 in -> 0 kept, 0 exact duplicates, 0 near duplicates, 0 empty after normalization, "
                    + "2 rejected"),
        run.out());
    assertEquals(2, AvroFiles.read(out.resolve("_rejects"), Reject.class).size());
  }

  private static List<String> sorted(Path directory, Class<?> type) {
    return AvroFiles.read(directory, type).stream().map(Object::toString).sorted().toList();
  }

  /** ../shared/field-cases/cjk-near: a Chinese near pair is found as its English control is. */
  @Test
  void aChineseNearCopyIsFoundAsAnEnglishOneIs() throws Exception {
    Path input = Files.createDirectories(dir.resolve("cjk-in"));
    String zh = "今天天气很好我们一起去公园散步然后在湖边的咖啡馆喝咖啡聊天下午再去图书馆借几本关于历史和地理的书晚上回家做饭吃晚餐看一部电影然后早点睡觉明天还要早起上班";
    String en =
        "today the weather is fine so we went for a walk in the park and then had coffee at the cafe by the lake"
            + " and chatted in the afternoon we went to the library to borrow a few books about history and geography in"
            + " the evening we cooked dinner at home watched a film and went to bed early because tomorrow is a work day";
    List<String> lines = new ArrayList<>();
    for (String[] record :
        new String[][] {
          {"zh1", zh},
          {"zh2", zh.replace("咖啡馆", "茶馆")},
          {"en1", en},
          {"en2", en.replace("the cafe", "the tea house")},
          {"zh3", "我喜欢在周末和朋友一起踢足球然后去餐厅吃火锅喝啤酒一直聊到深夜才回家休息"}
        }) {
      lines.add(JSON.writeValueAsString(Map.of("id", record[0], "text", record[1])));
    }
    Files.write(input.resolve("zh-en.jsonl"), lines);
    Path out = dir.resolve("cjk-out");
    CliRun run = CliRun.ok("dedupe", "--input", input.toString(), "--output", out.toString());
    assertTrue(
        run.out().contains("5 in -> 3 kept, 0 exact duplicates, 2 near duplicates"), run.out());
    Map<String, String> duplicateOf =
        AvroFiles.read(out.resolve("_duplicates"), Duplicate.class).stream()
            .collect(
                Collectors.toMap(d -> d.getId().toString(), d -> d.getDuplicateOf().toString()));
    assertEquals(Map.of("zh2", "zh1", "en2", "en1"), duplicateOf);
    assertEquals(
        3,
        ManifestJson.read(out).at("/nearDedupe/characterShingledDocuments").asLong(),
        "the three Chinese texts are shingled by characters");
  }
}
