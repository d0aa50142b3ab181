package dev.sheaf.clean;

import dev.sheaf.common.Hashes;
import java.util.Set;

/**
 * The {@code gopher-repetition} preset: datatrove's GopherRepetitionFilter (Rae et al. 2021, Table
 * A1), in its order. On the text {@code t} and its {@link WordTokens}:
 *
 * <ol>
 *   <li>paragraphs (split at runs of two or more line breaks, the text stripped first) that repeat
 *       an earlier one: their share of paragraphs, and their characters over {@code |t|};
 *   <li>the same for lines (split at runs of line breaks);
 *   <li>top n-gram, n = 2, 3, 4: the most frequent n-gram (ties: the first seen) - its length as
 *       words joined by single spaces, times its count - over {@code |t|};
 *   <li>duplicate n-grams, n = 5..10: scanning left to right, an n-gram seen before adds its
 *       characters (words joined without spaces) and the scan jumps past it; the sum over {@code
 *       |t|}.
 * </ol>
 *
 * Units are compared by 64-bit hashes. Reuses its tables from one document to the next.
 */
final class GopherRepetition extends RuleCheck {
  private static final FilterRule[] TOP_RULES = {
    FilterRule.TOP_2GRAM, FilterRule.TOP_3GRAM, FilterRule.TOP_4GRAM
  };
  private static final QualityLimit[] TOP_LIMITS = {
    QualityLimit.MAX_TOP_2GRAM, QualityLimit.MAX_TOP_3GRAM, QualityLimit.MAX_TOP_4GRAM
  };
  private static final FilterRule[] DUPLICATE_RULES = {
    FilterRule.DUPLICATE_5GRAMS,
    FilterRule.DUPLICATE_6GRAMS,
    FilterRule.DUPLICATE_7GRAMS,
    FilterRule.DUPLICATE_8GRAMS,
    FilterRule.DUPLICATE_9GRAMS,
    FilterRule.DUPLICATE_10GRAMS
  };
  private static final QualityLimit[] DUPLICATE_LIMITS = {
    QualityLimit.MAX_DUPLICATE_5GRAMS,
    QualityLimit.MAX_DUPLICATE_6GRAMS,
    QualityLimit.MAX_DUPLICATE_7GRAMS,
    QualityLimit.MAX_DUPLICATE_8GRAMS,
    QualityLimit.MAX_DUPLICATE_9GRAMS,
    QualityLimit.MAX_DUPLICATE_10GRAMS
  };

  private final LongCounts counts = new LongCounts();
  private long[] ngrams = new long[256];

  GopherRepetition(double[] limits, Set<FilterRule> enabled) {
    super(limits, enabled);
  }

  /** The first rule {@code text} fails, or null. */
  FilterRule check(CharSequence text, WordTokens words) {
    FilterRule rule = checkUnits(text, true);
    if (rule == null) {
      rule = checkUnits(text, false);
    }
    for (int k = 0; rule == null && k < TOP_RULES.length; k++) {
      if (on(TOP_RULES[k]) && words.count() >= k + 2) {
        double share = (double) topNgramChars(words, k + 2) / text.length();
        if (share > limit(TOP_LIMITS[k])) {
          rule = fail(TOP_RULES[k], "top " + (k + 2) + "-gram chars", share, ">", TOP_LIMITS[k]);
        }
      }
    }
    for (int k = 0; rule == null && k < DUPLICATE_RULES.length; k++) {
      if (on(DUPLICATE_RULES[k])) {
        double share = (double) duplicateNgramChars(words, k + 5) / text.length();
        if (share > limit(DUPLICATE_LIMITS[k])) {
          rule =
              fail(
                  DUPLICATE_RULES[k],
                  "chars in duplicate " + (k + 5) + "-grams",
                  share,
                  ">",
                  DUPLICATE_LIMITS[k]);
        }
      }
    }
    return rule;
  }

