package dev.sheaf.common;

import java.util.Objects;
import org.apache.commons.cli.Option;

/**
 * Everything about one setting of a command, written once: its command-line name, its argument name
 * (null for a flag), its help text (without the default, which {@link #help()} appends), its
 * default as a user would type it, its configuration key, whether it repeats, whether it is
 * required, and whether {@code sheaf pipeline} sets it itself. A setting without a command-line
 * name is a configuration key only {@code -D} can set ({@link #configOnly}).
 *
 * <p>Built with {@link #flag}, {@link #valued} or {@link #configOnly} and the {@code with}-style
 * methods, each returning a new spec; held by one enum constant per setting ({@link StageOption}),
 * as Hadoop DistCp's {@code DistCpOptionSwitch} does.
 *
 * @param name the long option name users type after {@code --}; null for a {@code -D}-only key
 * @param shortName the one-letter option, or null
 * @param argName the argument's name in {@code --help}, or null for a flag
 * @param repeated whether the option may be given several times (each value kept)
 * @param required whether the command refuses to run without it
 * @param description what the setting does, without its default
 * @param defaultValue the default as typed on the command line (or in a properties file), or null
 *     when there is none or the description says how it is chosen
 * @param configKey the job configuration key that carries the value to tasks, or null
 * @param pipeline whether {@code sheaf pipeline} sets it itself
 */
public record OptionSpec(
    String name,
    String shortName,
    String argName,
    boolean repeated,
    boolean required,
    String description,
    String defaultValue,
    String configKey,
    PipelineRole pipeline) {

  /** Checks that a spec has a name or a key, and a description. */
  public OptionSpec {
    if (name == null && configKey == null) {
      throw new IllegalArgumentException("a setting needs an option name or a configuration key");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(pipeline, "pipeline");
  }

  /** A flag {@code --name}: present or absent, no argument. */
  public static OptionSpec flag(String name, String description) {
    return new OptionSpec(
        name, null, null, false, false, description, null, null, PipelineRole.SETTABLE);
  }

  /** An option {@code --name ARG} taking one value. */
  public static OptionSpec valued(String name, String argName, String description) {
    return new OptionSpec(
        name, null, argName, false, false, description, null, null, PipelineRole.SETTABLE);
  }

  /** A configuration key that no option sets: only {@code -D key=value} (or {@code -conf}). */
  public static OptionSpec configOnly(String configKey, Object defaultValue, String description) {
    return new OptionSpec(
        null,
        null,
        null,
        false,
        false,
        description,
        defaultValue == null ? null : String.valueOf(defaultValue),
        configKey,
        PipelineRole.SETTABLE);
  }

  /**
   * This spec with a default ({@link String#valueOf} of {@code value}, as a user would type it).
   */
  public OptionSpec withDefault(Object value) {
    return new OptionSpec(
        name,
        shortName,
        argName,
        repeated,
        required,
        description,
        value == null ? null : String.valueOf(value),
        configKey,
        pipeline);
  }

  /** This spec carrying its value to tasks under {@code key}. */
  public OptionSpec withKey(String key) {
    return new OptionSpec(
        name, shortName, argName, repeated, required, description, defaultValue, key, pipeline);
  }

  /** This spec with a one-letter option besides the long one. */
  public OptionSpec withShortName(String letter) {
    return new OptionSpec(
        name, letter, argName, repeated, required, description, defaultValue, configKey, pipeline);
  }

  /** This spec as an option that may be given several times. */
  public OptionSpec repeatable() {
    return new OptionSpec(
        name, shortName, argName, true, required, description, defaultValue, configKey, pipeline);
  }

  /** This spec as an option the command requires. */
  public OptionSpec mandatory() {
    return new OptionSpec(
        name, shortName, argName, repeated, true, description, defaultValue, configKey, pipeline);
  }

  /** This spec with its part in {@code sheaf pipeline}. */
  public OptionSpec setBy(PipelineRole role) {
    return new OptionSpec(
        name, shortName, argName, repeated, required, description, defaultValue, configKey, role);
  }

  /** Whether this is a configuration key only {@code -D} can set (no command-line option). */
  public boolean isConfigOnly() {
    return name == null;
  }

  /** Whether the option takes no argument. */
  public boolean isFlag() {
    return argName == null;
  }

  /** The help line: the description and, where there is a default, {@code (default X)}. */
  public String help() {
    return defaultValue == null ? description : description + " (default " + defaultValue + ")";
  }

  /**
   * The Commons CLI option for this spec.
   *
   * @throws IllegalStateException for a {@code -D}-only key
   */
  public Option toOption() {
    if (isConfigOnly()) {
      throw new IllegalStateException(configKey + " is a configuration key, not an option");
    }
    Option.Builder builder =
        Option.builder(shortName).longOpt(name).desc(help()).required(required);
    if (argName != null) {
      builder.argName(argName);
      if (repeated) {
        builder.hasArgs();
      } else {
        builder.hasArg();
      }
    }
    return builder.build();
  }
}
