package dev.sheaf.clean;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The phone numbers of {@link PiiMasker} that libphonenumber decides: a hand-written scan finds a
 * candidate (digit groups that could be a phone number, no allocation), and only a candidate is
 * handed to {@link PhoneNumberUtil#findNumbers} with leniency {@code VALID} (a number valid for its
 * region, with the national prefix where the region writes one), once per configured region, or
 * once with no region when it starts with {@code +}. A candidate is masked when libphonenumber
 * matches all of it (or, from the end, all of it up to a space between groups).
 *
 * <p>It does one thing: finds the phone numbers in one text; most of its lines are the candidate
 * rules below, each tested.
 *
 * <p>A candidate starts at {@code +} and a digit, {@code (} and a digit, or a digit, and is made of
 * digit groups split by one or two of space, {@code -}, {@code .}, {@code /}, {@code (} and {@code
 * )}; it must have:
 *
 * <ul>
 *   <li>7 to 15 digits, and at most 8 groups (longer runs are tables);
 *   <li>without {@code +}, two groups or more (an ungrouped run of digits is an id, not a phone);
 *   <li>a last group of two digits or more, and at most one group of one digit (so ISBNs and OIDs
 *       fail);
 *   <li>at most one {@code /}, balanced parentheses;
 *   <li>when only dots split it, three groups or more, each of two digits or more, and not four
 *       groups of up to three digits (decimals, versions and IPv4 addresses are not phones);
 *   <li>no date at its head: three groups joined by the same {@code -}, {@code /} or {@code .} that
 *       read as year-month-day, day-month-year or month-day-year, with nothing or another separator
 *       after them ({@code 2024-01-15 12} fails, {@code 01.23.45.67.89} is a French number);
 *   <li>nothing glued on: no letter, digit, {@code %}, {@code @} or currency sign right after it,
 *       no {@code :} or {@code ,} and a digit (times, lists) nor {@code .}, {@code -} or {@code _}
 *       and a letter or digit (host names such as {@code 80-24-132-206.example.net}) right after
 *       it, and no currency sign, {@code #}, or digit and {@code ,} right before it; without {@code
 *       +}, no digit and one separator right before it either (it does not start inside a run of
 *       groups that failed, such as {@code 978 0 306 40615 7}).
 * </ul>
 */
final class PhoneFinder {
  /** The regions national numbers are read for unless set otherwise. */
  static final List<String> DEFAULT_REGIONS = List.of("US");

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_GROUPS = 8;
  private static final int MAX_SEPARATOR_RUN = 2;

  /** Candidates (the whole, then shorter at spaces) handed to libphonenumber per start. */
  private static final int MAX_LENGTHS_TRIED = 3;

  private static final long MAX_TRIES = 3;

  /**
   * libphonenumber's "no region": enough for a number that starts with {@code +} and its country
   * code.
   */
  private static final String NO_REGION = "ZZ";

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String[] regions;

  // The groups of the candidate being scanned: reused, so a scan allocates nothing.
  private final int[] groupEnd = new int[MAX_GROUPS];
  private final int[] groupLength = new int[MAX_GROUPS];
  private final int[] groupValue = new int[MAX_GROUPS];

  /** The separator before group k+1: the character when it is one, 0 for a run of two. */
  private final char[] separator = new char[MAX_GROUPS];

  private final int[] slashesUpTo = new int[MAX_GROUPS];
  private final int[] opensUpTo = new int[MAX_GROUPS];
  private final int[] closesUpTo = new int[MAX_GROUPS];

  /** {@code regions}: ISO 3166 codes, as {@link #regions} checks them. */
  PhoneFinder(List<String> regions) {
    this.regions = PhoneFinder.regions(regions).toArray(new String[0]);
  }

  /**
   * The region codes upper-cased, duplicates dropped; throws {@link IllegalArgumentException} for a
   * code libphonenumber does not know.
   */
  static List<String> regions(Collection<String> codes) {
    Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
    List<String> checked = new ArrayList<>();
    for (String code : codes) {
      String region = code.trim().toUpperCase(Locale.ROOT);
      if (!supported.contains(region)) {
        throw new IllegalArgumentException(
            "unknown phone region '"
                + code
                + "' (an ISO 3166 alpha-2 code libphonenumber knows, such as US, GB, DE, FR)");
      }
      if (!checked.contains(region)) {
        checked.add(region);
      }
    }
    return List.copyOf(checked);
  }

  /**
   * The end of the phone number that starts at {@code from} (where nothing is glued on the left,
   * and {@code text.charAt(from)} is a digit, {@code +} or {@code (}), or -1.
   */
  int end(CharSequence text, int from) {
    int n = text.length();
    char first = text.charAt(from);
    boolean plus = first == '+';
    int i = from;
    if (plus || first == '(') {
      i++;
      if (i >= n || !isDigit(text.charAt(i))) {
        return -1;
      }
    }
    if (!plausibleBefore(text, from, plus)) {
      return -1;
    }
    int groups = 0;
    int slashes = 0;
    int opens = first == '(' ? 1 : 0;
    int closes = 0;
    while (true) {
      int value = 0;
      int start = i;
      while (i < n && isDigit(text.charAt(i))) {
        if (i - start < 4) {
          value = value * 10 + text.charAt(i) - '0';
        }
        i++;
      }
      groupEnd[groups] = i;
      groupLength[groups] = i - start;
      groupValue[groups] = value;
      groups++;
      int runStart = i;
      while (i < n && i - runStart <= MAX_SEPARATOR_RUN && isSeparator(text.charAt(i))) {
        i++;
      }
      int run = i - runStart;
      if (run == 0 || run > MAX_SEPARATOR_RUN || i >= n || !isDigit(text.charAt(i))) {
        break;
      }
      if (groups == MAX_GROUPS) {
        return -1;
      }
      for (int k = runStart; k < i; k++) {
        char c = text.charAt(k);
        if (c == '/') {
          slashes++;
        } else if (c == '(') {
          opens++;
        } else if (c == ')' && ++closes > opens) {
          return -1;
        }
      }
      separator[groups - 1] = run == 1 ? text.charAt(runStart) : 0;
      slashesUpTo[groups] = slashes;
      opensUpTo[groups] = opens;
      closesUpTo[groups] = closes;
    }
    slashesUpTo[0] = 0;
    opensUpTo[0] = first == '(' ? 1 : 0;
    closesUpTo[0] = 0;
    if (!plausibleAfter(text, groupEnd[groups - 1])) {
      return -1;
    }
    int tried = 0;
    for (int g = groups; g >= 1 && tried < MAX_LENGTHS_TRIED; g--) {
      if (g < groups && separator[g - 1] != ' ') {
        continue;
      }
      if (plausibleGroups(g, plus)) {
        tried++;
        int end = groupEnd[g - 1];
        if (libphonenumberMatches(text.subSequence(from, end).toString(), plus)) {
          return end;
        }
      }
    }
    return -1;
  }

  private boolean libphonenumberMatches(String candidate, boolean plus) {
    if (plus) {
      return matchesAll(candidate, NO_REGION);
    }
    for (String region : regions) {
      if (matchesAll(candidate, region)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAll(String candidate, String region) {
    for (PhoneNumberMatch match :
        util.findNumbers(candidate, region, PhoneNumberUtil.Leniency.VALID, MAX_TRIES)) {
      return match.start() == 0 && match.end() == candidate.length();
    }
    return false;
  }

  /** The rules of the class comment on the first {@code g} groups. */
  private boolean plausibleGroups(int g, boolean plus) {
    int digits = 0;
    int singles = 0;
    boolean onlyDots = true;
    boolean shortGroups = true;
    boolean longGroups = true;
    for (int k = 0; k < g; k++) {
      digits += groupLength[k];
      longGroups &= groupLength[k] >= 2;
      singles += groupLength[k] == 1 ? 1 : 0;
      shortGroups &= groupLength[k] <= 3;
      onlyDots &= k == 0 || separator[k - 1] == '.';
    }
    return digits >= MIN_DIGITS
        && digits <= MAX_DIGITS
        && (plus || g >= 2)
        && groupLength[g - 1] >= 2
        && singles <= 1
        && slashesUpTo[g - 1] <= 1
        && opensUpTo[g - 1] == closesUpTo[g - 1]
        && !(onlyDots && (g < 3 || !longGroups || (g == 4 && shortGroups)))
        && (plus || !dateAtHead(g));
  }

  /**
   * Three groups joined by one {@code -}, {@code /} or {@code .} reading as a date, not followed by
   * that separator.
   */
  private boolean dateAtHead(int g) {
    if (g < 3) {
      return false;
    }
    char joint = separator[0];
    if ((joint != '-' && joint != '/' && joint != '.')
        || separator[1] != joint
        || (g > 3 && separator[2] == joint)) {
      return false;
    }
    int l0 = groupLength[0];
    int l1 = groupLength[1];
    int l2 = groupLength[2];
    int v0 = groupValue[0];
    int v1 = groupValue[1];
    int v2 = groupValue[2];
    if (l0 == 4) {
      return isYear(v0) && l1 <= 2 && l2 <= 2 && isMonth(v1) && isDay(v2);
    }
    return l0 <= 2
        && l1 <= 2
        && (l2 == 2 || (l2 == 4 && isYear(v2)))
        && ((isDay(v0) && isMonth(v1)) || (isMonth(v0) && isDay(v1)));
  }

  private static boolean isYear(int value) {
    return value >= 1000 && value <= 2999;
  }

  private static boolean isMonth(int value) {
    return value >= 1 && value <= 12;
  }

  private static boolean isDay(int value) {
    return value >= 1 && value <= 31;
  }

  private static boolean plausibleBefore(CharSequence text, int from, boolean plus) {
    if (from == 0) {
      return true;
    }
    char before = text.charAt(from - 1);
    boolean afterDigit = from >= 2 && isDigit(text.charAt(from - 2));
    return before != '#'
        && Character.getType(before) != Character.CURRENCY_SYMBOL
        && !(afterDigit && (before == ',' || (!plus && isSeparator(before))));
  }

  private static boolean plausibleAfter(CharSequence text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char after = text.charAt(end);
    if (Character.isLetterOrDigit(after)
        || after == '_'
        || after == '%'
        || Character.getType(after) == Character.CURRENCY_SYMBOL) {
      return false;
    }
    if (after == '@') {
      return false;
    }
    char next = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
    return !((after == ':' || after == ',') && isDigit(next))
        && !((after == '.' || after == '-' || after == '_') && Character.isLetterOrDigit(next));
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