  /** Paragraphs of the stripped text split at 2+ line breaks, or lines split at 1+. */
  private FilterRule checkUnits(CharSequence text, boolean paragraphs) {
    FilterRule byCount = paragraphs ? FilterRule.DUPLICATE_PARAGRAPHS : FilterRule.DUPLICATE_LINES;
    FilterRule byChars =
        paragraphs ? FilterRule.DUPLICATE_PARAGRAPH_CHARS : FilterRule.DUPLICATE_LINE_CHARS;
    if (!on(byCount) && !on(byChars)) {
      return null;
    }
    int from = 0;
    int to = text.length();
    if (paragraphs) {
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
        to--;
      }
    }
    int minBreaks = paragraphs ? 2 : 1;
    counts.clear();
    int units = 0;
    int duplicates = 0;
    long duplicateChars = 0;
    for (int start = from; ; ) {
      int end = start;
      while (end < to && !isBreakRun(text, end, to, minBreaks)) {
        end++;
      }
      units++;
      if (counts.increment(Hashes.fnv1a64(text, start, end)) > 1) {
        duplicates++;
        duplicateChars += end - start;
      }
      if (end >= to) {
        break;
      }
      start = end;
      while (start < to && text.charAt(start) == '\n') {
        start++;
      }
    }
    String unit = paragraphs ? "paragraphs" : "lines";
    QualityLimit countLimit =
        paragraphs ? QualityLimit.MAX_DUPLICATE_PARAGRAPHS : QualityLimit.MAX_DUPLICATE_LINES;
    QualityLimit charLimit =
        paragraphs
            ? QualityLimit.MAX_DUPLICATE_PARAGRAPH_CHARS
            : QualityLimit.MAX_DUPLICATE_LINE_CHARS;
    if (on(byCount) && (double) duplicates / units > limit(countLimit)) {
      return fail(byCount, "duplicate " + unit, (double) duplicates / units, ">", countLimit);
    }
    if (on(byChars) && (double) duplicateChars / text.length() > limit(charLimit)) {
      return fail(
          byChars,
          "chars in duplicate " + unit,
          (double) duplicateChars / text.length(),
          ">",
          charLimit);
    }
    return null;
  }

  /** Whether a run of at least {@code min} line breaks starts at {@code at}. */
  private static boolean isBreakRun(CharSequence text, int at, int to, int min) {
    int i = at;
    while (i < to && i - at < min && text.charAt(i) == '\n') {
      i++;
    }
    return i - at == min;
  }

  private long topNgramChars(WordTokens words, int n) {
    int grams = fillNgrams(words, n);
    counts.clear();
    int top = 0;
    for (int i = 0; i < grams; i++) {
      top = Math.max(top, counts.increment(ngrams[i]));
    }
    for (int i = 0; i < grams; i++) {
      if (counts.get(ngrams[i]) == top) {
        long chars = n - 1;
        for (int w = i; w < i + n; w++) {
          chars += words.length(w);
        }
        return chars * top;
      }
    }
    return 0;
  }

  private long duplicateNgramChars(WordTokens words, int n) {
    int grams = fillNgrams(words, n);
    counts.clear();
    long repeated = 0;
    for (int i = 0; i < grams; ) {
      if (counts.increment(ngrams[i]) > 1) {
        for (int w = i; w < i + n; w++) {
          repeated += words.length(w);
        }
        i += n;
      } else {
        i++;
      }
    }
    return repeated;
  }

  /** The hashes of the n-grams of the tokens, in order; returns their count. */
  private int fillNgrams(WordTokens words, int n) {
    int grams = Math.max(0, words.count() - n + 1);
    if (ngrams.length < grams) {
      ngrams = new long[Math.max(grams, ngrams.length * 2)];
    }
    for (int i = 0; i < grams; i++) {
      long hash = words.hash(i);
      for (int k = 1; k < n; k++) {
        hash = Hashes.fmix64(hash * 0x9E3779B97F4A7C15L + words.hash(i + k));
      }
      ngrams[i] = hash;
    }
    return grams;
  }
}
