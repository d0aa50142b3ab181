package dev.sheaf.common;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** PLACEHOLDER until the e-mail branch's WHATWG table lands: Java's own lookup. */
public final class CharsetLabels {
  private CharsetLabels() {}

  /** The charset a label names, or null. */
  public static Charset lookup(String label) {
    try {
      return Charset.forName(label.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }
}
