package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LshBandsTest {
  /**
   * Expected values from an independent implementation of the rule (Simpson integration with 256
   * steps, in Python): recall at the threshold at least 0.97, then the smallest false-positive
   * area.
   */
  @Test
  void choosesBandsAndRowsForRecallAtTheThresholdThenFewestFalseCandidates() {
    assertEquals(new LshBands(27, 3), LshBands.forRecall(0.5, 128));
    assertEquals(new LshBands(20, 5), LshBands.forRecall(0.7, 128));
    assertEquals(new LshBands(15, 7), LshBands.forRecall(0.8, 128));
    assertEquals(new LshBands(20, 8), LshBands.forRecall(0.8, 160));
    assertEquals(new LshBands(10, 11), LshBands.forRecall(0.9, 128));
    assertEquals(new LshBands(25, 9), LshBands.forRecall(0.8, 256));
    assertEquals(new LshBands(9, 5), LshBands.forRecall(0.8, 64));
  }

  @Test
  void theSCurveRisesAroundTheThreshold() {
    LshBands bands = LshBands.forRecall(0.8, DedupeOptions.DEFAULT_NUM_PERM);
    assertTrue(bands.candidateProbability(0.85) > 0.995);
    assertTrue(bands.candidateProbability(0.8) >= LshBands.TARGET_RECALL);
    assertTrue(bands.candidateProbability(0.5) < 0.08);
  }

  @Test
  void withTooFewPermutationsTakesTheLikeliestPair() {
    LshBands bands = LshBands.forRecall(0.8, 2);
    assertEquals(new LshBands(2, 1), bands);
    assertTrue(bands.candidateProbability(0.8) < LshBands.TARGET_RECALL);
  }

  @Test
  void bucketsDependOnTheBandAndItsRowsOnly() {
    LshBands bands = new LshBands(2, 3);
    int[] a = {1, 2, 3, 4, 5, 6};
    int[] b = {1, 2, 3, 9, 9, 9};
    byte[] x = new byte[20];
    byte[] y = new byte[20];
    LshBands.bucket(0, bands.bandHash(0, a), x);
    LshBands.bucket(0, bands.bandHash(0, b), y);
    assertArrayEquals(x, y, "same rows in band 0, same bucket");
    LshBands.bucket(1, bands.bandHash(1, a), x);
    LshBands.bucket(1, bands.bandHash(1, b), y);
    assertFalse(java.util.Arrays.equals(x, y));
    assertTrue(new String(x, StandardCharsets.UTF_8).startsWith("0001"));
    assertTrue(new String(x, StandardCharsets.UTF_8).matches("[0-9a-f]{20}"));
  }
}
