package dev.sheaf.pipeline;

import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The parsed options of {@code sheaf pipeline}: the input, the work directory, the stage range, and
 * each stage's own options, from a properties file ({@code STAGE.OPTION=VALUE}, e.g. {@code
 * train.epochs=5}; {@code true}/{@code false} for flags; several values of a repeatable option
 * separated by spaces) overridden by {@code --set STAGE.OPTION=VALUE}. Every key must name an
 * option of its stage's command that the pipeline does not set itself.
 */
record PipelineOptions(
    List<Path> inputs,
    String format,
    Path work,
    boolean resume,
    boolean overwrite,
    Stage from,
    Stage to,
    Map<Stage, List<String>> stageArguments,
    Map<String, String> settings) {

  /** The options of {@code sheaf pipeline}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(List.of(PipelineOption.values()));
  }

  static PipelineOptions parse(CommandLine line, Configuration conf) throws IOException {
    if (PipelineOption.RESUME.isSet(line) && PipelineOption.OVERWRITE.isSet(line)) {
      throw new UsageException(
          PipelineOption.RESUME.flag()
              + " and "
              + PipelineOption.OVERWRITE.flag()
              + " exclude each other");
    }
    List<Path> inputs = new ArrayList<>();
    for (String part : PipelineOption.INPUT.value(line).split(",")) {
      if (!part.isBlank()) {
        inputs.add(new Path(part.trim()));
      }
    }
    Stage from = stage(line, PipelineOption.FROM, Stage.DEDUPE);
    Stage to = stage(line, PipelineOption.TO, Stage.EVALUATE);
    if (from.ordinal() > to.ordinal()) {
      throw new UsageException(
          PipelineOption.FROM.flag()
              + " "
              + from.command()
              + " comes after "
              + PipelineOption.TO.flag()
              + " "
              + to.command());
    }
    Map<String, String> settings = new TreeMap<>();
    if (PipelineOption.CONF.isSet(line)) {
      Path file = new Path(PipelineOption.CONF.value(line));
      if (!file.getFileSystem(conf).isFile(file)) {
        throw new UsageException(PipelineOption.CONF.flag() + " " + file + " is not a file");
      }
      Properties properties = new Properties();
      properties.load(new StringReader(String.join("\n", TextFiles.readAllLines(conf, file))));
      properties
          .stringPropertyNames()
          .forEach(key -> settings.put(key.trim(), properties.getProperty(key).trim()));
    }
    if (PipelineOption.SET.values(line) != null) {
      for (String assignment : PipelineOption.SET.values(line)) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
          throw new UsageException(
              PipelineOption.SET.flag() + " takes STAGE.OPTION=VALUE (got '" + assignment + "')");
        }
        settings.put(
            assignment.substring(0, equals).trim(), assignment.substring(equals + 1).trim());
      }
    }
    return new PipelineOptions(
        inputs,
        PipelineOption.FORMAT.value(line, InputFormatKind.JSONL.optionValue()),
        new Path(PipelineOption.WORK.value(line)),
        PipelineOption.RESUME.isSet(line),
        PipelineOption.OVERWRITE.isSet(line),
        from,
        to,
        stageArguments(settings),
        settings);
  }

  private static Stage stage(CommandLine line, PipelineOption option, Stage fallback) {
    if (!option.isSet(line)) {
      return fallback;
    }
    Stage stage = Stage.parse(option.value(line).trim());
    if (stage == null) {
      throw new UsageException(
          option.flag()
              + " must be dedupe, clean, vectorize, shard, train or evaluate (got '"
              + option.value(line)
              + "')");
    }
    return stage;
  }

  /**
   * Each stage's arguments from the settings, checked against the stage command's options; keys in
   * order.
   */
  static Map<Stage, List<String>> stageArguments(Map<String, String> settings) {
    Map<Stage, List<String>> arguments = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      arguments.put(stage, new ArrayList<>());
    }
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String key = setting.getKey();
      int dot = key.indexOf('.');
      Stage stage = dot > 0 ? Stage.parse(key.substring(0, dot)) : null;
      if (stage == null) {
        throw new UsageException(
            "pipeline setting '"
                + key
                + "': keys are STAGE.OPTION, STAGE one of dedupe, clean,"
                + " vectorize, shard, train, evaluate");
      }
      String name = key.substring(dot + 1);
      Option option = Sheaf.command(stage.command()).declaredOptions().getOption(name);
      if (option == null || stage.managed(name)) {
        throw new UsageException(
            "pipeline setting '"
                + key
                + "': "
                + (option == null
                    ? "sheaf " + stage.command() + " has no option --" + name
                    : "the pipeline sets --" + name + " itself"));
      }
      String value = setting.getValue();
      List<String> args = arguments.get(stage);
      if (!option.hasArg()) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new UsageException(
              "pipeline setting '"
                  + key
                  + "': --"
                  + name
                  + " is a flag; give true or false (got '"
                  + value
                  + "')");
        }
        if (value.equalsIgnoreCase("true")) {
          args.add("--" + name);
        }
      } else if (option.hasArgs()) {
        for (String part : value.split("\\s+")) {
          if (!part.isEmpty()) {
            args.add("--" + name);
            args.add(part);
          }
        }
      } else {
        args.add("--" + name);
        args.add(value);
      }
    }
    shareSplit(settings, arguments.get(Stage.VECTORIZE));
    return arguments;
  }

  /**
   * One set of split options for vectorize (which fits its features on the train split) and shard
   * (which assigns it): shard's {@code split}, {@code seed} and {@code stratify} settings reach
   * vectorize unless vectorize sets its own ({@code stratify}: features fitted on every document,
   * since stratified splits are known only once shard has counted the labels).
   */
  private static void shareSplit(Map<String, String> settings, List<String> vectorize) {
    if (settings.containsKey("vectorize.fit-on")
        || settings.containsKey("vectorize.split")
        || settings.containsKey("vectorize.seed")) {
      return;
    }
    if ("true".equalsIgnoreCase(settings.getOrDefault("shard.stratify", "false"))) {
      vectorize.addAll(List.of("--fit-on", "all"));
      return;
    }
    for (String option : new String[] {"split", "seed"}) {
      String value = settings.get("shard." + option);
      if (value != null) {
        vectorize.addAll(List.of("--" + option, value));
      }
    }
  }
}
