package dev.sheaf.dedupe;

import dev.sheaf.avro.Document;
import dev.sheaf.common.Hashes;
import dev.sheaf.common.UsageException;
import java.util.Locale;
import java.util.Map;

/**
 * Which document of a group of duplicates is kept ({@code --keep}), expressed as a rank: a string
 * whose code-point order puts the document to keep first. Ranks end with the id and a 64-bit hash
 * of the record (source, label, text, other fields), so two records share a rank only when they are
 * identical (or, with probability 2^-64, when they also share their id).
 */
public enum KeepPolicy {
  /** The smallest id (code-point order). */
  SMALLEST_ID,
  /** The longest text (in chars); ties by smallest id. */
  LONGEST,
  /**
   * The first in input order: by source file, then byte offset (ids of the form {@code
   * <file>:<offset>}), then id.
   */
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
    throw new UsageException(
        "--keep must be smallest-id, longest or earliest (got '" + value + "')");
  }

  /** The document's rank: policy key, id, record hash, separated by U+0000. */
  public String rank(Document document) {
    return rankBuilder(document).toString();
  }

  /**
   * The document's rank followed by {@code position} (16 hex digits), a 64-bit value unique to the
   * record in this input, so that identical records (one rank) still get distinct ranks and are
   * exact duplicates of one another: near dedupe's last pass decides each record on its own,
   * without meeting the other copies.
   */
  public String rank(Document document, long position) {
    return TextFingerprint.appendHex(rankBuilder(document).append(SEPARATOR), position).toString();
  }

  private StringBuilder rankBuilder(Document document) {
    StringBuilder rank = new StringBuilder(84);
    switch (this) {
      case LONGEST ->
          rank.append(pad(Integer.MAX_VALUE - document.getText().length())).append(SEPARATOR);
      case EARLIEST ->
          rank.append(document.getSource())
              .append(SEPARATOR)
              .append(pad(offsetOf(document)))
              .append(SEPARATOR);
      default -> {}
    }
    rank.append(document.getId()).append(SEPARATOR);
    long hash = hashChars(0xcbf29ce484222325L, document.getSource());
    hash = hashChars(hash, document.getLabel() == null ? "\u0000null" : document.getLabel());
    hash = hashChars(hash, document.getText());
    // records differing only in their other fields must not tie (which one is kept would then
    // depend on the splits); a sum of the fields' hashes, so the map's order does not matter
    long fields = 0;
    for (Map.Entry<String, String> field : document.getMeta().entrySet()) {
      fields +=
          Hashes.fmix64(
              hashChars(hashChars(0xcbf29ce484222325L, field.getKey()), field.getValue()));
    }
    hash = (hash ^ fields) * 0x100000001B3L;
    return TextFingerprint.appendHex(rank, Hashes.fmix64(hash));
  }

  /**
   * A 64-bit hash of the chars (no copy of the text) continuing {@code hash}, the length last so
   * that ("ab", "c") and ("a", "bc") differ: four chars a round (a lane multiplied by the golden
   * ratio's constant, xored in, rotated, multiplied by SplitMix64's), the rest one by one as FNV-1a
   * does, mixed by the caller's fmix64. Four chars a multiply chain step, not one: the text is
   * hashed once per record.
   */
  static long hashChars(long hash, String text) {
    int n = text.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long lane =
          text.charAt(i)
              | (long) text.charAt(i + 1) << 16
              | (long) text.charAt(i + 2) << 32
              | (long) text.charAt(i + 3) << 48;
      hash = Long.rotateLeft(hash ^ lane * 0x9E3779B97F4A7C15L, 29) * 0xBF58476D1CE4E5B9L;
    }
    for (; i < n; i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001B3L;
    }
    return (hash ^ n) * 0x100000001B3L;
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
