package dev.sheaf.clean;

import java.util.EnumSet;
import java.util.Set;

/**
 * Step 6 of clean: replaces e-mail addresses, IPv4 and IPv6 addresses, phone numbers and payment
 * card numbers by typed placeholders ({@code <EMAIL>}, {@code <IP_ADDRESS>}, {@code <PHONE>},
 * {@code <CREDIT_CARD>}), in one pass of hand-written scanners (no regular expressions):
 * <ul>
 *   <li>e-mail: {@code local@domain.tld}, a dotted domain whose last label has two letters or more;
 *   <li>IPv4: four dotted numbers up to 255, not part of a longer dotted run (so {@code 1.2.3.4.5}
 *       and three-part versions survive);
 *   <li>IPv6: hex groups and colons that form a valid address (8 groups, or fewer with one
 *       {@code ::}), so times like {@code 10:30:00} survive;
 *   <li>phone: {@code +} and 8 to 15 digits in groups, or the North American
 *       {@code (555) 123-4567} / {@code 555-123-4567} / {@code 555.123.4567} shapes, so dates,
 *       prices and bare numbers survive;
 *   <li>card: 13 to 19 digits, in groups split by single spaces or dashes, with a known issuer
 *       prefix (Visa, Mastercard, Amex, Discover, JCB, Diners) and a valid Luhn check digit.
 * </ul>
 * Nothing that touches a letter or digit on either side is masked.
 */
final class PiiMasker {
  private static final int MAX_CARD_DIGITS = 19;

  private final Set<PiiType> types;
  private final long[] masked;
  private final int[] digits = new int[MAX_CARD_DIGITS + 1];

  /** Counts go to {@code masked}, indexed by {@link PiiType} ordinal. */
  PiiMasker(Set<PiiType> types, long[] masked) {
    this.types = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
    this.masked = masked;
  }

