package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ShingleSketchTest {
  private static long[] sorted(TreeSet<Long> set, int k) {
    return set.stream().limit(k).mapToLong(Long::longValue).toArray();
  }

  @Test
  void isExactWhenBothSetsFitTheSketch() {
    long[] a = {1, 2, 3, 4, 5, 6, 7, 8};
    long[] b = {3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(6 / 10f, ShingleSketch.similarity(a, a.length, b, b.length, 256));
    assertEquals(1f, ShingleSketch.similarity(a, a.length, a, a.length, 256));
    assertEquals(0f, ShingleSketch.similarity(a, 2, new long[] {100}, 1, 256));
  }

  @Test
  void estimatesLargeSetsWithinTheExpectedError() {
    Random random = new Random(8);
    int k = 256;
    for (int trial = 0; trial < 40; trial++) {
      TreeSet<Long> a = new TreeSet<>();
      TreeSet<Long> b = new TreeSet<>();
      int shared = 800 + random.nextInt(800);
      for (int i = 0; i < shared; i++) {
        long v = random.nextLong();
        a.add(v);
        b.add(v);
      }
      int onlyA = random.nextInt(400);
      int onlyB = random.nextInt(400);
      for (int i = 0; i < onlyA; i++) {
        a.add(random.nextLong());
      }
      for (int i = 0; i < onlyB; i++) {
        b.add(random.nextLong());
      }
      double truth = shared / (double) (shared + onlyA + onlyB);
      long[] sa = sorted(a, k);
      long[] sb = sorted(b, k);
      double estimate = ShingleSketch.similarity(sa, sa.length, sb, sb.length, k);
      double sigma = Math.sqrt(truth * (1 - truth) / k);
      assertTrue(
          Math.abs(estimate - truth) <= 4 * sigma + 0.01, trial + ": " + estimate + " vs " + truth);
    }
  }

  @Test
  void minHasherSketchIsTheSmallestDistinctTopHalvesOfTheShingleHashes() {
    MinHasher hasher = new MinHasher(16, 1);
    hasher.signature("b a c a b d", new int[16]);
    long[] sketch = new long[3];
    assertEquals(3, hasher.sketch(3, sketch));
    assertTrue(sketch[0] < sketch[1] && sketch[1] < sketch[2]);
    long[] all = new long[10];
    assertEquals(4, hasher.sketch(10, all), "a b c d: four distinct words");
  }

  /**
   * The bottom-256 of a text is the first 256 values of its bottom-1024 (what the labels carry is
   * what the last pass computes from a near duplicate's text), for a text of more than 1,024
   * shingles.
   */
  @Test
  void aSmallerSketchIsThePrefixOfALargerOne() {
    StringBuilder text = new StringBuilder();
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 5_000; i++) {
      text.append("w").append(random.nextInt(3_000)).append(' ');
    }
    MinHasher hasher = new MinHasher(160, 5);
    hasher.signature(text.toString(), new int[160]);
    long[] large = new long[1024];
    assertEquals(1024, hasher.sketch(1024, large));
    long[] small = new long[256];
    assertEquals(256, hasher.sketch(256, small));
    org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(large, 256), small);
    for (long value : large) {
      assertTrue(value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE, "32-bit values");
    }
  }
}
