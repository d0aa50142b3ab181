package dev.sheaf.clean;

/**
 * A growable char array that is a {@link CharSequence}: what the clean steps write and read.
 * Unlike {@link StringBuilder}, {@link #charAt} is a plain array read (no coder check), and with
 * one class behind the CharSequence at every hot call site the JIT inlines it. Reused from
 * document to document, it grows to the largest text seen.
 */
final class TextBuffer implements CharSequence {
  private char[] chars = new char[4096];
  private int length;

  void clear() {
    length = 0;
  }

  /** Drops everything from {@code newLength} on. */
  void truncate(int newLength) {
    length = newLength;
  }

  TextBuffer append(char c) {
    if (length == chars.length) {
      grow(length + 1);
    }
    chars[length++] = c;
    return this;
  }

  TextBuffer append(CharSequence text) {
    return append(text, 0, text.length());
  }

  TextBuffer append(CharSequence text, int start, int end) {
    int count = end - start;
    if (length + count > chars.length) {
      grow(length + count);
    }
    if (text instanceof String string) {
      string.getChars(start, end, chars, length);
    } else if (text instanceof TextBuffer buffer) {
      System.arraycopy(buffer.chars, start, chars, length, count);
    } else {
      for (int i = start; i < end; i++) {
        chars[length + i - start] = text.charAt(i);
      }
    }
    length += count;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  /** The char at {@code index}; indexes at or past {@link #length} are not checked. */
  @Override
  public char charAt(int index) {
    return chars[index];
  }

  @Override
  public String subSequence(int start, int end) {
    return new String(chars, start, end - start);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  private void grow(int needed) {
    chars = java.util.Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
  }
}
