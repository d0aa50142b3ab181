package dev.sheaf.clean;

import java.util.Locale;

/**
 * The limits of the document-quality rules, with Gopher's values (Rae et al. 2021, as datatrove's
 * GopherQualityFilter and GopherRepetitionFilter apply them) as defaults. Each is set with
 * {@code --rule NAME=VALUE}, e.g. {@code --rule min-words=20}, and travels to the tasks under
 * {@code sheaf.clean.rule.NAME}.
 */
public enum QualityLimit {
  MIN_WORDS(FilterRule.WORD_COUNT, 50),
  MAX_WORDS(FilterRule.WORD_COUNT, 100_000),
  MIN_MEAN_WORD_LENGTH(FilterRule.MEAN_WORD_LENGTH, 3),
  MAX_MEAN_WORD_LENGTH(FilterRule.MEAN_WORD_LENGTH, 10),
  MAX_SYMBOL_RATIO(FilterRule.SYMBOL_RATIO, 0.1),
  MAX_BULLET_LINES(FilterRule.BULLET_LINES, 0.9),
  MAX_ELLIPSIS_LINES(FilterRule.ELLIPSIS_LINES, 0.3),
  MIN_ALPHA_WORDS(FilterRule.ALPHA_WORDS, 0.8),
  MIN_STOP_WORDS(FilterRule.STOP_WORDS, 2),
  MAX_DUPLICATE_LINES(FilterRule.DUPLICATE_LINES, 0.3),
  MAX_DUPLICATE_LINE_CHARS(FilterRule.DUPLICATE_LINE_CHARS, 0.2),
  MAX_DUPLICATE_PARAGRAPHS(FilterRule.DUPLICATE_PARAGRAPHS, 0.3),
  MAX_DUPLICATE_PARAGRAPH_CHARS(FilterRule.DUPLICATE_PARAGRAPH_CHARS, 0.2),
  MAX_TOP_2GRAM(FilterRule.TOP_2GRAM, 0.2),
  MAX_TOP_3GRAM(FilterRule.TOP_3GRAM, 0.18),
  MAX_TOP_4GRAM(FilterRule.TOP_4GRAM, 0.16);

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
