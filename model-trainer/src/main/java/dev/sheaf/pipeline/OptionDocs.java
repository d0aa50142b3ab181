package dev.sheaf.pipeline;

import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the documentation that the commands' settings ({@link StageOption}) determine: {@code
 * examples/sheaf.properties} (every option {@code sheaf pipeline} lets a stage take, with its
 * default) and the option tables of {@code docs/commands/<command>.md}, between {@value #BEGIN} and
 * {@value #END}; the prose around them is left as it is. {@code OptionDocsTest} fails when a
 * committed file differs from what this generates; {@link #main} rewrites them.
 */
public final class OptionDocs {
  /** The line that opens a command page's generated block. */
  public static final String BEGIN =
      "<!-- options:begin (generated from the command's settings) -->";

  /** The line that closes it. */
  public static final String END = "<!-- options:end -->";

  /** How to rewrite the generated files, for the test's failure message. */
  public static final String REGENERATE =
      "SHEAF_REGENERATE_DOCS=1 mvn -B -o -q -pl model-trainer -am test -Dtest=OptionDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  private static final String PROPERTIES_HEADER =
      """
      # sheaf pipeline settings: every option of every stage, STAGE.OPTION=VALUE, with its default.
      # Generated from the commands' settings (OptionDocs): do not edit by hand.
      # Uncomment a line to change it, or override any key on the command line:
      #   bin/sheaf pipeline --input raw/ --work work/ --conf sheaf.properties --set train.epochs=5
      # Flags take true or false; an option that repeats (clean.rule) takes several values separated by
      # spaces. The pipeline sets each stage's --input, --output, --format, --shards, --model and
      # --overwrite/--resume itself; dedupe reads --input/--format of the pipeline, the later stages the
      # previous stage's output. vectorize takes shard.split and shard.seed unless it sets its own. An
      # empty value below means "no default value": the option is off unless set.
      """;

  private OptionDocs() {}

  /**
   * The text of {@code examples/sheaf.properties}: per stage in pipeline order, every option the
   * pipeline does not set itself, by name, as a comment line (its help) and a commented {@code
   * stage.option=default} line ({@code false} for a flag, empty where there is no default).
   */
  public static String properties() {
    StringBuilder text = new StringBuilder(PROPERTIES_HEADER);
    for (Stage stage : Stage.values()) {
      text.append("\n# ---- ")
          .append(stage.command())
          .append(" (bin/sheaf ")
          .append(stage.command())
          .append(" --help)\n");
      List<OptionSpec> settable = new ArrayList<>();
      for (StageOption setting : Sheaf.command(stage.command()).settings()) {
        OptionSpec spec = setting.spec();
        if (!spec.isConfigOnly() && !stage.managed(spec.name())) {
          settable.add(spec);
        }
      }
      settable.sort(Comparator.comparing(OptionSpec::name));
      if (settable.isEmpty()) {
        text.append("# (none to set: the pipeline sets every option of ")
            .append(stage.command())
            .append(")\n");
      }
      for (OptionSpec spec : settable) {
        String value =
            spec.defaultValue() != null ? spec.defaultValue() : spec.isFlag() ? "false" : "";
        text.append("# ")
            .append(spec.help())
            .append('\n')
            .append('#')
            .append(stage.command())
            .append('.')
            .append(spec.name())
            .append('=')
            .append(value)
            .append('\n');
      }
    }
    return text.toString();
  }

  /**
   * The generated block of {@code command}'s page, {@link #BEGIN} to {@link #END} inclusive: a
   * Markdown table of its options (option, default, configuration key, description) and one of the
   * keys only {@code -D} can set, in declaration order.
   *
   * @throws IllegalArgumentException when no command has that name
   */
  public static String optionBlock(String command) {
    SheafCommand sheaf = Sheaf.command(command);
    if (sheaf == null) {
      throw new IllegalArgumentException("no command " + command);
    }
    StringBuilder options = new StringBuilder();
    StringBuilder keys = new StringBuilder();
    for (StageOption setting : sheaf.settings()) {
      OptionSpec spec = setting.spec();
      if (spec.isConfigOnly()) {
        keys.append("| `")
            .append(spec.configKey())
            .append("` | ")
            .append(code(spec.defaultValue()))
            .append(" | ")
            .append(prose(spec.description()))
            .append(" |\n");
        continue;
      }
      String option = "--" + spec.name() + (spec.isFlag() ? "" : " " + spec.argName());
      options
          .append("| `")
          .append(cell(option))
          .append("` | ")
          .append(code(spec.defaultValue()))
          .append(" | ")
          .append(code(spec.configKey()))
          .append(" | ")
          .append(spec.required() ? "required; " : "")
          .append(prose(spec.description()))
          .append(" |\n");
    }
    StringBuilder block = new StringBuilder(BEGIN).append('\n');
    block
        .append("| option | default | configuration key | description |\n")
        .append("| --- | --- | --- | --- |\n")
        .append(options);
    if (keys.length() > 0) {
      block
          .append("\nConfiguration keys only `-D` can set:\n\n")
          .append("| key | default | description |\n")
          .append("| --- | --- | --- |\n")
          .append(keys);
    }
    return block.append(END).append('\n').toString();
  }

  /**
   * {@code page} with its generated block replaced by {@link #optionBlock}, or, where it has none,
   * with an {@code ## Options} section holding the block appended.
   */
  public static String withOptionBlock(String page, String command) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      return page.stripTrailing() + "\n\n## Options\n\n" + optionBlock(command);
    }
    int after = page.indexOf('\n', end);
    return page.substring(0, begin)
        + optionBlock(command)
        + (after < 0 ? "" : page.substring(after + 1));
  }

  /** A Markdown table cell's text: pipes escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** Text outside code: {@code <file>:<offset>} would otherwise read as HTML tags and vanish. */
  private static String prose(String text) {
    return cell(text).replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A value as inline code, or empty. */
  private static String code(String value) {
    return value == null || value.isEmpty() ? "" : "`" + cell(value) + "`";
  }

  /**
   * Rewrites {@code examples/sheaf.properties} and every {@code docs/commands/<command>.md} under
   * the repository root {@code args[0]} (default: the parent of the working directory, as when run
   * from a module).
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "..");
    Files.writeString(
        root.resolve("examples").resolve("sheaf.properties"), properties(), StandardCharsets.UTF_8);
    for (String command : Sheaf.commandNames()) {
      Path page = root.resolve("docs").resolve("commands").resolve(command + ".md");
      if (Files.exists(page)) {
        Files.writeString(
            page,
            withOptionBlock(Files.readString(page, StandardCharsets.UTF_8), command),
            StandardCharsets.UTF_8);
      }
    }
  }
}
