package dev.sheaf.clean;

import dev.sheaf.common.TextBuffer;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code c4} preset: datatrove's C4QualityFilter (Raffel et al. 2020, the C4 rules as
 * TensorFlow Datasets' {@code c4_utils} applies them), which changes the text as well as judging
 * it. Each line, stripped, in order:
 *
 * <ol>
 *   <li>a word (white-space split) over 1000 characters removes the line;
 *   <li>Wikipedia citations ({@code [12]}, {@code []}, {@code [edit]}, {@code [citation needed]})
 *       are cut;
 *   <li>a line that does not end in {@code . ? ! " '}, or ends in {@code ...}, is removed;
 *   <li>a line of fewer than 3 words (counted before the citations were cut) is removed;
 *   <li>"lorem ipsum" (any case) drops the document ({@link FilterRule#LOREM_IPSUM});
 *   <li>"javascript" (any case) removes the line;
 *   <li>a curly bracket drops the document ({@link FilterRule#CURLY_BRACKET});
 *   <li>"terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use
 *       cookies" (any case) remove the line.
 * </ol>
 *
 * The kept lines' sentences (the JDK's sentence {@link BreakIterator}, where datatrove uses NLTK's
 * Punkt) must reach min-sentences ({@link FilterRule#SENTENCE_COUNT}); the text becomes the kept
 * lines joined by line breaks. The bad-words list is not applied.
 */
final class C4Quality extends RuleCheck {
  static final int MIN_LINE_WORDS = 3;
  static final int MAX_WORD_LENGTH = 1000;
  private static final String[] CITATION_WORDS = {"edit]", "citation needed]"};
  private static final String[] POLICY = {
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies"
  };

  private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
  private final StringBuilder line = new StringBuilder();
  private long linesRemoved;

  C4Quality(double[] limits, Set<FilterRule> enabled) {
    super(limits, enabled);
  }

  /** Lines removed by the line rules so far. */
  long linesRemoved() {
    return linesRemoved;
  }

  /**
   * Writes the kept lines of {@code text} to {@code out} (cleared first) and returns null, or
   * returns the document rule the text fails.
   */
  FilterRule apply(CharSequence text, TextBuffer out) {
    out.clear();
    int sentenceCount = 0;
    for (int start = 0, n = text.length(); start < n; ) {
      int end = LineCleaner.lineEnd(text, start, n);
      String kept = keptLine(text, start, end);
      if (kept == null) {
        linesRemoved++;
      } else {
        String lower = kept.toLowerCase(Locale.ROOT);
        if (on(FilterRule.LOREM_IPSUM) && lower.contains("lorem ipsum")) {
          return fail(FilterRule.LOREM_IPSUM, "'lorem ipsum' in a line");
        }
        if (lower.contains("javascript")) {
          linesRemoved++;
        } else if (on(FilterRule.CURLY_BRACKET) && kept.indexOf('{') >= 0) {
          return fail(FilterRule.CURLY_BRACKET, "'{' in a line");
        } else if (containsAny(lower, POLICY)) {
          linesRemoved++;
        } else {
          sentenceCount += countSentences(kept);
          if (out.length() > 0) {
            out.append('\n');
          }
          out.append(kept);
        }
      }
      start = end + 1;
    }
    if (on(FilterRule.SENTENCE_COUNT) && sentenceCount < limit(QualityLimit.MIN_SENTENCES)) {
      return fail(
          FilterRule.SENTENCE_COUNT, "sentences", sentenceCount, "<", QualityLimit.MIN_SENTENCES);
    }
    return null;
  }

  /** The line stripped and without citations, or null when a line rule removes it. */
  private String keptLine(CharSequence text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int words = 0;
    for (int i = start; i < end; ) {
      while (i < end && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int wordStart = i;
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > wordStart) {
        words++;
        if (i - wordStart > MAX_WORD_LENGTH) {
          return null;
        }
      }
    }
    line.setLength(0);
    for (int i = start; i < end; i++) {
      int citationEnd = text.charAt(i) == '[' ? citationEnd(text, i, end) : -1;
      if (citationEnd > 0) {
        i = citationEnd - 1;
      } else {
        line.append(text.charAt(i));
      }
    }
    int n = line.length();
    char last = n == 0 ? 0 : line.charAt(n - 1);
    boolean terminal = last == '.' || last == '?' || last == '!' || last == '"' || last == '\'';
    boolean ellipsis =
        n >= 3 && last == '.' && line.charAt(n - 2) == '.' && line.charAt(n - 3) == '.';
    if (!terminal || ellipsis || words < MIN_LINE_WORDS) {
      return null;
    }
    return line.toString();
  }

  /**
   * The end of {@code [digits]}, {@code [edit]} or {@code [citation needed]} at {@code at}, or -1.
   */
  private static int citationEnd(CharSequence text, int at, int end) {
    int i = at + 1;
    while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    if (i < end && text.charAt(i) == ']') {
      return i + 1;
    }
    for (String word : CITATION_WORDS) {
      if (regionMatches(text, at + 1, end, word)) {
        return at + 1 + word.length();
      }
    }
    return -1;
  }

  private static boolean regionMatches(CharSequence text, int at, int end, String word) {
    if (end - at < word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (text.charAt(at + k) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private int countSentences(String text) {
    sentences.setText(text);
    int count = 0;
    for (int from = sentences.first(), to = sentences.next();
        to != BreakIterator.DONE;
        from = to, to = sentences.next()) {
      if (!text.substring(from, to).isBlank()) {
        count++;
      }
    }
    return count;
  }

  private static boolean containsAny(String text, String[] phrases) {
    for (String phrase : phrases) {
      if (text.contains(phrase)) {
        return true;
      }
    }
    return false;
  }
}
