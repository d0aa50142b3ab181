package dev.sheaf.clean;

import dev.sheaf.common.UsageException;
import java.util.Locale;

/**
 * When clean treats a text as HTML: {@code auto} (telltale tags or an HTML content type), always,
 * never.
 */
public enum HtmlMode {
  AUTO,
  ALWAYS,
  NEVER;

  static HtmlMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--html must be auto, always or never (got '" + value + "')");
    }
  }

  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
