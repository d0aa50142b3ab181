package dev.sheaf.clean;

import dev.sheaf.common.Hashes;
import java.util.Set;

/**
 * The {@code fineweb} preset: datatrove's FineWebQualityFilter (Penedo et al. 2024), in its order,
 * with lines split at every line break (blank lines are lines):
 *
 * <ol>
 *   <li>lines ending in {@code . ' " ! ?}: a share of at most min-line-punctuation drops the text;
 *   <li>lines of at most 30 characters: a share of at least max-short-lines drops it;
 *   <li>characters in non-blank lines that repeat an earlier one, over the characters that are not
 *       line breaks: at least max-char-duplicates drops it;
 *   <li>line breaks per {@link WordTokens token}: more than max-list-ratio drops it.
 * </ol>
 *
 * The first three compare "at most"/"at least", as datatrove does.
 */
final class FineWebQuality extends RuleCheck {
  static final int SHORT_LINE_CHARS = 30;

  private final LongCounts counts = new LongCounts();

  FineWebQuality(double[] limits, Set<FilterRule> enabled) {
    super(limits, enabled);
  }

  /** The first rule {@code text} fails, or null. */
  FilterRule check(CharSequence text, WordTokens tokens) {
    int n = text.length();
    int lines = 0;
    int punctuated = 0;
    int shortLines = 0;
    int breaks = 0;
    long duplicateChars = 0;
    counts.clear();
    for (int start = 0; ; ) {
      int end = LineCleaner.lineEnd(text, start, n);
      lines++;
      if (end > start) {
        char last = text.charAt(end - 1);
        if (last == '.' || last == '\'' || last == '"' || last == '!' || last == '?') {
          punctuated++;
        }
        if (!isBlank(text, start, end) && counts.increment(Hashes.fnv1a64(text, start, end)) > 1) {
          duplicateChars += end - start;
        }
      }
      if (end - start <= SHORT_LINE_CHARS) {
        shortLines++;
      }
      if (end >= n) {
        break;
      }
      breaks++;
      start = end + 1;
    }
    double punctuation = (double) punctuated / lines;
    if (on(FilterRule.LINE_PUNCTUATION)
        && punctuation <= limit(QualityLimit.MIN_LINE_PUNCTUATION)) {
      return fail(
          FilterRule.LINE_PUNCTUATION,
          "lines ending in punctuation",
          punctuation,
          "<=",
          QualityLimit.MIN_LINE_PUNCTUATION);
    }
    double share = (double) shortLines / lines;
    if (on(FilterRule.SHORT_LINES) && share >= limit(QualityLimit.MAX_SHORT_LINES)) {
      return fail(FilterRule.SHORT_LINES, "short lines", share, ">=", QualityLimit.MAX_SHORT_LINES);
    }
    double duplicates = n - breaks == 0 ? 0 : (double) duplicateChars / (n - breaks);
    if (on(FilterRule.CHAR_DUPLICATES) && duplicates >= limit(QualityLimit.MAX_CHAR_DUPLICATES)) {
      return fail(
          FilterRule.CHAR_DUPLICATES,
          "chars in duplicate lines",
          duplicates,
          ">=",
          QualityLimit.MAX_CHAR_DUPLICATES);
    }
    double list = tokens.count() == 0 ? breaks : (double) breaks / tokens.count();
    if (on(FilterRule.LIST_RATIO) && list > limit(QualityLimit.MAX_LIST_RATIO)) {
      return fail(
          FilterRule.LIST_RATIO, "line breaks per word", list, ">", QualityLimit.MAX_LIST_RATIO);
    }
    return null;
  }

  private static boolean isBlank(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
