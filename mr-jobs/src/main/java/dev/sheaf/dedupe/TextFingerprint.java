package dev.sheaf.dedupe;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The exact-duplicate fingerprint: MurmurHash3 (128-bit, x64) of the {@link TextNormalizer} form.
 * Two texts that differ only in case, punctuation, spacing or Unicode compatibility forms get the
 * same fingerprint. One instance per task; not thread-safe.
 */
public final class TextFingerprint {
  private long high;
  private long low;

  /** Fingerprints an already normalised text; returns false (and computes nothing) when it is empty. */
  public boolean compute(CharSequence normalized) {
    if (normalized.length() == 0) {
      return false;
    }
    long[] hash = MurmurHash3.hash128x64(normalized.toString().getBytes(StandardCharsets.UTF_8));
    high = hash[0];
    low = hash[1];
    return true;
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  /** The fingerprint as 32 hex digits, the key of its exact-duplicate group. */
  public String hex() {
    StringBuilder hex = new StringBuilder(32);
    appendHex(hex, high);
    return appendHex(hex, low).toString();
  }

  /** Appends 16 lower-case hex digits. */
  static StringBuilder appendHex(StringBuilder into, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      into.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
    }
    return into;
  }
}
