package dev.sheaf.clean;

import java.util.Locale;

/**
 * Why {@code sheaf clean} dropped a document; each is a counter and the {@code rule} of a {@code
 * Filtered} record. Apart from {@link #EMPTY} and {@link #LANGUAGE}, every rule belongs to one
 * {@link Preset} and is off unless its preset is chosen, {@code --rule} sets one of its limits, or
 * it is named in {@code --rules}. Rules are checked in the order of FineWeb's pipeline (Gopher
 * repetition, Gopher quality, C4, FineWeb; Penedo et al. 2024), each group in the order datatrove
 * checks it: the first that fires is the reason.
 */
public enum FilterRule {
  /** Nothing left after extraction and line cleaning (or after C4's line rules). */
  EMPTY(null),
  DUPLICATE_PARAGRAPHS(Preset.GOPHER_REPETITION),
  DUPLICATE_PARAGRAPH_CHARS(Preset.GOPHER_REPETITION),
  DUPLICATE_LINES(Preset.GOPHER_REPETITION),
  DUPLICATE_LINE_CHARS(Preset.GOPHER_REPETITION),
  TOP_2GRAM(Preset.GOPHER_REPETITION),
  TOP_3GRAM(Preset.GOPHER_REPETITION),
  TOP_4GRAM(Preset.GOPHER_REPETITION),
  DUPLICATE_5GRAMS(Preset.GOPHER_REPETITION),
  DUPLICATE_6GRAMS(Preset.GOPHER_REPETITION),
  DUPLICATE_7GRAMS(Preset.GOPHER_REPETITION),
  DUPLICATE_8GRAMS(Preset.GOPHER_REPETITION),
  DUPLICATE_9GRAMS(Preset.GOPHER_REPETITION),
  DUPLICATE_10GRAMS(Preset.GOPHER_REPETITION),
  WORD_COUNT(Preset.GOPHER_QUALITY),
  MEAN_WORD_LENGTH(Preset.GOPHER_QUALITY),
  SYMBOL_RATIO(Preset.GOPHER_QUALITY),
  BULLET_LINES(Preset.GOPHER_QUALITY),
  ELLIPSIS_LINES(Preset.GOPHER_QUALITY),
  ALPHA_WORDS(Preset.GOPHER_QUALITY),
  /**
   * Gopher's English stop words; judged only for a text detected as English (others counted, not
   * judged).
   */
  STOP_WORDS(Preset.GOPHER_QUALITY),
  /** C4: "lorem ipsum" in a kept line drops the document. */
  LOREM_IPSUM(Preset.C4),
  /** C4: a curly bracket in a kept line drops the document. */
  CURLY_BRACKET(Preset.C4),
  /** C4: fewer sentences than the limit in the lines C4's line rules kept. */
  SENTENCE_COUNT(Preset.C4),
  /** FineWeb: too few lines end in terminal punctuation. */
  LINE_PUNCTUATION(Preset.FINEWEB),
  /** FineWeb: too many lines of at most 30 characters. */
  SHORT_LINES(Preset.FINEWEB),
  /** FineWeb: too many characters in repeated lines. */
  CHAR_DUPLICATES(Preset.FINEWEB),
  /** FineWeb: too many line breaks per word (a list, not prose). */
  LIST_RATIO(Preset.FINEWEB),
  /** Not in --languages (undetermined ones only with --undetermined drop). */
  LANGUAGE(null);

  private final Preset preset;

  FilterRule(Preset preset) {
    this.preset = preset;
  }

  /** The preset the rule belongs to; null for {@link #EMPTY} and {@link #LANGUAGE}. */
  public Preset preset() {
    return preset;
  }

  /** {@code word-count}, as {@code --rules} and {@code --disable-rules} take it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
