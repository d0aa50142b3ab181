package dev.sheaf.clean;

import dev.sheaf.common.Hashes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Step 4 of clean: Gopher's document-quality rules on the cleaned text. Words are runs of
 * non-space characters; "symbol" words (no letter or digit) do not count towards the word count
 * or the mean word length. Lines are separated by one newline, paragraphs by a blank line. An
 * n-gram's share is the characters of its repeats (count x length, only when it occurs at least
 * twice) over the text's characters. All per-document state is reused.
 */
final class QualityFilter {
  private static final String[] STOP_WORDS = {"the", "be", "to", "of", "and", "that", "have", "with"};
  private static final int[] TOP_NGRAM_SIZES = {2, 3, 4};
  private static final FilterRule[] TOP_NGRAM_RULES = {FilterRule.TOP_2GRAM, FilterRule.TOP_3GRAM, FilterRule.TOP_4GRAM};
  private static final QualityLimit[] TOP_NGRAM_LIMITS =
      {QualityLimit.MAX_TOP_2GRAM, QualityLimit.MAX_TOP_3GRAM, QualityLimit.MAX_TOP_4GRAM};

  private final double[] limits;
  private final Set<FilterRule> enabled;
  private final LongCounts counts = new LongCounts();
  private int[] wordStart = new int[256];
  private int[] wordEnd = new int[256];
  private long[] wordHash = new long[256];
  private int words;
  private String detail;

  /** {@code limits} indexed by {@link QualityLimit} ordinal; only {@code enabled} rules are checked. */
  QualityFilter(double[] limits, Set<FilterRule> enabled) {
    this.limits = limits.clone();
    this.enabled = EnumSet.noneOf(FilterRule.class);
    this.enabled.addAll(enabled);
  }

  /** What the rule that fired measured, e.g. {@code "words 12 < 50"}. */
  String detail() {
    return detail;
  }

  /** The first rule {@code text} fails, or null when it passes them all. */
  FilterRule check(CharSequence text) {
    int length = text.length();
    int nonSymbolWords = 0;
    long nonSymbolChars = 0;
    int alphaWords = 0;
    int stopWords = 0;
    words = 0;
    for (int i = 0; i < length; ) {
      while (i < length && isSpace(text.charAt(i))) {
        i++;
      }
      if (i == length) {
        break;
      }
      int start = i;
      boolean letter = false;
      boolean letterOrDigit = false;
      long hash = 0xcbf29ce484222325L;
      for (; i < length && !isSpace(text.charAt(i)); i++) {
        char c = text.charAt(i);
        if (c < 0x80 ? isAsciiLetter(c) : Character.isLetter(c)) {
          letter = true;
          letterOrDigit = true;
        } else if (!letterOrDigit && (c < 0x80 ? c >= '0' && c <= '9' : Character.isDigit(c))) {
          letterOrDigit = true;
        }
        hash = (hash ^ c) * 0x100000001b3L;
      }
      addWord(start, i, hash);
      if (letterOrDigit) {
        nonSymbolWords++;
        nonSymbolChars += i - start;
      }
      if (letter) {
        alphaWords++;
        stopWords |= stopWordBit(text, start, i);
      }
    }

    if (length == 0 || words == 0) {
      detail = "no words";
      return FilterRule.EMPTY;
    }
    if (on(FilterRule.WORD_COUNT)) {
      if (nonSymbolWords < limit(QualityLimit.MIN_WORDS)) {
        return fail(FilterRule.WORD_COUNT, "words " + nonSymbolWords + " < " + format(limit(QualityLimit.MIN_WORDS)));
      }
      if (nonSymbolWords > limit(QualityLimit.MAX_WORDS)) {
        return fail(FilterRule.WORD_COUNT, "words " + nonSymbolWords + " > " + format(limit(QualityLimit.MAX_WORDS)));
      }
    }
    if (on(FilterRule.MEAN_WORD_LENGTH) && nonSymbolWords > 0) {
      double mean = (double) nonSymbolChars / nonSymbolWords;
      if (mean < limit(QualityLimit.MIN_MEAN_WORD_LENGTH) || mean > limit(QualityLimit.MAX_MEAN_WORD_LENGTH)) {
        return fail(FilterRule.MEAN_WORD_LENGTH, "mean word length " + format(mean) + " outside ["
            + format(limit(QualityLimit.MIN_MEAN_WORD_LENGTH)) + ", " + format(limit(QualityLimit.MAX_MEAN_WORD_LENGTH)) + "]");
      }
    }
    if (on(FilterRule.SYMBOL_RATIO)) {
      FilterRule symbols = checkSymbols(text);
      if (symbols != null) {
        return symbols;
      }
    }
    if (on(FilterRule.BULLET_LINES) || on(FilterRule.ELLIPSIS_LINES)) {
      FilterRule lines = checkLineShapes(text);
      if (lines != null) {
        return lines;
      }
    }
    if (on(FilterRule.ALPHA_WORDS) && (double) alphaWords / words < limit(QualityLimit.MIN_ALPHA_WORDS)) {
      return fail(FilterRule.ALPHA_WORDS, "words with a letter " + format((double) alphaWords / words) + " < "
          + format(limit(QualityLimit.MIN_ALPHA_WORDS)));
    }
    if (on(FilterRule.STOP_WORDS) && Integer.bitCount(stopWords) < limit(QualityLimit.MIN_STOP_WORDS)) {
      return fail(FilterRule.STOP_WORDS, "stop words " + Integer.bitCount(stopWords) + " < "
          + format(limit(QualityLimit.MIN_STOP_WORDS)));
    }
    FilterRule repeated = checkDuplicates(text, false);
    if (repeated == null) {
      repeated = checkDuplicates(text, true);
    }
    if (repeated != null) {
      return repeated;
    }
    for (int k = 0; k < TOP_NGRAM_SIZES.length; k++) {
      if (on(TOP_NGRAM_RULES[k])) {
        double share = topNgramShare(TOP_NGRAM_SIZES[k], length);
        if (share > limit(TOP_NGRAM_LIMITS[k])) {
          return fail(TOP_NGRAM_RULES[k], "top " + TOP_NGRAM_SIZES[k] + "-gram chars " + format(share) + " > "
              + format(limit(TOP_NGRAM_LIMITS[k])));
        }
      }
    }
    return null;
  }

