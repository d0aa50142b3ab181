package dev.sheaf.clean;

import dev.sheaf.common.TextBuffer;
import java.text.Normalizer;
import java.util.BitSet;

/**
 * Step 2 of clean: mojibake repaired (when unambiguous), Unicode NFKC, control and invisible format
 * characters and unpaired surrogates removed, curly quotes and dashes made ASCII, runs of white
 * space collapsed to one space, lines stripped, and runs of blank lines collapsed to one (a
 * paragraph break). ASCII text skips the Unicode work.
 */
final class UnicodeNormalizer {
  private static final char ZERO_WIDTH_NON_JOINER = '\u200C';
  private static final char ZERO_WIDTH_JOINER = '\u200D';

  /**
   * BMP characters that NFKC leaves alone whatever surrounds them: normalised on their own, not
   * marks, not Hangul vowel or final jamo (which compose with what precedes them), not surrogates.
   */
  private static final BitSet STABLE = stableCharacters();

  private final boolean repairMojibake;
  private final Mojibake mojibake = new Mojibake();
  private final long[] counts;
  private final TextBuffer nfkc = new TextBuffer();

  /** Counts go to {@code counts}, indexed by {@link CleanCounters} ordinal. */
  UnicodeNormalizer(boolean repairMojibake, long[] counts) {
    this.repairMojibake = repairMojibake;
    this.counts = counts;
  }

  /** Writes the normalised {@code text} to {@code out} (cleared first). */
  void normalize(CharSequence text, TextBuffer out) {
    CharSequence source = text;
    if (!isAscii(text)) {
      if (Mojibake.suspected(text)) {
        String repaired = repairMojibake ? mojibake.repair(text) : null;
        if (repaired != null) {
          source = repaired;
          counts[CleanCounters.MOJIBAKE_FIXED.ordinal()]++;
        } else {
          counts[CleanCounters.MOJIBAKE_LEFT.ordinal()]++;
        }
      }
      source = nfkc(source);
    }
    collapse(source, out);
  }

  /**
   * NFKC of {@code text}, normalising only its runs of characters that are not {@link #STABLE},
   * each with the character before it (a combining mark may join that one). Stable characters never
   * change nor compose with what follows them, so this equals normalising the whole text, at a
   * fraction of the cost.
   */
  private CharSequence nfkc(CharSequence text) {
    nfkc.clear();
    int n = text.length();
    for (int i = 0; i < n; ) {
      int asciiStart = i;
      while (i < n && isStable(text.charAt(i))) {
        i++;
      }
      if (i == n) {
        nfkc.append(text, asciiStart, n);
        break;
      }
      int segmentStart = i > asciiStart ? i - 1 : i;
      nfkc.append(text, asciiStart, segmentStart);
      while (i < n && !isStable(text.charAt(i))) {
        i++;
      }
      nfkc.append(Normalizer.normalize(text.subSequence(segmentStart, i), Normalizer.Form.NFKC));
    }
    return nfkc;
  }

  private static boolean isStable(char c) {
    return c < 0x80 || STABLE.get(c);
  }

  private static BitSet stableCharacters() {
    BitSet stable = new BitSet(0x10000);
    for (char c = 0x80; c < 0xFFFF; c++) {
      int type = Character.getType(c);
      boolean mark =
          type == Character.NON_SPACING_MARK
              || type == Character.COMBINING_SPACING_MARK
              || type == Character.ENCLOSING_MARK;
      boolean jamo = c >= 0x1160 && c <= 0x11FF;
      if (!mark
          && !jamo
          && !Character.isSurrogate(c)
          && Normalizer.isNormalized(String.valueOf(c), Normalizer.Form.NFKC)) {
        stable.set(c);
      }
    }
    return stable;
  }

  private static boolean isAscii(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** One pass: characters cleaned, white space and blank lines collapsed. */
  private void collapse(CharSequence text, TextBuffer out) {
    out.clear();
    boolean pendingSpace = false;
    int pendingNewlines = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\u2028' || c == '\u2029') {
        pendingNewlines += c == '\u2029' ? 2 : 1;
        pendingSpace = false;
        continue;
      }
      if (c == '\r') {
        if (i + 1 < n && text.charAt(i + 1) == '\n') {
          continue;
        }
        pendingNewlines++;
        pendingSpace = false;
        continue;
      }
      if (c == ' '
          || c == '\t'
          || (c >= 0x80 && Character.isSpaceChar(c))
          || c == 0x0B
          || c == 0x0C) {
        pendingSpace = true;
        continue;
      }
      if (c < 0x20 || c == 0x7F) {
        counts[CleanCounters.CONTROL_CHARS_REMOVED.ordinal()]++;
        continue;
      }
      char low = 0;
      if (c >= 0x80) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          low = text.charAt(++i);
        } else if (Character.isSurrogate(c)) {
          counts[CleanCounters.INVALID_SURROGATES_REMOVED.ordinal()]++;
          continue;
        } else if (isInvisible(c)) {
          counts[CleanCounters.CONTROL_CHARS_REMOVED.ordinal()]++;
          continue;
        } else {
          c = asciiPunctuation(c);
        }
      }
      if (out.length() > 0) {
        if (pendingNewlines > 0) {
          out.append(pendingNewlines == 1 ? "\n" : "\n\n");
        } else if (pendingSpace) {
          out.append(' ');
        }
      }
      pendingNewlines = 0;
      pendingSpace = false;
      out.append(c);
      if (low != 0) {
        out.append(low);
      }
    }
  }

  /**
   * C1 controls and format characters (zero-width space, BOM, soft hyphen, bidi marks), not
   * joiners.
   */
  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || (type == Character.FORMAT && c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER);
  }

  /** Curly single and double quotes, primes and the dashes and minus sign, as ASCII. */
  static char asciiPunctuation(char c) {
    switch (c) {
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> {
        return '\'';
      }
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033' -> {
        return '"';
      }
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> {
        return '-';
      }
      default -> {
        return c;
      }
    }
  }
}
