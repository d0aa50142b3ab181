package dev.sheaf.common;

import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;

/**
 * A {@code sheaf} subcommand: a Hadoop {@link Tool} (so {@code ToolRunner} handles {@code -D},
 * {@code -conf}, {@code -libjars}, {@code -files} before the command's own options) whose options
 * are parsed with Commons CLI. {@code --help} prints the usage; a bad option is a {@link
 * UsageException}.
 */
public abstract class SheafCommand extends Configured implements Tool {
  private final String name;
  private final String summary;

  /**
   * @param name the name users type: {@code dedupe}, {@code inspect}, ...
   * @param summary one line for {@code sheaf --help}
   */
  protected SheafCommand(String name, String summary) {
    this.name = name;
    this.summary = summary;
  }

  /** The name users type: {@code dedupe}, {@code inspect}, ... */
  public final String name() {
    return name;
  }

  /** One line for {@code sheaf --help}. */
  public final String summary() {
    return summary;
  }

  /** The argument synopsis after the command name, for {@code --help}. */
  protected String synopsis() {
    return "[OPTIONS]";
  }

  /**
   * The command's own options ({@link StageOption#toOptions} of its settings); {@code --help} is
   * added here.
   */
  protected abstract Options options();

  /**
   * The command's settings: its options and the configuration keys only {@code -D} can set, one
   * {@link StageOption} each ({@code --help} not among them), as {@link #options()} was built from.
   *
   * @return the settings in declaration order; empty when the options were not built from settings
   */
  public final List<StageOption> settings() {
    return options() instanceof CommandOptions built ? built.settings() : List.of();
  }

  /** The command's own options, for callers that check option names (the pipeline's properties). */
  public final Options declaredOptions() {
    return options();
  }

  /**
   * The setting whose option users type as {@code --name} ({@link CommandOption#HELP} for {@code
   * help}), or null when the command has none.
   */
  public final StageOption declaredOption(String name) {
    if (name.equals(CommandOption.HELP.optionName())) {
      return CommandOption.HELP;
    }
    for (StageOption setting : settings()) {
      if (name.equals(setting.optionName())) {
        return setting;
      }
    }
    return null;
  }

  /** Runs the command with its parsed options; returns the exit code. */
  protected abstract int execute(CommandLine line) throws Exception;

  @Override
  public final int run(String[] args) throws Exception {
    Options options = options();
    options.addOption(CommandOption.HELP.spec().toOption());
    // before parsing, so that --help works without the required options
    if (java.util.Arrays.asList(args).contains("--help")
        || java.util.Arrays.asList(args).contains("-h")) {
      printHelp(options);
      return 0;
    }
    CommandLine line;
    try {
      line = new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
    checkNumericConfigKeys();
    return execute(line);
  }

  /**
   * A {@code -D} value for one of the command's {@code -D}-only keys whose default is a whole
   * number must be one: a usage error naming the key, before any job, instead of a failure with
   * Java's exception name when the stage reads it.
   */
  private void checkNumericConfigKeys() {
    for (StageOption setting : settings()) {
      OptionSpec spec = setting.spec();
      String value = spec.isConfigOnly() ? getConf().getTrimmed(spec.configKey()) : null;
      if (value == null || !isWholeNumber(spec.defaultValue())) {
        continue;
      }
      try {
        getConf().getLong(spec.configKey(), 0);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "-D " + spec.configKey() + " must be a whole number (got '" + value + "')");
      }
    }
  }

  private static boolean isWholeNumber(String text) {
    return text != null && text.matches("-?[0-9]+");
  }

  private void printHelp(Options options) {
    HelpFormatter formatter = HelpFormatter.builder().get();
    PrintWriter out = new PrintWriter(System.out);
    formatter.printHelp(
        out,
        100,
        "sheaf " + name() + " " + synopsis(),
        summary(),
        options,
        2,
        4,
        "Hadoop generic options (-D key=value, -conf FILE, -libjars, -files) go before the command's own.");
    String configOnly = StageOption.configOnlyHelp(settings());
    if (!configOnly.isEmpty()) {
      out.println();
      out.print(configOnly);
    }
    out.flush();
  }
}
