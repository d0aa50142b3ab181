package dev.sheaf.common;

/**
 * A growable char array that is a {@link CharSequence}: what clean's steps and dedupe's normal form
 * write and read. Unlike {@link StringBuilder}, {@link #charAt} is a plain array read (no coder
 * check), and with one class behind the CharSequence at every hot call site the JIT inlines it.
 * Reused from document to document, it grows to the largest text seen.
 */
public final class TextBuffer implements CharSequence {
  private char[] chars = new char[4096];
  private int length;

  public void clear() {
    length = 0;
  }

  /**
   * Sets the length: drops everything from {@code newLength} on, or, after writing into {@link
   * #reserve}'s array, takes what was written (at most its capacity).
   */
  public void truncate(int newLength) {
    length = newLength;
  }

  /**
   * The backing array, grown to at least {@code capacity} chars, for a caller that writes its text
   * into it directly (no check per char) and then sets the length with {@link #truncate}.
   */
  public char[] reserve(int capacity) {
    if (chars.length < capacity) {
      grow(capacity);
    }
    return chars;
  }

  public TextBuffer append(char c) {
    if (length == chars.length) {
      grow(length + 1);
    }
    chars[length++] = c;
    return this;
  }

  /** Appends a code point: a supplementary one as its surrogate pair. */
  public TextBuffer appendCodePoint(int codePoint) {
    if (Character.isBmpCodePoint(codePoint)) {
      return append((char) codePoint);
    }
    return append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
  }

  /**
   * The backing array; its first {@link #length} chars are the text, valid until the next append.
   */
  public char[] array() {
    return chars;
  }

  public TextBuffer append(CharSequence text) {
    return append(text, 0, text.length());
  }

  public TextBuffer append(CharSequence text, int start, int end) {
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
