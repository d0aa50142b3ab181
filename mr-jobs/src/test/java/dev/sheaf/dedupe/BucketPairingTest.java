package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.Duplicate;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.AvroFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A near pair is found whatever else shares its buckets. Each case is three documents: A, B a near
 * copy of A (Jaccard about 0.88 on word 5-shingles) and C, a farther copy of A (about 0.77 to A and
 * 0.67 to B) with the smallest rank, so C comes first in any bucket it shares. The cases kept are
 * those where, by the project's own MinHasher and LSH bands, every bucket A and B share also holds
 * C: a star around each bucket's first member compares A and B only with C, misses the pair and
 * keeps all three, while {A, B} alone would lose one. Every such case must lose B (or A) as a near
 * duplicate and keep C.
 */
class BucketPairingTest {
  private static final float THRESHOLD = 0.8f;
  private static final int WORDS = 80;
  private static final int CASES = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final TextNormalizer normalizer = new TextNormalizer();
  private final MinHasher hasher =
      new MinHasher(DedupeOptions.DEFAULT_NUM_PERM, DedupeOptions.DEFAULT_SHINGLE_SIZE);
  private final LshBands bands = LshBands.forRecall(THRESHOLD, DedupeOptions.DEFAULT_NUM_PERM);

  /** A document's band hashes and bottom-k sketch, as the minhash job computes them. */
  private record Sketch(long[] bandHashes, long[] sketch, int length) {}

  private Sketch sketch(String text) {
    int[] signature = new int[hasher.numPerm()];
    hasher.signature(normalizer.normalize(text), signature);
    long[] bandHashes = new long[bands.bands()];
    for (int b = 0; b < bands.bands(); b++) {
      bandHashes[b] = bands.bandHash(b, signature);
    }
    long[] sketch = new long[DedupeOptions.DEFAULT_SKETCH_SIZE];
    int length = hasher.sketch(sketch.length, sketch);
    return new Sketch(bandHashes, sketch, length);
  }

  private static float similarity(Sketch a, Sketch b) {
    return ShingleSketch.similarity(
        a.sketch(), a.length(), b.sketch(), b.length(), DedupeOptions.DEFAULT_SKETCH_SIZE);
  }

  private static String[] edit(
      String[] words, SplittableRandom random, String tag, int... positions) {
    String[] copy = words.clone();
    for (int position : positions) {
      copy[position] = tag + random.nextInt(1_000_000);
    }
    return copy;
  }

  @Test
  void aNearPairIsFoundWhenItsBucketsCentreIsNearNeither() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    List<String> lines = new ArrayList<>();
    List<String> cases = new ArrayList<>();
    int tried = 0;
    while (cases.size() < CASES && tried < 20_000) {
      String id = String.format("t%05d", tried++);
      String[] a = new String[WORDS];
      for (int w = 0; w < WORDS; w++) {
        a[w] = id + "w" + random.nextInt(1_000_000);
      }
      int p = random.nextInt(WORDS);
      int q = Math.floorMod(p + 10 + random.nextInt(20), WORDS);
      int r = Math.floorMod(q + 10 + random.nextInt(20), WORDS);
      String[] b = edit(a, random, id + "b", p);
      String[] c = edit(a, random, id + "c", q, r);
      Sketch sa = sketch(String.join(" ", a));
      Sketch sb = sketch(String.join(" ", b));
      Sketch sc = sketch(String.join(" ", c));
      boolean shareABucket = false;
      boolean everySharedBucketHoldsC = true;
      for (int band = 0; band < bands.bands(); band++) {
        if (sa.bandHashes()[band] == sb.bandHashes()[band]) {
          shareABucket = true;
          everySharedBucketHoldsC &= sc.bandHashes()[band] == sa.bandHashes()[band];
        }
      }
      if (shareABucket
          && everySharedBucketHoldsC
          && similarity(sa, sb) >= THRESHOLD
          && similarity(sa, sc) < THRESHOLD
          && similarity(sb, sc) < THRESHOLD) {
        cases.add(id);
        // ids order the ranks (--keep smallest-id): C first, then A, then B
        lines.add(line(id + "-0c", c));
        lines.add(line(id + "-1a", a));
        lines.add(line(id + "-2b", b));
      } else if (tried % 50 == 0) {
        // ordinary triples beside them, with their own vocabulary
        lines.add(line(id + "-0c", c));
        lines.add(line(id + "-1a", a));
        lines.add(line(id + "-2b", b));
      }
    }
    assertEquals(CASES, cases.size(), "cases of the fault found in " + tried + " random triples");
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.write(input.resolve("triples.jsonl"), lines);
    Path out = dir.resolve("out");
    CliRun.ok(
        "dedupe",
        "--input",
        input.toString(),
        "--output",
        out.toString(),
        "--near-threshold",
        Float.toString(THRESHOLD));

    Map<String, String> duplicateOf =
        AvroFiles.read(out.resolve("_duplicates"), Duplicate.class).stream()
            .collect(
                Collectors.toMap(d -> d.getId().toString(), d -> d.getDuplicateOf().toString()));
    List<String> kept =
        AvroFiles.read(out, Document.class).stream().map(d -> d.getId().toString()).toList();
    for (String id : cases) {
      assertEquals(
          id + "-1a", duplicateOf.get(id + "-2b"), "B is a near copy of A: " + duplicateOf);
      assertTrue(kept.contains(id + "-0c") && kept.contains(id + "-1a"), id + ": C and A kept");
    }
  }

  private static String line(String id, String[] words) throws Exception {
    return JSON.writeValueAsString(
        Map.of("id", id, "text", String.join(" ", Arrays.asList(words))));
  }
}
