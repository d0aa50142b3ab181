package dev.sheaf.common;

import org.apache.commons.cli.CommandLine;

/** Parses option values users type, failing with a {@link UsageException} that names the option. */
public final class OptionValues {
  private OptionValues() {}

  /** A positive integer option, or {@code defaultValue} when absent. */
  public static int positiveInt(CommandLine line, String option, int defaultValue) {
    if (!line.hasOption(option)) {
      return defaultValue;
    }
    String value = line.getOptionValue(option);
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + option + " must be a positive integer (got '" + value + "')");
  }

  /**
   * A positive integer option, or {@code defaultValue} when absent.
   *
   * @throws UsageException naming the option when the value is not a positive integer
   */
  public static int positiveInt(CommandLine line, StageOption option, int defaultValue) {
    return positiveInt(line, option.optionName(), defaultValue);
  }

  /** A number of at least 0 that {@code option} takes, parsed from {@code value}. */
  public static double nonNegative(String option, String value) {
    try {
      double parsed = Double.parseDouble(value.trim());
      if (parsed >= 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " must be a number of at least 0 (got '" + value + "')");
  }
}
