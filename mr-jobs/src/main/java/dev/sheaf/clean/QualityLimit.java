package dev.sheaf.clean;

import java.util.Locale;

/**
 * The limits of the document rules, with datatrove's defaults for its Gopher, C4 and FineWeb
 * filters (see {@link Preset}). Fractions are of characters or lines as the rule says; counts are
 * words, sentences or stop-word occurrences. Each is set with {@code --rule NAME=VALUE}, e.g.
 * {@code --rule min-words=20}, which also turns its rule on, and travels to the tasks under {@code
 * sheaf.clean.rule.NAME}. C4's line rules have fixed limits (3 words, 1000-character words), as in
 * C4.
 */
public enum QualityLimit {
  MAX_DUPLICATE_PARAGRAPHS(FilterRule.DUPLICATE_PARAGRAPHS, 0.3),
  MAX_DUPLICATE_PARAGRAPH_CHARS(FilterRule.DUPLICATE_PARAGRAPH_CHARS, 0.2),
  MAX_DUPLICATE_LINES(FilterRule.DUPLICATE_LINES, 0.3),
  MAX_DUPLICATE_LINE_CHARS(FilterRule.DUPLICATE_LINE_CHARS, 0.2),
  MAX_TOP_2GRAM(FilterRule.TOP_2GRAM, 0.2),
  MAX_TOP_3GRAM(FilterRule.TOP_3GRAM, 0.18),
  MAX_TOP_4GRAM(FilterRule.TOP_4GRAM, 0.16),
  MAX_DUPLICATE_5GRAMS(FilterRule.DUPLICATE_5GRAMS, 0.15),
  MAX_DUPLICATE_6GRAMS(FilterRule.DUPLICATE_6GRAMS, 0.14),
  MAX_DUPLICATE_7GRAMS(FilterRule.DUPLICATE_7GRAMS, 0.13),
  MAX_DUPLICATE_8GRAMS(FilterRule.DUPLICATE_8GRAMS, 0.12),
  MAX_DUPLICATE_9GRAMS(FilterRule.DUPLICATE_9GRAMS, 0.11),
  MAX_DUPLICATE_10GRAMS(FilterRule.DUPLICATE_10GRAMS, 0.10),
  MIN_WORDS(FilterRule.WORD_COUNT, 50),
  MAX_WORDS(FilterRule.WORD_COUNT, 100_000),
  MIN_MEAN_WORD_LENGTH(FilterRule.MEAN_WORD_LENGTH, 3),
  MAX_MEAN_WORD_LENGTH(FilterRule.MEAN_WORD_LENGTH, 10),
  MAX_SYMBOL_RATIO(FilterRule.SYMBOL_RATIO, 0.1),
  MAX_BULLET_LINES(FilterRule.BULLET_LINES, 0.9),
  MAX_ELLIPSIS_LINES(FilterRule.ELLIPSIS_LINES, 0.3),
  MIN_ALPHA_WORDS(FilterRule.ALPHA_WORDS, 0.8),
  MIN_STOP_WORDS(FilterRule.STOP_WORDS, 2),
  MIN_SENTENCES(FilterRule.SENTENCE_COUNT, 5),
  MIN_LINE_PUNCTUATION(FilterRule.LINE_PUNCTUATION, 0.12),
  MAX_SHORT_LINES(FilterRule.SHORT_LINES, 0.67),
  MAX_CHAR_DUPLICATES(FilterRule.CHAR_DUPLICATES, 0.01),
  MAX_LIST_RATIO(FilterRule.LIST_RATIO, 0.3);

  public static final String KEY_PREFIX = "sheaf.clean.rule.";

  private final FilterRule rule;
  private final double defaultValue;

  QualityLimit(FilterRule rule, double defaultValue) {
    this.rule = rule;
    this.defaultValue = defaultValue;
  }

  public FilterRule rule() {
    return rule;
  }

  public double defaultValue() {
    return defaultValue;
  }

  /** {@code min-words}, as {@code --rule} takes it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String key() {
    return KEY_PREFIX + optionValue();
  }

  /** The limit named {@code min-words}, or null. */
  public static QualityLimit fromOptionValue(String value) {
    for (QualityLimit limit : values()) {
      if (limit.optionValue().equals(value)) {
        return limit;
      }
    }
    return null;
  }
}
