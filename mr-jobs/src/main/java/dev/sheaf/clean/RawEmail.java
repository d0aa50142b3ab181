package dev.sheaf.clean;

import dev.sheaf.common.DecodeCounters;
import dev.sheaf.common.EmailParser;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.RejectReason;
import java.util.Locale;
import java.util.Set;

/**
 * Step 1 of clean for e-mail kept whole in a text field (the SpamAssassin JSON lines are raw
 * messages): a text that starts with RFC 822 headers is parsed with the same parser as {@code
 * --format email} ({@link EmailParser#parseText}), and becomes the subject and the text parts,
 * without headers. The text is characters already (whoever wrote the JSON decoded the message's
 * bytes), so 7bit, 8bit and binary parts and the headers are taken as they are; only base64 and
 * quoted-printable parts, which carry bytes, are decoded with their declared charset. What decoding
 * had to guess or repair is added up in {@link #counts()}.
 */
final class RawEmail {
  private static final Set<String> KNOWN_HEADERS =
      Set.of(
          "received",
          "return-path",
          "from",
          "to",
          "cc",
          "subject",
          "date",
          "message-id",
          "delivered-to",
          "mime-version",
          "content-type",
          "reply-to",
          "sender",
          "x-mailer",
          "in-reply-to",
          "references",
          "content-transfer-encoding");

  /** Headers are looked for in this many leading characters. */
  private static final int MAX_HEADER_CHARS = 64 * 1024;

  private static final int MAX_HEADER_NAME = 76;

  private static final DecodeCounters[] DECODE_COUNTERS = DecodeCounters.values();

  private final EmailParser parser = new EmailParser();
  private final long[] counts = new long[DecodeCounters.values().length];

  /**
   * True when the text opens with a header block: an optional mbox {@code From } line, then header
   * or continuation lines only, at least two of them well-known headers, then a blank line.
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
        if (colon - i <= 20
            && KNOWN_HEADERS.contains(
                text.subSequence(i, colon).toString().toLowerCase(Locale.ROOT))) {
          known++;
        }
      }
      i = end + 1;
    }
    return false;
  }

  /**
   * The message parsed: a document whose text is the subject and the text parts and whose meta
   * holds the decoded headers; an EMPTY_TEXT reject when it has neither subject nor text; null when
   * mime4j cannot parse it. The decode counts of a parsed message are added to {@link #counts()}.
   */
  ParsedRecord parse(CharSequence text, String id) {
    ParsedRecord parsed = parser.parseText(text, id, null, "", -1);
    if (parsed.isRejected()
        && !RejectReason.EMPTY_TEXT.name().equals(parsed.reject().getReason())) {
      return null;
    }
    for (DecodeCounters counter : DECODE_COUNTERS) {
      counts[counter.ordinal()] += parser.count(counter);
    }
    return parsed;
  }

  /**
   * What decoding the messages parsed so far had to guess, repair or leave, indexed by {@link
   * DecodeCounters} ordinal; the live array, not a copy.
   */
  long[] counts() {
    return counts;
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
