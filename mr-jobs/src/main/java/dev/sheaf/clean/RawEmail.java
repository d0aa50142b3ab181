package dev.sheaf.clean;

import dev.sheaf.common.EmailParser;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Step 1 of clean for e-mail kept whole in a text field (the SpamAssassin JSON lines are raw
 * messages): a text that starts with RFC 822 headers is parsed with the same mime4j parser as
 * {@code --format email}, so transfer encodings and charsets are decoded and the text becomes the
 * subject and the text parts, without headers.
 */
final class RawEmail {
  private static final Set<String> KNOWN_HEADERS = Set.of("received", "return-path", "from", "to", "cc",
      "subject", "date", "message-id", "delivered-to", "mime-version", "content-type", "reply-to", "sender",
      "x-mailer", "in-reply-to", "references", "content-transfer-encoding");
  /** Headers are looked for in this many leading characters. */
  private static final int MAX_HEADER_CHARS = 64 * 1024;
  private static final int MAX_HEADER_NAME = 76;

  private final EmailParser parser = new EmailParser();

  /**
   * True when the text opens with a header block: an optional mbox {@code From } line, then
   * header or continuation lines only, at least two of them well-known headers, then a blank line.
   */
  static boolean looksLikeMessage(CharSequence text) {
    int n = Math.min(text.length(), MAX_HEADER_CHARS);
    int i = 0;
    if (startsWith(text, 0, "From ")) {
      i = lineEnd(text, 0, n) + 1;
    }
    int known = 0;
    boolean sawHeader = false;
    while (i < n) {
      int end = lineEnd(text, i, n);
      int length = end - i;
      if (length == 0 || (length == 1 && text.charAt(i) == '\r')) {
        return known >= 2;
      }
      char first = text.charAt(i);
      if (first == ' ' || first == '\t') {
        if (!sawHeader) {
          return false;
        }
      } else {
        int colon = headerNameEnd(text, i, end);
        if (colon < 0) {
          return false;
        }
        sawHeader = true;
        if (colon - i <= 20 && KNOWN_HEADERS.contains(text.subSequence(i, colon).toString().toLowerCase(Locale.ROOT))) {
          known++;
        }
      }
      i = end + 1;
    }
    return false;
  }

  /**
   * The message's subject and text parts, or null when mime4j cannot parse it. A message with
   * neither subject nor text gives the empty string. Headers mime4j decoded go to {@code meta}.
   */
  ParsedRecord parse(CharSequence text, String id) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    ParsedRecord parsed = parser.parse(bytes, bytes.length, id, null, "", -1);
    if (parsed.isRejected() && !RejectReason.EMPTY_TEXT.name().equals(parsed.reject().getReason())) {
      return null;
    }
    return parsed;
  }

  private static int headerNameEnd(CharSequence text, int start, int end) {
    for (int i = start; i < end && i - start <= MAX_HEADER_NAME; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return i > start ? i : -1;
      }
      if (c <= ' ' || c >= 0x7F) {
        return -1;
      }
    }
    return -1;
  }

  private static int lineEnd(CharSequence text, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    return limit;
  }

  private static boolean startsWith(CharSequence text, int at, String prefix) {
    if (text.length() - at < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(at + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