  /** Writes {@code text} with its personal data masked to {@code out} (cleared first). */
  void mask(CharSequence text, TextBuffer out) {
    out.clear();
    int n = text.length();
    int verbatimFrom = 0;
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      int end = -1;
      PiiType type = null;
      if (c == '@' && types.contains(PiiType.EMAIL)) {
        int localStart = emailLocalStart(text, i, verbatimFrom);
        end = localStart < i ? emailDomainEnd(text, i + 1) : -1;
        if (end > 0) {
          out.truncate(out.length() - (i - localStart));
          type = PiiType.EMAIL;
        }
      } else if (startsToken(text, i)) {
        if (isDigit(c) || c == '+' || c == '(') {
          if (types.contains(PiiType.CREDIT_CARD) && isDigit(c) && (end = cardEnd(text, i)) > 0) {
            type = PiiType.CREDIT_CARD;
          } else if (types.contains(PiiType.PHONE) && (end = phoneEnd(text, i)) > 0) {
            type = PiiType.PHONE;
          } else if (types.contains(PiiType.IPV4) && isDigit(c) && (end = ipv4End(text, i)) > 0) {
            type = PiiType.IPV4;
          }
        }
        if (type == null && types.contains(PiiType.IPV6) && colonWithin(text, i, 5) && (end = ipv6End(text, i)) > 0) {
          type = PiiType.IPV6;
        }
      }
      if (type != null) {
        out.append(type.placeholder());
        masked[type.ordinal()]++;
        i = end;
        verbatimFrom = end;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  // --- e-mail

  private static int emailLocalStart(CharSequence text, int at, int floor) {
    int start = at;
    while (start > floor && isLocalChar(text.charAt(start - 1))) {
      start--;
    }
    while (start < at && text.charAt(start) == '.') {
      start++;
    }
    return start;
  }

  private static int emailDomainEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    int labels = 0;
    int lastLabelStart = from;
    boolean lastLabelLetters = true;
    while (i < n) {
      int start = i;
      boolean letters = true;
      while (i < n && (isAsciiLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
        letters &= isAsciiLetter(text.charAt(i));
        i++;
      }
      if (i == start) {
        break;
      }
      labels++;
      lastLabelStart = start;
      lastLabelLetters = letters;
      if (i + 1 < n && text.charAt(i) == '.' && isAsciiLetterOrDigit(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    return labels >= 2 && lastLabelLetters && i - lastLabelStart >= 2 ? i : -1;
  }

  private static boolean isLocalChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  // --- payment cards

  private int cardEnd(CharSequence text, int from) {
    int count = 0;
    int i = from;
    int n = text.length();
    int lastDigitEnd = from;
    while (i < n && count <= MAX_CARD_DIGITS) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        digits[count++] = c - '0';
        i++;
        lastDigitEnd = i;
      } else if ((c == ' ' || c == '-') && i + 1 < n && isDigit(text.charAt(i + 1)) && i > from) {
        i++;
      } else {
        break;
      }
    }
    if (count < 13 || count > MAX_CARD_DIGITS || !endsToken(text, lastDigitEnd) || !knownIssuer(count)
        || !luhnValid(count)) {
      return -1;
    }
    return lastDigitEnd;
  }

  private boolean knownIssuer(int count) {
    int two = digits[0] * 10 + digits[1];
    int four = two * 100 + digits[2] * 10 + digits[3];
    return (digits[0] == 4 && (count == 13 || count == 16 || count == 19))
        || ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) && count == 16
        || (two == 34 || two == 37) && count == 15
        || (four == 6011 || two == 65) && count >= 16
        || two == 35 && count >= 16
        || (two == 36 || two == 38 || (two == 30 && digits[2] <= 5)) && count == 14;
  }

  private boolean luhnValid(int count) {
    int sum = 0;
    for (int k = 0; k < count; k++) {
      int d = digits[count - 1 - k];
      if (k % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  // --- phone numbers

  private static int phoneEnd(CharSequence text, int from) {
    return text.charAt(from) == '+' ? internationalPhoneEnd(text, from) : northAmericanPhoneEnd(text, from);
  }

  /** {@code +} then 8 to 15 digits in groups split by up to two of space, dash, dot and parentheses. */
  private static int internationalPhoneEnd(CharSequence text, int from) {
    int n = text.length();
    if (from + 1 >= n || !isDigit(text.charAt(from + 1))) {
      return -1;
    }
    int count = 0;
    int separators = 0;
    int lastDigitEnd = -1;
    for (int i = from + 1; i < n && count <= 15; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        count++;
        separators = 0;
        lastDigitEnd = i + 1;
      } else if (separators < 2 && (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')) {
        separators++;
      } else {
        break;
      }
    }
    return count >= 8 && count <= 15 && endsToken(text, lastDigitEnd) ? lastDigitEnd : -1;
  }

  /** Optional {@code 1 } or {@code 1-}, then {@code (555) 123-4567}, {@code 555-123-4567}, {@code 555.123.4567} or {@code 555 123 4567}. */
  private static int northAmericanPhoneEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    if (i + 1 < n && text.charAt(i) == '1' && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '-')
        && i + 2 < n && (text.charAt(i + 2) == '(' || isDigit(text.charAt(i + 2)))) {
      int rest = northAmericanPhoneEnd(text, i + 2);
      if (rest > 0) {
        return rest;
      }
    }
    char separator;
    if (text.charAt(i) == '(') {
      if (digitsAt(text, i + 1, 3) && i + 4 < n && text.charAt(i + 4) == ')') {
        i += 5;
        if (i < n && text.charAt(i) == ' ') {
          i++;
        }
        separator = '-';
        if (!digitsAt(text, i, 3)) {
          return -1;
        }
        i += 3;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '.' || text.charAt(i) == ' ')) {
          separator = text.charAt(i);
        } else {
          return -1;
        }
      } else {
        return -1;
      }
    } else {
      if (!digitsAt(text, i, 3) || i + 3 >= n) {
        return -1;
      }
      separator = text.charAt(i + 3);
      if (separator != '-' && separator != '.' && separator != ' ') {
        return -1;
      }
      i += 4;
      if (!digitsAt(text, i, 3) || i + 3 >= n || text.charAt(i + 3) != separator) {
        return -1;
      }
      i += 3;
    }
    i++;
    if (!digitsAt(text, i, 4) || !endsToken(text, i + 4)) {
      return -1;
    }
    return i + 4;
  }

  // --- IP addresses

  private static int ipv4End(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= n || text.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int value = 0;
      int length = 0;
      while (i < n && isDigit(text.charAt(i)) && length < 4) {
        value = value * 10 + text.charAt(i) - '0';
        length++;
        i++;
      }
      if (length == 0 || length > 3 || value > 255) {
        return -1;
      }
    }
    boolean dottedRunGoesOn = i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1));
    return dottedRunGoesOn || !endsToken(text, i) ? -1 : i;
  }

  private static int ipv6End(CharSequence text, int from) {
    int n = text.length();
    int end = from;
    while (end < n && (isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
      end++;
    }
    while (end > from && (text.charAt(end - 1) == '.' || (text.charAt(end - 1) == ':'
        && !(end - 2 >= from && text.charAt(end - 2) == ':')))) {
      end--;
    }
    if (end - from < 3 || !endsToken(text, end) || !validIpv6(text, from, end)) {
      return -1;
    }
    return end;
  }

  /**
   * 8 hex groups of 1 to 4 digits, or fewer with one {@code ::} and at least 4 hex digits in all
   * (so {@code a::b} in code stays); the last two groups may be an IPv4 address.
   */
  static boolean validIpv6(CharSequence text, int from, int end) {
    int groups = 0;
    int hexDigits = 0;
    boolean compressed = false;
    int i = from;
    if (i + 1 < end && text.charAt(i) == ':' && text.charAt(i + 1) == ':') {
      compressed = true;
      i += 2;
    } else if (text.charAt(i) == ':') {
      return false;
    }
    while (i < end) {
      int start = i;
      while (i < end && isHex(text.charAt(i)) && i - start < 5) {
        i++;
      }
      if (i < end && text.charAt(i) == '.') {
        int v4 = ipv4End(text, start);
        if (v4 != end) {
          return false;
        }
        groups += 2;
        break;
      }
      int length = i - start;
      if (length == 0 || length > 4) {
        return false;
      }
      groups++;
      hexDigits += length;
      if (i == end) {
        break;
      }
      i++;
      if (i < end && text.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
      } else if (i == end) {
        return false;
      }
    }
    return compressed ? groups >= 2 && groups < 8 && hexDigits >= 4 : groups == 8;
  }

  // --- character classes

  /** True when one of the next {@code span} characters is a colon and those before it are hex digits. */
  private static boolean colonWithin(CharSequence text, int from, int span) {
    for (int i = from, end = Math.min(text.length(), from + span); i < end; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return true;
      }
      if (!isHex(c)) {
        return false;
      }
    }
    return false;
  }

  private static boolean digitsAt(CharSequence text, int at, int count) {
    if (at < 0 || at + count > text.length()) {
      return false;
    }
    for (int k = 0; k < count; k++) {
      if (!isDigit(text.charAt(at + k))) {
        return false;
      }
    }
    return true;
  }

  /** Nothing glued on the left: start of text, or a character that is not a letter, digit, dot, colon or '+'. */
  private static boolean startsToken(CharSequence text, int at) {
    if (at == 0) {
      return true;
    }
    char before = text.charAt(at - 1);
    return !(Character.isLetterOrDigit(before) || before == '.' || before == ':' || before == '+' || before == '-'
        || before == '_' || before == '/');
  }

  /** Nothing glued on the right: end of text, or a character that is not a letter or digit. */
  private static boolean endsToken(CharSequence text, int at) {
    return at >= text.length() || !(Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || isDigit(c);
  }
}