  /** '#' per word and ellipses ("..." or U+2026) per word, each against the one limit. */
  private FilterRule checkSymbols(CharSequence text) {
    int hashes = 0;
    int ellipses = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '#') {
        hashes++;
      } else if (c == '\u2026') {
        ellipses++;
      } else if (c == '.' && i + 2 < n && text.charAt(i + 1) == '.' && text.charAt(i + 2) == '.') {
        ellipses++;
        i += 2;
      }
    }
    double max = limit(QualityLimit.MAX_SYMBOL_RATIO);
    if ((double) hashes / words > max) {
      return fail(FilterRule.SYMBOL_RATIO, "'#' per word " + format((double) hashes / words) + " > " + format(max));
    }
    if ((double) ellipses / words > max) {
      return fail(FilterRule.SYMBOL_RATIO, "ellipses per word " + format((double) ellipses / words) + " > " + format(max));
    }
    return null;
  }

  private FilterRule checkLineShapes(CharSequence text) {
    int lines = 0;
    int bullets = 0;
    int ellipsisEnds = 0;
    for (int start = 0, n = text.length(); start < n; ) {
      int end = LineCleaner.lineEnd(text, start, n);
      if (end > start) {
        lines++;
        if (isBullet(text.charAt(start))) {
          bullets++;
        }
        char last = text.charAt(end - 1);
        if (last == '\u2026' || (end - start >= 3 && last == '.' && text.charAt(end - 2) == '.'
            && text.charAt(end - 3) == '.')) {
          ellipsisEnds++;
        }
      }
      start = end + 1;
    }
    if (on(FilterRule.BULLET_LINES) && (double) bullets / lines > limit(QualityLimit.MAX_BULLET_LINES)) {
      return fail(FilterRule.BULLET_LINES, "bullet lines " + format((double) bullets / lines) + " > "
          + format(limit(QualityLimit.MAX_BULLET_LINES)));
    }
    if (on(FilterRule.ELLIPSIS_LINES) && (double) ellipsisEnds / lines > limit(QualityLimit.MAX_ELLIPSIS_LINES)) {
      return fail(FilterRule.ELLIPSIS_LINES, "lines ending in an ellipsis " + format((double) ellipsisEnds / lines)
          + " > " + format(limit(QualityLimit.MAX_ELLIPSIS_LINES)));
    }
    return null;
  }

  /** Repeated lines (or paragraphs): the share of them that repeat an earlier one, and of their characters. */
  private FilterRule checkDuplicates(CharSequence text, boolean paragraphs) {
    FilterRule byCount = paragraphs ? FilterRule.DUPLICATE_PARAGRAPHS : FilterRule.DUPLICATE_LINES;
    FilterRule byChars = paragraphs ? FilterRule.DUPLICATE_PARAGRAPH_CHARS : FilterRule.DUPLICATE_LINE_CHARS;
    if (!on(byCount) && !on(byChars)) {
      return null;
    }
    counts.clear();
    int units = 0;
    int duplicates = 0;
    long duplicateChars = 0;
    int n = text.length();
    for (int start = 0; start < n; ) {
      int end = paragraphs ? paragraphEnd(text, start, n) : LineCleaner.lineEnd(text, start, n);
      if (end > start) {
        units++;
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
          hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        if (counts.increment(hash) > 1) {
          duplicates++;
          duplicateChars += end - start;
        }
      }
      start = end + (paragraphs ? 2 : 1);
    }
    String unit = paragraphs ? "paragraphs" : "lines";
    QualityLimit countLimit = paragraphs ? QualityLimit.MAX_DUPLICATE_PARAGRAPHS : QualityLimit.MAX_DUPLICATE_LINES;
    QualityLimit charLimit = paragraphs ? QualityLimit.MAX_DUPLICATE_PARAGRAPH_CHARS : QualityLimit.MAX_DUPLICATE_LINE_CHARS;
    if (on(byCount) && units > 0 && (double) duplicates / units > limit(countLimit)) {
      return fail(byCount, "duplicate " + unit + " " + format((double) duplicates / units) + " > " + format(limit(countLimit)));
    }
    if (on(byChars) && (double) duplicateChars / n > limit(charLimit)) {
      return fail(byChars, "chars in duplicate " + unit + " " + format((double) duplicateChars / n) + " > "
          + format(limit(charLimit)));
    }
    return null;
  }

  private double topNgramShare(int size, int textLength) {
    counts.clear();
    long top = 0;
    for (int i = 0; i + size <= words; i++) {
      long hash = wordHash[i];
      for (int k = 1; k < size; k++) {
        hash = Hashes.fmix64(hash * 0x9E3779B97F4A7C15L + wordHash[i + k]);
      }
      int count = counts.increment(hash);
      if (count > 1) {
        long chars = (long) count * (wordEnd[i + size - 1] - wordStart[i]);
        top = Math.max(top, chars);
      }
    }
    return (double) top / textLength;
  }

  private static int paragraphEnd(CharSequence text, int from, int limit) {
    for (int i = from; i + 1 < limit; i++) {
      if (text.charAt(i) == '\n' && text.charAt(i + 1) == '\n') {
        return i;
      }
    }
    return limit;
  }

  private void addWord(int start, int end, long hash) {
    if (words == wordStart.length) {
      wordStart = java.util.Arrays.copyOf(wordStart, words * 2);
      wordEnd = java.util.Arrays.copyOf(wordEnd, words * 2);
      wordHash = java.util.Arrays.copyOf(wordHash, words * 2);
    }
    wordStart[words] = start;
    wordEnd[words] = end;
    wordHash[words] = hash;
    words++;
  }

  /** The bit of the stop word {@code text[start, end)} is, its outer punctuation ignored, or 0. */
  private static int stopWordBit(CharSequence text, int start, int end) {
    while (start < end && !Character.isLetter(text.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetter(text.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length < 2 || length > 4) {
      return 0;
    }
    for (int s = 0; s < STOP_WORDS.length; s++) {
      String stop = STOP_WORDS[s];
      if (stop.length() == length) {
        boolean same = true;
        for (int k = 0; k < length && same; k++) {
          same = (text.charAt(start + k) | 0x20) == stop.charAt(k);
        }
        if (same) {
          return 1 << s;
        }
      }
    }
    return 0;
  }

  private static boolean isAsciiLetter(char c) {
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'z';
  }

  private static boolean isBullet(char c) {
    return c == '\u2022' || c == '-' || c == '*' || c == '\u2023' || c == '\u25E6' || c == '\u25AA' || c == '\u00B7';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private boolean on(FilterRule rule) {
    return enabled.contains(rule);
  }

  private double limit(QualityLimit limit) {
    return limits[limit.ordinal()];
  }

  private FilterRule fail(FilterRule rule, String why) {
    detail = why;
    return rule;
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
  }
}
