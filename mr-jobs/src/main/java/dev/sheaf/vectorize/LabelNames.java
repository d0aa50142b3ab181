package dev.sheaf.vectorize;

/** Which label names a dictionary can hold: not blank, no control characters, no U+FFFD. */
final class LabelNames {
  private LabelNames() {}

  static boolean valid(String label) {
    if (label.isBlank()) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (Character.isISOControl(c) || c == '\uFFFD') {
        return false;
      }
    }
    return true;
  }
}
