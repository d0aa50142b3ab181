package dev.sheaf.clean;

import java.util.Locale;

/**
 * What a group of document rules found: the rule that fired and what it measured (e.g. {@code
 * "words 12 < 50"}), and the limits and enabled rules the group reads. Shared by the rule groups so
 * each states a failure the same way.
 */
abstract class RuleCheck {
  private final double[] limits;
  private final java.util.Set<FilterRule> enabled;
  private String detail;

  RuleCheck(double[] limits, java.util.Set<FilterRule> enabled) {
    this.limits = limits;
    this.enabled = enabled;
  }

  /** What the rule that fired last measured. */
  final String detail() {
    return detail;
  }

  final boolean on(FilterRule rule) {
    return enabled.contains(rule);
  }

  final double limit(QualityLimit limit) {
    return limits[limit.ordinal()];
  }

  final FilterRule fail(
      FilterRule rule, String what, double value, String relation, QualityLimit limit) {
    detail = what + " " + format(value) + " " + relation + " " + format(limit(limit));
    return rule;
  }

  final FilterRule fail(FilterRule rule, String why) {
    detail = why;
    return rule;
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }
}
