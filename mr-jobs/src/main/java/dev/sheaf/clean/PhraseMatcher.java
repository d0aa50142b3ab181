package dev.sheaf.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Case-insensitive search for any of a list of phrases in a span of text, without regular
 * expressions or allocation: phrases are indexed by their first character, so most positions cost
 * one table look-up.
 */
final class PhraseMatcher {
  private static final int TABLE = 128;
  private final char[][][] byFirstChar = new char[TABLE][][];

  /** Phrases that start with a non-ASCII character, tried at every position. */
  private final char[][] others;

  PhraseMatcher(List<String> phrases) {
    List<List<char[]>> table = new ArrayList<>(TABLE);
    for (int i = 0; i < TABLE; i++) {
      table.add(new ArrayList<>());
    }
    List<char[]> nonAscii = new ArrayList<>();
    for (String phrase : phrases) {
      String lower = phrase.strip().toLowerCase(Locale.ROOT);
      if (lower.isEmpty()) {
        continue;
      }
      char first = lower.charAt(0);
      (first < TABLE ? table.get(first) : nonAscii).add(lower.toCharArray());
    }
    for (int i = 0; i < TABLE; i++) {
      if (!table.get(i).isEmpty()) {
        byFirstChar[i] = table.get(i).toArray(new char[0][]);
      }
    }
    others = nonAscii.toArray(new char[0][]);
  }

  /** True when {@code text[from, to)} contains one of the phrases, ignoring case. */
  boolean matches(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < TABLE) {
        char[][] candidates = byFirstChar[lower(c)];
        if (candidates != null) {
          for (char[] phrase : candidates) {
            if (matchesAt(text, i, to, phrase)) {
              return true;
            }
          }
        }
      }
      // a non-ASCII phrase may start at any character (its first letter may have an ASCII capital)
      for (char[] phrase : others) {
        if (matchesAt(text, i, to, phrase)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(CharSequence text, int at, int to, char[] phrase) {
    if (to - at < phrase.length) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (lower(text.charAt(at + k)) != phrase[k]) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    if (c < TABLE) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }
}
