package dev.sheaf.clean;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code gopher-quality} preset: datatrove's GopherQualityFilter (Rae et al. 2021), in its
 * order, on the text and its {@link WordTokens}. "Words" are the tokens that are not all
 * punctuation; the symbol, alpha and stop-word ratios are over all tokens, as datatrove has them:
 *
 * <ol>
 *   <li>words within [min-words, max-words];
 *   <li>mean word length within [min-mean-word-length, max-mean-word-length];
 *   <li>{@code #} per token, then ({@code ...} + {@code …}) per token, at most max-symbol-ratio;
 *   <li>lines (every line, blank ones too) starting with {@code •} or {@code -}: at most
 *       max-bullet-lines;
 *   <li>lines ending with {@code ...} or {@code …}: at most max-ellipsis-lines;
 *   <li>tokens with a letter: at least min-alpha-words;
 *   <li>occurrences of the, be, to, of, and, that, have, with (lower case, as tokens): at least
 *       min-stop-words. These are English words: a text that fails this rule is judged only when it
 *       is detected as English (the caller's {@code otherLanguage} test says it is not); another
 *       language, or an undetermined one, is not judged and is counted.
 * </ol>
 */
final class GopherQuality extends RuleCheck {
  private static final String[] STOP_WORDS = {
    "the", "be", "to", "of", "and", "that", "have", "with"
  };

  private final Predicate<CharSequence> otherLanguage;
  private boolean stopWordsNotJudged;

  /** {@code otherLanguage} says whether a text is in a language the stop words do not fit. */
  GopherQuality(double[] limits, Set<FilterRule> enabled, Predicate<CharSequence> otherLanguage) {
    super(limits, enabled);
    this.otherLanguage = otherLanguage;
  }

  /**
   * Whether the last text failed the stop-word rule but was not judged, being in another language.
   */
  boolean stopWordsNotJudged() {
    return stopWordsNotJudged;
  }

  /** The first rule {@code text} fails, or null. */
  FilterRule check(CharSequence text, WordTokens tokens) {
    stopWordsNotJudged = false;
    int n = tokens.count();
    int words = 0;
    long wordChars = 0;
    int alpha = 0;
    int stopWords = 0;
    for (int t = 0; t < n; t++) {
      if (!tokens.isSymbol(text, t)) {
        words++;
        wordChars += tokens.length(t);
      }
      if (tokens.hasLetter(text, t)) {
        alpha++;
        if (tokens.length(t) <= 4 && isStopWord(text, tokens, t)) {
          stopWords++;
        }
      }
    }
    if (n == 0) {
      return fail(FilterRule.EMPTY, "no words");
    }
    if (on(FilterRule.WORD_COUNT)) {
      if (words < limit(QualityLimit.MIN_WORDS)) {
        return fail(FilterRule.WORD_COUNT, "words", words, "<", QualityLimit.MIN_WORDS);
      }
      if (words > limit(QualityLimit.MAX_WORDS)) {
        return fail(FilterRule.WORD_COUNT, "words", words, ">", QualityLimit.MAX_WORDS);
      }
    }
    if (on(FilterRule.MEAN_WORD_LENGTH) && words > 0) {
      double mean = (double) wordChars / words;
      if (mean < limit(QualityLimit.MIN_MEAN_WORD_LENGTH)) {
        return fail(
            FilterRule.MEAN_WORD_LENGTH,
            "mean word length",
            mean,
            "<",
            QualityLimit.MIN_MEAN_WORD_LENGTH);
      }
      if (mean > limit(QualityLimit.MAX_MEAN_WORD_LENGTH)) {
        return fail(
            FilterRule.MEAN_WORD_LENGTH,
            "mean word length",
            mean,
            ">",
            QualityLimit.MAX_MEAN_WORD_LENGTH);
      }
    }
    FilterRule rule = on(FilterRule.SYMBOL_RATIO) ? checkSymbols(text, n) : null;
    if (rule == null && (on(FilterRule.BULLET_LINES) || on(FilterRule.ELLIPSIS_LINES))) {
      rule = checkLines(text);
    }
    if (rule == null
        && on(FilterRule.ALPHA_WORDS)
        && (double) alpha / n < limit(QualityLimit.MIN_ALPHA_WORDS)) {
      rule =
          fail(
              FilterRule.ALPHA_WORDS,
              "tokens with a letter",
              (double) alpha / n,
              "<",
              QualityLimit.MIN_ALPHA_WORDS);
    }
    if (rule == null
        && on(FilterRule.STOP_WORDS)
        && stopWords < limit(QualityLimit.MIN_STOP_WORDS)) {
      if (otherLanguage.test(text)) {
        stopWordsNotJudged = true;
      } else {
        rule =
            fail(FilterRule.STOP_WORDS, "stop words", stopWords, "<", QualityLimit.MIN_STOP_WORDS);
      }
    }
    return rule;
  }

  /** Python's non-overlapping {@code str.count} of {@code #}, and of {@code ...} plus {@code …}. */
  private FilterRule checkSymbols(CharSequence text, int tokens) {
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
    if ((double) hashes / tokens > limit(QualityLimit.MAX_SYMBOL_RATIO)) {
      return fail(
          FilterRule.SYMBOL_RATIO,
          "'#' per token",
          (double) hashes / tokens,
          ">",
          QualityLimit.MAX_SYMBOL_RATIO);
    }
    if ((double) ellipses / tokens > limit(QualityLimit.MAX_SYMBOL_RATIO)) {
      return fail(
          FilterRule.SYMBOL_RATIO,
          "ellipses per token",
          (double) ellipses / tokens,
          ">",
          QualityLimit.MAX_SYMBOL_RATIO);
    }
    return null;
  }

  /** Python's {@code splitlines()}: every line, blank ones too, none after a final break. */
  private FilterRule checkLines(CharSequence text) {
    int lines = 0;
    int bullets = 0;
    int ellipsisEnds = 0;
    for (int start = 0, n = text.length(); start < n; ) {
      int end = LineCleaner.lineEnd(text, start, n);
      lines++;
      int first = start;
      while (first < end && Character.isWhitespace(text.charAt(first))) {
        first++;
      }
      if (first < end && (text.charAt(first) == '\u2022' || text.charAt(first) == '-')) {
        bullets++;
      }
      int last = end;
      while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
        last--;
      }
      if (last > start
          && (text.charAt(last - 1) == '\u2026'
              || (last - start >= 3
                  && text.charAt(last - 1) == '.'
                  && text.charAt(last - 2) == '.'
                  && text.charAt(last - 3) == '.'))) {
        ellipsisEnds++;
      }
      start = end + 1;
    }
    if (lines == 0) {
      return null;
    }
    if (on(FilterRule.BULLET_LINES)
        && (double) bullets / lines > limit(QualityLimit.MAX_BULLET_LINES)) {
      return fail(
          FilterRule.BULLET_LINES,
          "bullet lines",
          (double) bullets / lines,
          ">",
          QualityLimit.MAX_BULLET_LINES);
    }
    if (on(FilterRule.ELLIPSIS_LINES)
        && (double) ellipsisEnds / lines > limit(QualityLimit.MAX_ELLIPSIS_LINES)) {
      return fail(
          FilterRule.ELLIPSIS_LINES,
          "lines ending in an ellipsis",
          (double) ellipsisEnds / lines,
          ">",
          QualityLimit.MAX_ELLIPSIS_LINES);
    }
    return null;
  }

  private static boolean isStopWord(CharSequence text, WordTokens tokens, int token) {
    for (String stop : STOP_WORDS) {
      if (tokens.is(text, token, stop)) {
        return true;
      }
    }
    return false;
  }
}
