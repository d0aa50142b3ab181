package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BottomKTest {
  /** The reference: every value's top half into a sorted set, the first k out. */
  private static long[] reference(long[] values, int n, int k) {
    TreeSet<Long> set = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      set.add(values[i] >> 32);
    }
    return set.stream().limit(k).mapToLong(Long::longValue).toArray();
  }

  private static long[] select(BottomK bottomK, long[] values, int n, int k) {
    long[] into = new long[Math.max(k, 1)];
    int length = bottomK.select(values, n, k, into);
    return Arrays.copyOf(into, length);
  }

  @Test
  void agreesWithASortedSetOnRandomHashesWithRepeats() {
    Random random = new Random(17);
    BottomK bottomK = new BottomK();
    for (int trial = 0; trial < 2_000; trial++) {
      int n = random.nextInt(trial < 1_000 ? 40 : 5_000);
      int k = 1 + random.nextInt(trial % 2 == 0 ? 8 : 1_100);
      long[] values = new long[n + random.nextInt(3)];
      int distinct = 1 + random.nextInt(Math.max(1, n));
      long[] pool = random.longs(distinct).toArray();
      for (int i = 0; i < n; i++) {
        // repeats (a shingle seen twice)
        // now and then the extremes of the signed range, or a value whose top half another shares
        int pick = random.nextInt(50);
        long value = pool[random.nextInt(distinct)];
        values[i] =
            pick == 0
                ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE)
                : pick == 1 ? (value & 0xFFFF_FFFF_0000_0000L) | random.nextInt() : value;
      }
      long[] before = values.clone();
      assertArrayEquals(
          reference(values, n, k), select(bottomK, values, n, k), "trial " + trial + " n " + n);
      assertArrayEquals(before, values, "the input is left as it was");
    }
  }

  @Test
  void keepsSignedOrderAcrossZeroAndMergesEqualTopHalves() {
    long[] values = {
      5L << 32, -3L << 32, Long.MAX_VALUE, 7, (-3L << 32) + 9, Long.MIN_VALUE, 2L << 32
    };
    assertArrayEquals(
        new long[] {Integer.MIN_VALUE, -3, 0, 2}, select(new BottomK(), values, values.length, 4));
  }

  @Test
  void clusteredValuesAreNotQuadratic() {
    // every value in one bucket (the top bits alike): the big-bucket sort keeps it fast
    int n = 400_000;
    long[] values = new long[n];
    Random random = new Random(3);
    for (int i = 0; i < n; i++) {
      values[i] = (long) random.nextInt(1 << 20) << 32;
    }
    long[] result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> select(new BottomK(), values, n, 1_024));
    assertArrayEquals(reference(values, n, 1_024), result);
  }

  @Test
  void emptyInputOrZeroKGivesNothing() {
    assertEquals(0, select(new BottomK(), new long[0], 0, 5).length);
    assertEquals(0, select(new BottomK(), new long[] {1, 2}, 2, 0).length);
    assertThrows(
        IllegalArgumentException.class, () -> new BottomK().select(new long[3], 3, 3, new long[2]));
  }
}
