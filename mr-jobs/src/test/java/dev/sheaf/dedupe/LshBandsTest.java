package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LshBandsTest {
  /**
   * Expected values from an independent implementation of datasketch's rule (midpoint integration
   * with 400 steps, in Python), with our weights 0.1/0.9; with datasketch's 0.5/0.5 the same code
   * gives datasketch's (9, 13) for 0.8 / 128.
   */
  @Test
  void choosesBandsAndRowsByWeightedErrorAreas() {
    assertEquals(new LshBands(32, 4), LshBands.optimal(0.5, 128));
    assertEquals(new LshBands(20, 6), LshBands.optimal(0.7, 128));
    assertEquals(new LshBands(14, 9), LshBands.optimal(0.8, 128));
    assertEquals(new LshBands(8, 16), LshBands.optimal(0.9, 128));
    assertEquals(new LshBands(23, 11), LshBands.optimal(0.8, 256));
    assertEquals(new LshBands(9, 7), LshBands.optimal(0.8, 64));
  }

  @Test
  void theSCurveRisesAroundTheThreshold() {
    LshBands bands = LshBands.optimal(0.8, 128);
    assertTrue(bands.candidateProbability(0.9) > 0.99);
    assertTrue(bands.candidateProbability(0.8) > 0.85);
    assertTrue(bands.candidateProbability(0.5) < 0.03);
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
