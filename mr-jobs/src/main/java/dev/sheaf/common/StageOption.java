package dev.sheaf.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * One setting of a command, implemented by one enum per command (one constant per option or {@code
 * -D}-only key), so that a setting's name, argument, help, default, configuration key and part in
 * {@code sheaf pipeline} are written once ({@link OptionSpec}). The parsing code reads the command
 * line through these constants, never through option names as string literals.
 */
public interface StageOption {
  /** What this setting is. */
  OptionSpec spec();

  /** The long option name ({@code near-threshold}); null for a {@code -D}-only key. */
  default String optionName() {
    return spec().name();
  }

  /** The option as users type it, for messages: {@code --near-threshold}. */
  default String flag() {
    return "--" + spec().name();
  }

  /** Whether the option is on the command line. */
  default boolean isSet(CommandLine line) {
    return line.hasOption(spec().name());
  }

  /** The option's value, or null when absent. */
  default String value(CommandLine line) {
    return line.getOptionValue(spec().name());
  }

  /** The option's value, or {@code fallback} when absent. */
  default String value(CommandLine line, String fallback) {
    return line.getOptionValue(spec().name(), fallback);
  }

  /** Every value of a repeated option, or null when absent. */
  default String[] values(CommandLine line) {
    return line.getOptionValues(spec().name());
  }

  /** This setting with another default (a shared option whose default differs by command). */
  default StageOption withDefault(Object value) {
    OptionSpec changed = spec().withDefault(value);
    return () -> changed;
  }

  /**
   * The Commons CLI options of {@code settings}, {@code -D}-only keys left out.
   *
   * @param settings a command's settings, in any order
   * @return new options holding one option per command-line setting, and the settings
   */
  static CommandOptions toOptions(List<? extends StageOption> settings) {
    return new CommandOptions(settings);
  }

  /**
   * The settings of several groups in order (a command's own enum after the shared input options,
   * say).
   *
   * @param groups lists of settings ({@code List.of(SomeOption.values())}, say)
   * @return one list, the groups' settings in order
   */
  @SafeVarargs
  static List<StageOption> concat(List<? extends StageOption>... groups) {
    List<StageOption> all = new ArrayList<>();
    for (List<? extends StageOption> group : groups) {
      all.addAll(group);
    }
    return all;
  }

  /**
   * The {@code --help} section listing the {@code -D}-only keys of {@code settings}: one line per
   * key with its default, then its description, indented; empty when there is none.
   */
  static String configOnlyHelp(List<? extends StageOption> settings) {
    StringBuilder text = new StringBuilder();
    for (StageOption setting : settings) {
      OptionSpec spec = setting.spec();
      if (spec.isConfigOnly()) {
        text.append("  -D ")
            .append(spec.configKey())
            .append('=')
            .append(spec.defaultValue() == null ? "" : spec.defaultValue())
            .append('\n');
        wrap(text, spec.description(), "      ", 100);
      }
    }
    return text.length() == 0 ? "" : "Configuration keys only -D can set (key=default):\n" + text;
  }

  /**
   * Appends {@code words} as lines of at most {@code width} characters, each after {@code indent}.
   */
  private static void wrap(StringBuilder text, String words, String indent, int width) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : words.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        text.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    text.append(line).append('\n');
  }
}
