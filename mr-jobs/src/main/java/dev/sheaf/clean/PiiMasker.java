package dev.sheaf.clean;

import dev.sheaf.common.TextBuffer;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Step 6 of clean: replaces e-mail addresses, IPv4 and IPv6 addresses, phone numbers and payment
 * card numbers by typed placeholders ({@code <EMAIL>}, {@code <IP_ADDRESS>}, {@code <PHONE>},
 * {@code <CREDIT_CARD>}), in one pass of hand-written scanners (no regular expressions; phone
 * candidates alone go on to libphonenumber):
 *
 * <ul>
 *   <li>e-mail: {@code local@domain.tld}, a dotted domain whose last label has two letters or more;
 *   <li>IPv4: four dotted numbers up to 255, not part of a longer dotted run (so {@code 1.2.3.4.5},
 *       OIDs such as {@code 1.3.6.1.4.1} and three-part versions survive), and not a version by the
 *       rule below;
 *   <li>IPv6: hex groups and colons that form a valid address (8 groups, or fewer with one {@code
 *       ::}), so times like {@code 10:30:00} survive;
 *   <li>phone, tried in this order: the North American {@code (555) 123-4567}, {@code
 *       555-123-4567}, {@code 555.123.4567} and {@code 555 123 4567} shapes, with an optional
 *       leading {@code 1 } or {@code 1-} (they take the fictional 555 numbers too); then digit
 *       groups that libphonenumber ({@code com.googlecode.libphonenumber}) finds to be a valid
 *       number, international with {@code +} (or the region's international prefix, such as {@code
 *       00}) or national in one of the phone regions ({@code US} unless set otherwise: for {@code
 *       020 7946 0958} a user sets {@code GB}, for {@code 030 12345678} {@code DE}, for {@code 01
 *       23 45 67 89} {@code FR}), see {@link PhoneFinder} for what is a candidate; last, {@code +}
 *       and 8 to 15 digits in groups, for numbers libphonenumber finds invalid. An ungrouped
 *       national run of digits ({@code 10023456}, {@code 02079460958}) is never a phone, and {@link
 *       PhoneFinder}'s rules keep dates, decimals, versions, ISBNs, times and prices from
 *       libphonenumber;
 *   <li>card: 13 to 19 digits, in groups split by single spaces or dashes, with a known issuer
 *       prefix (Visa, Mastercard, Amex, Discover, JCB, Diners) and a valid Luhn check digit.
 * </ul>
 *
 * Nothing that touches a letter or digit on either side is masked, so {@code v4.19.2.1} and {@code
 * urn:oid:1.3.6.1} stay.
 *
 * <p>The version rule for a dotted quad (IPv4 shape) {@code a.b.c.d}: it is an address, and masked,
 * unless
 *
 * <ol>
 *   <li>it is followed by {@code :} and a digit (a port) or {@code /} and a digit (a prefix
 *       length), or it stands in square brackets ({@code [66.218.66.102]}, as mail headers and logs
 *       write addresses): always an address; else
 *   <li>it starts with {@code 0.} and is not {@code 0.0.0.0}, or it is {@code 1.3.6.1} (the
 *       internet OID arc): never an address; else
 *   <li>the words around it, up to {@value #WORDS_BEFORE} before and {@value #WORDS_AFTER} after,
 *       within its sentence (a sentence ends after a word ending in a dot, at {@code !}, {@code ?}
 *       or a blank line; a word is a run of letters, digits and dots, compared ignoring case), hold
 *       a version word (version, versions, ver, release(s/d), upgrade(s/d), upgrading, update(s/d),
 *       downgrade(d), build(s), patch(es/ed), firmware, kernel, library, libraries, package(s),
 *       revision, rev, changelog, sdk, and the OID words oid(s), mib, asn), or a word of {@code v}
 *       and a digit ({@code v2.5}), nearer to it, in words, than any address word (ip, ips, ipv4,
 *       address(es), addr, host(s), hostname, server(s), ping(ed), visit, gateway, subnet, netmask,
 *       dns, router, proxy, client, connect(ed/ing/ion), nameserver, inet, route, lan, wan, vpn,
 *       firewall, listen(ing), bind, ssh, http, https, and the mail header words received, helo,
 *       ehlo): then it is a version. The nearer word wins; at equal distance, it is an address.
 *       Words split at anything but letters, digits and dots, so {@code MIME-Version} holds the
 *       word {@code Version}; else
 *   <li>with no word of either kind near, a dotted number is not an address unless its shape says
 *       so ({@link #addressShaped}: a part of 100 or more, or a private, loopback or link-local
 *       prefix).
 * </ol>
 *
 * So {@code We upgraded the library from 4.19.2.1 to 4.20.0.3} stays, {@code visit 192.168.10.24}
 * is masked, in {@code server 10.0.0.1 runs version 4.20.0.3} the address is masked and the version
 * stays; {@code bump to 4.19.2.1} stays while {@code from 10.0.0.5} and {@code 203.0.113.7} alone
 * are masked.
 *
 * <p>It does one thing: masks the personal data in one text.
 */
final class PiiMasker {
  private static final int MAX_CARD_DIGITS = 19;

  /** Words before a dotted quad that {@link #versionNotAddress} reads, and words after. */
  static final int WORDS_BEFORE = 8;

  static final int WORDS_AFTER = 4;

  /** What {@link #wordKind} tells a word is. */
  private static final int OTHER_WORD = 0;

  private static final int VERSION_WORD = 1;
  private static final int ADDRESS_WORD = 2;

  /** Words that make a nearby dotted quad a version (or an OID). */
  private static final String[] VERSION_WORDS = {
    "version",
    "versions",
    "ver",
    "release",
    "releases",
    "released",
    "upgrade",
    "upgrades",
    "upgraded",
    "upgrading",
    "update",
    "updates",
    "updated",
    "downgrade",
    "downgraded",
    "build",
    "builds",
    "patch",
    "patches",
    "patched",
    "firmware",
    "kernel",
    "library",
    "libraries",
    "package",
    "packages",
    "revision",
    "rev",
    "changelog",
    "sdk",
    "oid",
    "oids",
    "mib",
    "asn"
  };

  /** Words that make a nearby dotted quad an address. */
  private static final String[] ADDRESS_WORDS = {
    "ip",
    "ips",
    "ipv4",
    "address",
    "addresses",
    "addr",
    "host",
    "hosts",
    "hostname",
    "server",
    "servers",
    "ping",
    "pinged",
    "visit",
    "gateway",
    "subnet",
    "netmask",
    "dns",
    "router",
    "proxy",
    "client",
    "connect",
    "connected",
    "connecting",
    "connection",
    "nameserver",
    "inet",
    "route",
    "lan",
    "wan",
    "vpn",
    "firewall",
    "listen",
    "listening",
    "bind",
    "ssh",
    "http",
    "https",
    "received",
    "helo",
    "ehlo"
  };

  private final Set<PiiType> types;
  private final long[] masked;
  private final int[] digits = new int[MAX_CARD_DIGITS + 1];
  private final PhoneFinder phones;

  /**
   * Counts go to {@code masked}, indexed by {@link PiiType} ordinal. {@code phoneRegions}: the ISO
   * 3166 codes (such as {@code US}, {@code GB}, {@code DE}, {@code FR}) whose national formats
   * phone numbers without {@code +} are read in, tried in order; empty for international numbers
   * and the North American shapes only. Throws {@link IllegalArgumentException} for a code
   * libphonenumber does not know.
   */
  PiiMasker(Set<PiiType> types, List<String> phoneRegions, long[] masked) {
    this.types = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
    this.masked = masked;
    this.phones = new PhoneFinder(phoneRegions);
  }

  /**
   * {@code codes} upper-cased, without duplicates, for {@code phoneRegions}; throws {@link
   * IllegalArgumentException} (naming the code) for one libphonenumber does not know.
   */
  static List<String> phoneRegions(Collection<String> codes) {
    return PhoneFinder.regions(codes);
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
          } else if (types.contains(PiiType.IPV4)
              && isDigit(c)
              && (end = ipv4End(text, i)) > 0
              && !versionNotAddress(text, i, end)) {
            type = PiiType.IPV4;
          }
        }
        if (type == null
            && types.contains(PiiType.IPV6)
            && colonWithin(text, i, 5)
            && (end = ipv6End(text, i)) > 0) {
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
    if (count < 13
        || count > MAX_CARD_DIGITS
        || !endsToken(text, lastDigitEnd)
        || !knownIssuer(count)
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

  /**
   * The North American shapes first (they take fictional 555 numbers that libphonenumber finds
   * invalid), then {@link PhoneFinder}, then for {@code +} the digit count alone.
   */
  private int phoneEnd(CharSequence text, int from) {
    boolean plus = text.charAt(from) == '+';
    int end = plus ? -1 : northAmericanPhoneEnd(text, from);
    if (end < 0) {
      end = phones.end(text, from);
    }
    if (end < 0 && plus) {
      end = internationalPhoneEnd(text, from);
    }
    return end;
  }

  /**
   * {@code +} then 8 to 15 digits in groups split by up to two of space, dash, dot and parentheses.
   */
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

  /**
   * Optional {@code 1 } or {@code 1-}, then {@code (555) 123-4567}, {@code 555-123-4567}, {@code
   * 555.123.4567} or {@code 555 123 4567}.
   */
  private static int northAmericanPhoneEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    if (i + 1 < n
        && text.charAt(i) == '1'
        && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '-')
        && i + 2 < n
        && (text.charAt(i + 2) == '(' || isDigit(text.charAt(i + 2)))) {
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

  /**
   * True when the dotted quad {@code [from, end)} reads as a version or an OID rather than an
   * address: the rule of the class comment.
   */
  static boolean versionNotAddress(CharSequence text, int from, int end) {
    int n = text.length();
    if (end + 1 < n
        && (text.charAt(end) == ':' || text.charAt(end) == '/')
        && isDigit(text.charAt(end + 1))) {
      return false;
    }
    if (from > 0 && text.charAt(from - 1) == '[' && end < n && text.charAt(end) == ']') {
      return false;
    }
    if (text.charAt(from) == '0' && !matchesAt(text, from, end, "0.0.0.0")) {
      return true;
    }
    if (matchesAt(text, from, end, "1.3.6.1")) {
      return true;
    }
    int version = Integer.MAX_VALUE;
    int address = Integer.MAX_VALUE;
    int i = from;
    for (int distance = 1; distance <= WORDS_BEFORE; distance++) {
      i = skipBack(text, i);
      if (i <= 0) {
        break;
      }
      int wordEnd = i;
      while (i > 0 && isWordChar(text.charAt(i - 1))) {
        i--;
      }
      if (text.charAt(wordEnd - 1) == '.') {
        break;
      }
      int kind = wordKind(text, i, wordEnd);
      if (kind == VERSION_WORD && version == Integer.MAX_VALUE) {
        version = distance;
      } else if (kind == ADDRESS_WORD && address == Integer.MAX_VALUE) {
        address = distance;
      }
    }
    i = end;
    for (int distance = 1; distance <= WORDS_AFTER; distance++) {
      i = skipForward(text, i);
      if (i < 0 || i >= n) {
        break;
      }
      int wordStart = i;
      while (i < n && isWordChar(text.charAt(i))) {
        i++;
      }
      int coreEnd = i;
      while (coreEnd > wordStart && text.charAt(coreEnd - 1) == '.') {
        coreEnd--;
      }
      int kind = wordKind(text, wordStart, coreEnd);
      if (kind == VERSION_WORD && distance < version) {
        version = distance;
      } else if (kind == ADDRESS_WORD && distance < address) {
        address = distance;
      }
      if (coreEnd < i) {
        break;
      }
    }
    if (version != address) {
      return version < address;
    }
    // no word of either kind near (a tie is an address): only an address's shape makes it one
    return version == Integer.MAX_VALUE && !addressShaped(text, from, end);
  }

  /**
   * Whether a dotted quad no word explains looks like an address rather than a version: a part of
   * 100 or more (versions rarely have one), or a private, loopback or link-local prefix (10/8,
   * 127/8, 169.254/16, 172.16/12, 192.168/16: what logs and mail headers are full of).
   */
  static boolean addressShaped(CharSequence text, int from, int end) {
    int[] parts = new int[4];
    for (int i = from, part = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        part++;
      } else {
        parts[part] = parts[part] * 10 + c - '0';
      }
    }
    for (int part : parts) {
      if (part >= 100) {
        return true;
      }
    }
    return parts[0] == 10
        || parts[0] == 127
        || (parts[0] == 169 && parts[1] == 254)
        || (parts[0] == 172 && parts[1] >= 16 && parts[1] <= 31)
        || (parts[0] == 192 && parts[1] == 168);
  }

  /**
   * Back from {@code at} past what is not a word: where the word before ends; 0 at the text's
   * start, -1 at a sentence's end ({@code !}, {@code ?}, a blank line).
   */
  private static int skipBack(CharSequence text, int at) {
    int i = at;
    int newlines = 0;
    while (i > 0 && !isWordChar(text.charAt(i - 1))) {
      char c = text.charAt(i - 1);
      if (c == '!' || c == '?' || (c == '\n' && ++newlines == 2)) {
        return -1;
      }
      i--;
    }
    return i;
  }

  /**
   * On from {@code at} past what is not a word: where the next word starts; -1 at a sentence's end.
   */
  private static int skipForward(CharSequence text, int at) {
    int n = text.length();
    int i = at;
    int newlines = 0;
    while (i < n && !isWordChar(text.charAt(i))) {
      char c = text.charAt(i);
      if (c == '!' || c == '?' || (c == '\n' && ++newlines == 2)) {
        return -1;
      }
      i++;
    }
    return i;
  }

  /**
   * Letters, digits and dots: a word, a number or a version; a word that ends in a dot ends a
   * sentence.
   */
  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.';
  }

  private static int wordKind(CharSequence text, int start, int end) {
    while (start < end && text.charAt(start) == '.') {
      start++;
    }
    char first = start < end ? text.charAt(start) : ' ';
    if (end - start >= 2 && (first == 'v' || first == 'V') && isDigit(text.charAt(start + 1))) {
      return VERSION_WORD;
    }
    if (inList(text, start, end, VERSION_WORDS)) {
      return VERSION_WORD;
    }
    return inList(text, start, end, ADDRESS_WORDS) ? ADDRESS_WORD : OTHER_WORD;
  }

  /** Whether {@code [start, end)} is one of {@code words} (lower case), ignoring ASCII case. */
  private static boolean inList(CharSequence text, int start, int end, String[] words) {
    for (String word : words) {
      if (word.length() == end - start && matchesIgnoringCase(text, start, word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesIgnoringCase(CharSequence text, int start, String word) {
    for (int k = 0; k < word.length(); k++) {
      char c = text.charAt(start + k);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAt(CharSequence text, int from, int end, String expected) {
    if (end - from != expected.length()) {
      return false;
    }
    for (int k = 0; k < expected.length(); k++) {
      if (text.charAt(from + k) != expected.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int ipv6End(CharSequence text, int from) {
    int n = text.length();
    int end = from;
    while (end < n
        && (isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
      end++;
    }
    while (end > from
        && (text.charAt(end - 1) == '.'
            || (text.charAt(end - 1) == ':'
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

  /**
   * True when one of the next {@code span} characters is a colon and those before it are hex
   * digits.
   */
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

  /**
   * Nothing glued on the left: start of text, or a character that is not a letter, digit, dot,
   * colon or '+'.
   */
  private static boolean startsToken(CharSequence text, int at) {
    if (at == 0) {
      return true;
    }
    char before = text.charAt(at - 1);
    return !(Character.isLetterOrDigit(before)
        || before == '.'
        || before == ':'
        || before == '+'
        || before == '-'
        || before == '_'
        || before == '/');
  }

  /** Nothing glued on the right: end of text, or a character that is not a letter or digit. */
  private static boolean endsToken(CharSequence text, int at) {
    return at >= text.length()
        || !(Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
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
