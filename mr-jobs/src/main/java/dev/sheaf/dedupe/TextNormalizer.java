package dev.sheaf.dedupe;

import dev.sheaf.common.TextBuffer;
import java.text.Normalizer;

/**
 * The text form dedupe compares: Unicode NFKC, lower case, punctuation (Unicode P* categories)
 * removed except where it is part of a number, runs of white space and control characters collapsed
 * to one space, trimmed. Punctuation is part of a number when a digit follows it and either a digit
 * precedes it ({@code 1.5}, {@code 1,000}, {@code 10:30}, {@code 1/2}, {@code 1-800}) or it is a
 * hyphen-minus or full stop that opens the number ({@code -5}, {@code .5}: after a space or at the
 * start); so "1.5 mg" and "15 mg" stay apart, as do "$1,000" and "$1000" (written differently;
 * dedupe does not read numbers' values). Symbols (S* categories: {@code $ + − % °}) were never
 * removed. Words are the space-separated pieces of that form. One instance per task: it reuses its
 * {@link TextBuffer} (a char array, so a text with a character beyond Latin-1 does not turn every
 * later one into UTF-16 work, as a reused StringBuilder would).
 */
public final class TextNormalizer {
  private static final byte SEPARATOR = 0;
  private static final byte DROP = 1;
  private static final byte KEEP = 2;

  /** What the general rule below does to each ASCII char, precomputed from the same tests. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = isSeparator(c) ? SEPARATOR : isPunctuation(c) ? DROP : KEEP;
    }
  }

  private final TextBuffer normalized = new TextBuffer();

  /** The normalised form of {@code text}; valid until the next call. */
  public TextBuffer normalize(String text) {
    return isAscii(text) ? normalizeAscii(text) : normalizeUnicode(text);
  }

  /** The same rule for pure-ASCII text (NFKC leaves ASCII as it is), without per-char lookups. */
  private TextBuffer normalizeAscii(String text) {
    int n = text.length();
    // never longer than the text: a space is written only in place of a separator
    char[] out = normalized.reserve(n);
    int length = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      byte kind = ASCII[c];
      if (kind == SEPARATOR) {
        pendingSpace = length > 0;
      } else if (kind == KEEP
          || inNumber(
              c,
              pendingSpace,
              length > 0 ? out[length - 1] : -1,
              i + 1 < n ? text.charAt(i + 1) : -1)) {
        if (pendingSpace) {
          out[length++] = ' ';
          pendingSpace = false;
        }
        out[length++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      }
    }
    normalized.truncate(length);
    return normalized;
  }

  private static boolean isAscii(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSeparator(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isISOControl(codePoint)
        || Character.isSpaceChar(codePoint);
  }

  private TextBuffer normalizeUnicode(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    normalized.clear();
    boolean pendingSpace = false;
    for (int i = 0; i < nfkc.length(); ) {
      int codePoint = nfkc.codePointAt(i);
      i += Character.charCount(codePoint);
      // most of a text with some non-ASCII is still ASCII: the table decides those
      byte kind =
          codePoint < 128
              ? ASCII[codePoint]
              : isSeparator(codePoint) ? SEPARATOR : isPunctuation(codePoint) ? DROP : KEEP;
      if (kind == SEPARATOR) {
        pendingSpace = normalized.length() > 0;
      } else if (kind == KEEP
          || inNumber(
              codePoint,
              pendingSpace,
              normalized.length() > 0 ? normalized.charAt(normalized.length() - 1) : -1,
              i < nfkc.length() ? nfkc.codePointAt(i) : -1)) {
        if (pendingSpace) {
          normalized.append(' ');
          pendingSpace = false;
        }
        normalized.appendCodePoint(Character.toLowerCase(codePoint));
      }
    }
    return normalized;
  }

  /**
   * Whether punctuation {@code codePoint} is part of a number: a digit follows, and a digit
   * precedes it in the form so far ({@code previous}, its last char, -1 while it is empty), or it
   * is {@code -} or {@code .} opening the number.
   */
  private static boolean inNumber(int codePoint, boolean pendingSpace, int previous, int next) {
    if (next < 0 || !Character.isDigit(next)) {
      return false;
    }
    if (!pendingSpace && previous >= 0 && Character.isDigit(previous)) {
      return true;
    }
    return (codePoint == '-' || codePoint == '.') && (pendingSpace || previous < 0);
  }

  private static boolean isPunctuation(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}
