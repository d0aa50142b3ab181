package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Which document of a group of duplicates is kept ({@code --keep}), expressed as a rank: a string
 * whose code-point order puts the document to keep first. Ranks end with the id and a hash of the
 * record (source, label, text), so two records share a rank only when they are identical.
 */
public enum KeepPolicy {
  /** The smallest id (code-point order). */
  SMALLEST_ID,
  /** The longest text (in chars); ties by smallest id. */
  LONGEST,
  /** The first in input order: by source file, then byte offset (ids of the form {@code <file>:<offset>}), then id. */
  EARLIEST;

  private static final char SEPARATOR = '\u0000';

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static KeepPolicy parse(String value) {
    for (KeepPolicy policy : values()) {
      if (policy.optionValue().equals(value)) {
        return policy;
      }
    }
    throw new dev.sheaf.common.UsageException(
        "--keep must be smallest-id, longest or earliest (got '" + value + "')");
  }

  public String rank(Document document) {
    StringBuilder rank = new StringBuilder(64);
    switch (this) {
      case LONGEST -> rank.append(pad(Integer.MAX_VALUE - document.getText().length())).append(SEPARATOR);
      case EARLIEST -> rank.append(document.getSource()).append(SEPARATOR).append(pad(offsetOf(document)))
          .append(SEPARATOR);
      default -> { }
    }
    rank.append(document.getId()).append(SEPARATOR);
    String label = document.getLabel() == null ? "" : document.getLabel();
    long[] hash = MurmurHash3.hash128x64((document.getSource() + SEPARATOR + label + SEPARATOR + document.getText())
        .getBytes(StandardCharsets.UTF_8));
    return rank.append(String.format("%016x%016x", hash[0], hash[1])).toString();
  }

  /** The byte offset in an id made as {@code <source>:<offset>}, else 0. */
  private static long offsetOf(Document document) {
    String id = document.getId();
    String prefix = document.getSource() + ":";
    if (id.startsWith(prefix)) {
      try {
        return Long.parseLong(id.substring(prefix.length()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static String pad(long value) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
  }
}
