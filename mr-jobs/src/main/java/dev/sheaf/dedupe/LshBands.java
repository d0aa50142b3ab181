package dev.sheaf.dedupe;

import dev.sheaf.common.Hashes;
import java.util.function.DoubleUnaryOperator;

/**
 * Locality-sensitive hashing of MinHash signatures: b bands of r rows. Two documents of Jaccard
 * similarity s share at least one band with probability {@code 1 - (1 - s^r)^b}. {@link #forRecall}
 * picks b and r for a threshold t: among the pairs with b*r at most num-perm that make a pair of
 * similarity t a candidate with probability at least {@link #TARGET_RECALL}, the one with the
 * smallest false-positive area (the integral of that probability from 0 to t: the comparisons spent
 * on pairs below the threshold). datasketch's rule instead minimises a weighted sum of the
 * false-positive and false-negative areas (0.5/0.5), which leaves a pair at the threshold a
 * candidate with probability 0.40 at 0.8 and 128 permutations; every candidate is verified
 * afterwards, so a false positive costs a comparison and a false negative a duplicate left in the
 * corpus. At 0.8: b=20, r=8 for 160 permutations (0.975), b=15, r=7 for 128 (0.971).
 */
public record LshBands(int bands, int rows) {
  /** The probability with which a pair at the threshold must become a candidate. */
  static final double TARGET_RECALL = 0.97;

  private static final int INTEGRATION_STEPS = 256;

  public LshBands {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be positive");
    }
  }

  /**
   * The bands and rows for {@code threshold} (in (0, 1]) and {@code numPerm} (at least 1), as the
   * class comment says; when no pair reaches the target recall (few permutations), the pair with
   * the highest candidate probability at the threshold.
   */
  public static LshBands forRecall(double threshold, int numPerm) {
    LshBands best = null;
    double bestArea = Double.MAX_VALUE;
    LshBands mostLikely = null;
    for (int b = 1; b <= numPerm; b++) {
      for (int r = 1; r <= numPerm / b; r++) {
        LshBands candidate = new LshBands(b, r);
        double recall = candidate.candidateProbability(threshold);
        if (mostLikely == null || recall > mostLikely.candidateProbability(threshold)) {
          mostLikely = candidate;
        }
        if (recall >= TARGET_RECALL) {
          double area = falsePositiveArea(threshold, b, r);
          if (area < bestArea) {
            bestArea = area;
            best = candidate;
          }
        }
      }
    }
    return best != null ? best : mostLikely;
  }

  /** The probability that documents of similarity s become candidates. */
  public double candidateProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  static double falsePositiveArea(double threshold, int b, int r) {
    return integrate(0, threshold, s -> 1 - Math.pow(1 - Math.pow(s, r), b));
  }

  /** Composite Simpson's rule: the integrands are smooth, 256 steps are plenty. */
  private static double integrate(double from, double to, DoubleUnaryOperator f) {
    double h = (to - from) / INTEGRATION_STEPS;
    double sum = f.applyAsDouble(from) + f.applyAsDouble(to);
    for (int i = 1; i < INTEGRATION_STEPS; i++) {
      sum += f.applyAsDouble(from + i * h) * (i % 2 == 1 ? 4 : 2);
    }
    return sum * h / 3;
  }

  /** The hash of band {@code band}'s rows of a signature. */
  public long bandHash(int band, int[] signature) {
    long hash = 0x2545F4914F6CDD1DL ^ band;
    for (int row = band * rows; row < (band + 1) * rows; row++) {
      hash = Hashes.fmix64(hash * 0x100000001B3L + (signature[row] & 0xFFFFFFFFL));
    }
    return hash;
  }

  /**
   * The bucket of a band: 4 hex digits of the band, 16 of its hash, as UTF-8 bytes into {@code
   * into} (length 20).
   */
  public static void bucket(int band, long bandHash, byte[] into) {
    writeHex(band, 4, into, 0);
    writeHex(bandHash, 16, into, 4);
  }

  private static void writeHex(long value, int digits, byte[] into, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = (byte) Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }
}
