package dev.sheaf.clean;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import dev.sheaf.common.Hashes;
import dev.sheaf.common.Scripts;
import java.util.Arrays;

/**
 * The words of a text as the document rules count them, close to datatrove's word tokenizer (NLTK's
 * Treebank tokenizer for English): text is split at white space, and punctuation at either edge of
 * a piece is a token of its own (a run of dots, {@code "..."}, is one token), so "end." is "end"
 * and ".". A text mostly in a script without spaces (see {@link Scripts}) is segmented with ICU's
 * dictionary-based word break iterator (UAX #29 plus dictionaries for Chinese, Japanese, Thai, Lao,
 * Khmer, Burmese) instead. Each token has its span and a 64-bit FNV-1a hash of its characters. The
 * arrays are reused from one text to the next.
 */
final class WordTokens {
  private int[] start = new int[256];
  private int[] end = new int[256];
  private long[] hash = new long[256];
  private int count;
  private boolean segmented;
  private BreakIterator words;

  /** Tokenizes {@code text}; returns the token count. */
  int tokenize(CharSequence text) {
    count = 0;
    segmented = Scripts.writtenWithoutSpaces(text);
    if (segmented) {
      segment(text);
      return count;
    }
    int n = text.length();
    for (int i = 0; i < n; ) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      int pieceStart = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      splitPiece(text, pieceStart, i);
    }
    return count;
  }

  /** Whether the last text was segmented with the dictionary (a script without spaces). */
  boolean segmented() {
    return segmented;
  }

  int count() {
    return count;
  }

  int start(int token) {
    return start[token];
  }

  int end(int token) {
    return end[token];
  }

  int length(int token) {
    return end[token] - start[token];
  }

  long hash(int token) {
    return hash[token];
  }

  /** Whether every character of the token is punctuation (a "symbol word", not a word). */
  boolean isSymbol(CharSequence text, int token) {
    for (int i = start[token]; i < end[token]; i++) {
      if (!isPunctuation(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the token has a letter. */
  boolean hasLetter(CharSequence text, int token) {
    for (int i = start[token]; i < end[token]; i++) {
      char c = text.charAt(i);
      if (c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : Character.isLetter(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the token's characters equal {@code word}. */
  boolean is(CharSequence text, int token, String word) {
    if (end[token] - start[token] != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (text.charAt(start[token] + k) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Punctuation as datatrove's {@code PUNCTUATION_SET} has it: Unicode punctuation, the ASCII
   * symbols among it ({@code $%+<=>^`|~}) and control characters.
   */
  static boolean isPunctuation(char c) {
    if (c < 0x80) {
      return c < 0x20
          || c == 0x7F
          || (c >= '!' && c <= '/')
          || (c >= ':' && c <= '@')
          || (c >= '[' && c <= '`')
          || (c >= '{' && c <= '~');
    }
    switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.CONTROL -> {
        return true;
      }
      default -> {
        return c == '\u25BA'
            || c == '\u00B4'
            || c == '\u2501'
            || c == '\uFF05'
            || c == '\uFF0B'
            || c == '\uFF5E';
      }
    }
  }

  /**
   * Leading punctuation, the word, trailing punctuation: each punctuation character a token, dots
   * as one.
   */
  private void splitPiece(CharSequence text, int from, int to) {
    int wordStart = from;
    while (wordStart < to && isPunctuation(text.charAt(wordStart))) {
      wordStart = addPunctuation(text, wordStart, to);
    }
    int wordEnd = to;
    while (wordEnd > wordStart && isPunctuation(text.charAt(wordEnd - 1))) {
      wordEnd--;
    }
    if (wordEnd > wordStart) {
      add(text, wordStart, wordEnd);
    }
    for (int i = wordEnd; i < to; ) {
      i = addPunctuation(text, i, to);
    }
  }

  private int addPunctuation(CharSequence text, int at, int to) {
    int stop = at + 1;
    if (text.charAt(at) == '.') {
      while (stop < to && text.charAt(stop) == '.') {
        stop++;
      }
    }
    add(text, at, stop);
    return stop;
  }

  private void segment(CharSequence text) {
    if (words == null) {
      words = BreakIterator.getWordInstance(ULocale.ROOT);
    }
    words.setText(text.toString());
    for (int from = words.first(), to = words.next();
        to != BreakIterator.DONE;
        from = to, to = words.next()) {
      if (!Character.isWhitespace(text.charAt(from))) {
        add(text, from, to);
      }
    }
  }

  private void add(CharSequence text, int from, int to) {
    if (count == start.length) {
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
      hash = Arrays.copyOf(hash, count * 2);
    }
    start[count] = from;
    end[count] = to;
    hash[count] = Hashes.fnv1a64(text, from, to);
    count++;
  }
}
