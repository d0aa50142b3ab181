package dev.sheaf.common;

import java.util.Locale;

/** Parses the byte sizes users type ({@code 8388608}, {@code 8m}, {@code 512k}, {@code 1g}). */
public final class Sizes {
  private Sizes() {}

  public static long parseBytes(String option, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (text.endsWith("ib")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("b")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!text.isEmpty()) {
      switch (text.charAt(text.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        default -> unit = 1;
      }
      if (unit != 1) {
        text = text.substring(0, text.length() - 1);
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(text.trim()), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UsageException(
          option + " must be a size such as 8388608, 512k or 8m (got '" + value + "')");
    }
  }
}
