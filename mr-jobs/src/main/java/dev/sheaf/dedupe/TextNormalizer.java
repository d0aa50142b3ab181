package dev.sheaf.dedupe;

import java.text.Normalizer;

/**
 * The text form dedupe compares: Unicode NFKC, lower case, punctuation (Unicode P* categories)
 * removed, runs of white space and control characters collapsed to one space, trimmed. Words are
 * the space-separated pieces of that form. One instance per task: it reuses its buffer.
 */
public final class TextNormalizer {
  private final StringBuilder normalized = new StringBuilder(4096);

  /** The normalised form of {@code text}; valid until the next call. */
  public CharSequence normalize(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    normalized.setLength(0);
    boolean pendingSpace = false;
    for (int i = 0; i < nfkc.length(); ) {
      int codePoint = nfkc.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)
          || Character.isSpaceChar(codePoint)) {
        pendingSpace = normalized.length() > 0;
      } else if (!isPunctuation(codePoint)) {
        if (pendingSpace) {
          normalized.append(' ');
          pendingSpace = false;
        }
        normalized.appendCodePoint(Character.toLowerCase(codePoint));
      }
    }
    return normalized;
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
