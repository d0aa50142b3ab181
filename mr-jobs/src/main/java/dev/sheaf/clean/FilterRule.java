package dev.sheaf.clean;

import java.util.Locale;

/**
 * Why {@code sheaf clean} dropped a document; each is a counter and the {@code rule} of a
 * {@code Filtered} record. The document-quality rules are Gopher's (Rae et al. 2021), in the order
 * they are checked: the first that fires is the reason.
 */
public enum FilterRule {
  /** Nothing left after extraction and line cleaning. */
  EMPTY,
  WORD_COUNT,
  MEAN_WORD_LENGTH,
  SYMBOL_RATIO,
  BULLET_LINES,
  ELLIPSIS_LINES,
  ALPHA_WORDS,
  STOP_WORDS,
  DUPLICATE_LINES,
  DUPLICATE_LINE_CHARS,
  DUPLICATE_PARAGRAPHS,
  DUPLICATE_PARAGRAPH_CHARS,
  TOP_2GRAM,
  TOP_3GRAM,
  TOP_4GRAM,
  /** Not in --languages, or detected with too little confidence. */
  LANGUAGE;

  /** {@code word-count}, as {@code --disable-rules} takes it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
