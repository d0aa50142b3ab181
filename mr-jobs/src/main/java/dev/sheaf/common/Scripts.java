package dev.sheaf.common;

/**
 * Which writing system a text is in, as far as word boundaries go: dedupe shingles characters and
 * clean segments words with a dictionary for the scripts that put no spaces between words (Han,
 * Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan).
 */
public final class Scripts {
  private Scripts() {}

  /**
   * Whether more than half of the letters of {@code text} are of a script written without spaces
   * between words. Letters below U+0E00 (Latin, Greek, Cyrillic, Arabic, Indic, ...) are counted
   * without a script lookup.
   */
  public static boolean writtenWithoutSpaces(CharSequence text) {
    int letters = 0;
    int spaceless = 0;
    for (int i = 0, n = text.length(); i < n; ) {
      // the rest of the text, all of it spaceless letters, could no longer make them the majority
      if (spaceless * 2 + (n - i) <= letters) {
        return false;
      }
      char c = text.charAt(i);
      if (c < 0x80) {
        letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : 0;
        i++;
        continue;
      }
      int codePoint = Character.codePointAt(text, i);
      i += Character.charCount(codePoint);
      if (!Character.isLetter(codePoint)) {
        continue;
      }
      letters++;
      if (codePoint >= 0x0E00) {
        switch (Character.UnicodeScript.of(codePoint)) {
          case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> spaceless++;
          default -> {}
        }
      }
    }
    return spaceless * 2 > letters;
  }
}
