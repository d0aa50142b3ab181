package dev.sheaf.clean;

import dev.sheaf.common.TextBuffer;

/**
 * Step 3 of clean, on normalised text (lines without outer white space, paragraphs separated by one
 * blank line): with {@code stripQuotes}, e-mail quoting goes ({@code >} lines, the "... wrote:"
 * line before them, a forwarded "-----Original Message-----" and all after it, and a signature
 * after a {@code --} line near the end); then lines without a letter go, and lines of at most
 * {@value #MAX_BOILERPLATE_LINE_CHARS} characters with a boilerplate phrase. Paragraph breaks
 * between the lines kept stay.
 */
final class LineCleaner {
  /**
   * Boilerplate is short: a longer line with a phrase in it is content (or a whole text without
   * line breaks) and stays.
   */
  static final int MAX_BOILERPLATE_LINE_CHARS = 300;

  /** A {@code --} line starts a signature only when at most this many lines follow it. */
  static final int MAX_SIGNATURE_LINES = 10;

  private final boolean stripQuotes;
  private final PhraseMatcher boilerplate;
  private final boolean dropLetterless;
  private final long[] counts;

  /**
   * {@code boilerplate} may be null (no phrase list); counts are indexed by {@link CleanCounters}.
   */
  LineCleaner(
      boolean stripQuotes, PhraseMatcher boilerplate, boolean dropLetterless, long[] counts) {
    this.stripQuotes = stripQuotes;
    this.boilerplate = boilerplate;
    this.dropLetterless = dropLetterless;
    this.counts = counts;
  }

  /** Writes the kept lines of {@code text} to {@code out} (cleared first). */
  void clean(CharSequence text, TextBuffer out) {
    out.clear();
    int end = text.length();
    if (stripQuotes) {
      int original = forwardedOriginalStart(text, end);
      if (original >= 0) {
        counts[CleanCounters.QUOTE_LINES_REMOVED.ordinal()] += countLines(text, original, end);
        end = original;
      }
      int signature = signatureStart(text, end);
      if (signature >= 0) {
        counts[CleanCounters.SIGNATURES_REMOVED.ordinal()]++;
        end = signature;
      }
    }
    boolean paragraphBreak = false;
    for (int start = 0; start < end; ) {
      int lineEnd = lineEnd(text, start, end);
      if (lineEnd == start) {
        paragraphBreak = true;
      } else if (keep(text, start, lineEnd, end)) {
        if (out.length() > 0) {
          out.append(paragraphBreak ? "\n\n" : "\n");
        }
        out.append(text, start, lineEnd);
        paragraphBreak = false;
      }
      start = lineEnd + 1;
    }
  }

  private boolean keep(CharSequence text, int start, int end, int textEnd) {
    if (stripQuotes && (text.charAt(start) == '>' || isAttribution(text, start, end, textEnd))) {
      counts[CleanCounters.QUOTE_LINES_REMOVED.ordinal()]++;
      return false;
    }
    if (dropLetterless && !hasLetter(text, start, end)) {
      counts[CleanCounters.LETTERLESS_LINES_REMOVED.ordinal()]++;
      return false;
    }
    if (boilerplate != null
        && end - start <= MAX_BOILERPLATE_LINE_CHARS
        && boilerplate.matches(text, start, end)) {
      counts[CleanCounters.BOILERPLATE_LINES_REMOVED.ordinal()]++;
      return false;
    }
    return true;
  }

  /** "On Mon, Joe wrote:" or "Joe writes:" followed by quoted lines. */
  private static boolean isAttribution(CharSequence text, int start, int end, int textEnd) {
    if (!(endsWithIgnoreCase(text, start, end, "wrote:")
        || endsWithIgnoreCase(text, start, end, "writes:"))) {
      return false;
    }
    int next = end + 1;
    while (next < textEnd && text.charAt(next) == '\n') {
      next++;
    }
    return next < textEnd && text.charAt(next) == '>';
  }

  /** Where a "-----Original Message-----" line starts, or -1. */
  private static int forwardedOriginalStart(CharSequence text, int end) {
    for (int start = 0; start < end; ) {
      int lineEnd = lineEnd(text, start, end);
      int from = start;
      int to = lineEnd;
      while (from < to && (text.charAt(from) == '-' || text.charAt(from) == ' ')) {
        from++;
      }
      while (to > from && (text.charAt(to - 1) == '-' || text.charAt(to - 1) == ' ')) {
        to--;
      }
      if (from > start
          && to - from == "original message".length()
          && endsWithIgnoreCase(text, from, to, "original message")) {
        return start;
      }
      start = lineEnd + 1;
    }
    return -1;
  }

  /**
   * Where the last {@code --} line starts when at most {@link #MAX_SIGNATURE_LINES} lines follow,
   * or -1.
   */
  private static int signatureStart(CharSequence text, int end) {
    int lines = 0;
    int lineEnd = end;
    while (lineEnd > 0 && lines <= MAX_SIGNATURE_LINES) {
      int start = lineEnd;
      while (start > 0 && text.charAt(start - 1) != '\n') {
        start--;
      }
      if (start > 0
          && lineEnd - start == 2
          && text.charAt(start) == '-'
          && text.charAt(start + 1) == '-') {
        return start;
      }
      if (lineEnd > start) {
        lines++;
      }
      lineEnd = start - 1;
    }
    return -1;
  }

  private static int countLines(CharSequence text, int from, int to) {
    int lines = 0;
    for (int start = from; start < to; ) {
      int lineEnd = lineEnd(text, start, to);
      if (lineEnd > start) {
        lines++;
      }
      start = lineEnd + 1;
    }
    return lines;
  }

  static boolean hasLetter(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithIgnoreCase(CharSequence text, int start, int end, String suffix) {
    int at = end - suffix.length();
    if (at < start) {
      return false;
    }
    for (int k = 0; k < suffix.length(); k++) {
      if (Character.toLowerCase(text.charAt(at + k)) != suffix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static int lineEnd(CharSequence text, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    return limit;
  }
}
