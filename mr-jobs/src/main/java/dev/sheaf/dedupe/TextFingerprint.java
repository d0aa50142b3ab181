package dev.sheaf.dedupe;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The exact-duplicate fingerprint: MurmurHash3 (128-bit, x64) of the normalised text, where
 * normalising is Unicode NFKC, lower case, punctuation removed and runs of white space (and
 * control characters) collapsed to one space, trimmed. Two texts that differ only in case,
 * punctuation, spacing or Unicode compatibility forms get the same fingerprint.
 * One instance per task (it reuses a buffer); not thread-safe.
 */
public final class TextFingerprint {
  private final StringBuilder normalized = new StringBuilder(4096);
  private long high;
  private long low;

  /** Normalises {@code text}; returns false (and computes nothing) when nothing is left. */
  public boolean compute(String text) {
    normalize(text);
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

  /** The normalised form, as {@link #compute} fingerprints it. */
  public String normalizedText(String text) {
    normalize(text);
    return normalized.toString();
  }

  private void normalize(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    normalized.setLength(0);
    boolean pendingSpace = false;
    for (int i = 0; i < nfkc.length(); ) {
      int codePoint = nfkc.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)
          || Character.isSpaceChar(codePoint)) {
        pendingSpace = normalized.length() > 0;
      } else if (!isPunctuation(codePoint)) {
        if (pendingSpace) {
          normalized.append(' ');
          pendingSpace = false;
        }
        normalized.appendCodePoint(Character.toLowerCase(codePoint));
      }
    }
  }

  private static boolean isPunctuation(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}
