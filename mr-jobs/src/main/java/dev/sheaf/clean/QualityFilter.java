package dev.sheaf.clean;

import dev.sheaf.common.TextBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Step 4 of clean: the document rules of the chosen {@link Preset}s (and rules turned on one by
 * one), in FineWeb's pipeline order: {@link GopherRepetition}, {@link GopherQuality}, {@link
 * C4Quality} (which may remove lines), {@link FineWebQuality} on what C4 kept. The text is
 * tokenized once ({@link WordTokens}) for the groups before C4 and again after it when C4 changed
 * it. With no rule on, nothing is computed.
 */
final class QualityFilter {
  private final Set<FilterRule> enabled;
  private final WordTokens tokens = new WordTokens();
  private final GopherRepetition repetition;
  private final GopherQuality quality;
  private final C4Quality c4;
  private final FineWebQuality fineweb;
  private final TextBuffer c4Text = new TextBuffer();
  private CharSequence text;
  private String detail;
  private long segmentedDocuments;
  private long stopWordsNotJudged;

  /**
   * @param limits indexed by {@link QualityLimit} ordinal
   * @param enabled the rules to check
   * @param otherLanguage whether a text is in a language other than English (for the stop words)
   */
  QualityFilter(double[] limits, Set<FilterRule> enabled, Predicate<CharSequence> otherLanguage) {
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(FilterRule.class) : EnumSet.copyOf(enabled);
    double[] copy = limits.clone();
    repetition = any(Preset.GOPHER_REPETITION) ? new GopherRepetition(copy, this.enabled) : null;
    quality =
        any(Preset.GOPHER_QUALITY) ? new GopherQuality(copy, this.enabled, otherLanguage) : null;
    c4 = any(Preset.C4) ? new C4Quality(copy, this.enabled) : null;
    fineweb = any(Preset.FINEWEB) ? new FineWebQuality(copy, this.enabled) : null;
  }

  /** Whether any document rule is on. */
  boolean active() {
    return repetition != null || quality != null || c4 != null || fineweb != null;
  }

  /**
   * The first rule {@code input} fails, or null; either way {@link #text()} is the text after the
   * rules that change it (C4's line rules), {@code input} itself when none did.
   */
  FilterRule check(CharSequence input) {
    text = input;
    detail = null;
    if (!active()) {
      return null;
    }
    tokens.tokenize(input);
    if (tokens.segmented()) {
      segmentedDocuments++;
    }
    FilterRule rule = null;
    if (repetition != null && (rule = repetition.check(input, tokens)) != null) {
      detail = repetition.detail();
      return rule;
    }
    if (quality != null) {
      rule = quality.check(input, tokens);
      if (quality.stopWordsNotJudged()) {
        stopWordsNotJudged++;
      }
      if (rule != null) {
        detail = quality.detail();
        return rule;
      }
    }
    if (c4 != null) {
      if ((rule = c4.apply(input, c4Text)) != null) {
        detail = c4.detail();
        return rule;
      }
      text = c4Text;
      if (!hasNonSpace(c4Text)) {
        detail = "no line left after C4's line rules";
        return FilterRule.EMPTY;
      }
      if (fineweb != null) {
        tokens.tokenize(c4Text);
      }
    }
    if (fineweb != null && (rule = fineweb.check(text, tokens)) != null) {
      detail = fineweb.detail();
      return rule;
    }
    return null;
  }

  /** The text after the last {@link #check}. */
  CharSequence text() {
    return text;
  }

  /** What the rule that fired measured, e.g. {@code "words 12 < 50"}. */
  String detail() {
    return detail;
  }

  /** Lines C4's line rules removed so far. */
  long c4LinesRemoved() {
    return c4 == null ? 0 : c4.linesRemoved();
  }

  /** Documents whose words came from the dictionary segmenter so far. */
  long segmentedDocuments() {
    return segmentedDocuments;
  }

  /** Documents that failed the stop-word rule but were detected as another language, so far. */
  long stopWordsNotJudged() {
    return stopWordsNotJudged;
  }

  private boolean any(Preset preset) {
    for (FilterRule rule : enabled) {
      if (rule.preset() == preset) {
        return true;
      }
    }
    return false;
  }

  static boolean hasNonSpace(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
