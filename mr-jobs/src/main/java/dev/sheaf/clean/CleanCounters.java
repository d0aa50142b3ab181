package dev.sheaf.clean;

/** What {@code sheaf clean} changed in the documents it kept, and its outcomes. */
public enum CleanCounters {
  /** Documents written to the output. */
  KEPT,
  /** Documents dropped by a rule (the {@link FilterRule} group says which). */
  FILTERED,
  /** Raw RFC 822 messages found in the text and reduced to subject and body. */
  EMAILS_PARSED,
  /** Documents whose text was HTML, turned into plain text. */
  HTML_EXTRACTED,
  /** Documents whose mojibake (UTF-8 read as Windows-1252) was undone. */
  MOJIBAKE_FIXED,
  /** Documents that look like mojibake but could not be undone without doubt, left as they are. */
  MOJIBAKE_LEFT,
  /** Control and invisible format characters removed. */
  CONTROL_CHARS_REMOVED,
  /** Unpaired UTF-16 surrogates removed. */
  INVALID_SURROGATES_REMOVED,
  /** Quoted lines ({@code >}, attributions, forwarded originals) removed with --strip-quotes. */
  QUOTE_LINES_REMOVED,
  /** Signature blocks removed with --strip-quotes. */
  SIGNATURES_REMOVED,
  /** Lines removed because they contain a boilerplate phrase. */
  BOILERPLATE_LINES_REMOVED,
  /** Lines removed because they contain no letter. */
  LETTERLESS_LINES_REMOVED,
  /** Documents cut at --max-chars. */
  TRUNCATED,
  /** Lines removed by C4's line rules (the c4 preset). */
  C4_LINES_REMOVED,
  /**
   * Documents in a script without spaces whose words the dictionary segmenter found (document rules
   * on).
   */
  WORDS_SEGMENTED,
  /**
   * Documents that failed Gopher's English stop-word rule but were not detected as English, so not
   * judged.
   */
  STOP_WORDS_NOT_JUDGED
}
