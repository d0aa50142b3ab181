package dev.sheaf.pipeline;

import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.InputFormatKind;
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

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("input")
            .hasArg()
            .argName("PATH")
            .required()
            .desc("the raw input: files or directories, separated by commas")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("format")
            .hasArg()
            .argName("FORMAT")
            .desc(InputFormatKind.names() + " (default jsonl)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("work")
            .hasArg()
            .argName("DIR")
            .required()
            .desc(
                "where the stages write: dedupe/, clean/, vectors/, shards/, model/, eval.json, _pipeline/")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("conf")
            .hasArg()
            .argName("FILE")
            .desc(
                "the stages' options as STAGE.OPTION=VALUE lines (examples/sheaf.properties lists them all)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("set")
            .hasArgs()
            .argName("STAGE.OPTION=VALUE")
            .desc("a stage option, over the --conf file's (repeat for several)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("resume")
            .desc("skip each stage whose output matches its input and options; rerun the rest")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("overwrite")
            .desc("rerun every stage, replacing the outputs")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("from")
            .hasArg()
            .argName("STAGE")
            .desc(
                "start at STAGE (dedupe, clean, vectorize, shard, train, evaluate); the earlier outputs must exist")
            .build());
    options.addOption(
        Option.builder().longOpt("to").hasArg().argName("STAGE").desc("stop after STAGE").build());
    return options;
  }

  static PipelineOptions parse(CommandLine line, Configuration conf) throws IOException {
    if (line.hasOption("resume") && line.hasOption("overwrite")) {
      throw new UsageException("--resume and --overwrite exclude each other");
    }
    List<Path> inputs = new ArrayList<>();
    for (String part : line.getOptionValue("input").split(",")) {
      if (!part.isBlank()) {
        inputs.add(new Path(part.trim()));
      }
    }
    Stage from = stage(line, "from", Stage.DEDUPE);
    Stage to = stage(line, "to", Stage.EVALUATE);
    if (from.ordinal() > to.ordinal()) {
      throw new UsageException("--from " + from.command() + " comes after --to " + to.command());
    }
    Map<String, String> settings = new TreeMap<>();
    if (line.hasOption("conf")) {
      Path file = new Path(line.getOptionValue("conf"));
      if (!file.getFileSystem(conf).isFile(file)) {
        throw new UsageException("--conf " + file + " is not a file");
      }
      Properties properties = new Properties();
      properties.load(new StringReader(String.join("\n", TextFiles.readAllLines(conf, file))));
      properties
          .stringPropertyNames()
          .forEach(key -> settings.put(key.trim(), properties.getProperty(key).trim()));
    }
    if (line.getOptionValues("set") != null) {
      for (String assignment : line.getOptionValues("set")) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
          throw new UsageException("--set takes STAGE.OPTION=VALUE (got '" + assignment + "')");
        }
        settings.put(
            assignment.substring(0, equals).trim(), assignment.substring(equals + 1).trim());
      }
    }
    return new PipelineOptions(
        inputs,
        line.getOptionValue("format", "jsonl"),
        new Path(line.getOptionValue("work")),
        line.hasOption("resume"),
        line.hasOption("overwrite"),
        from,
        to,
        stageArguments(settings),
        settings);
  }

  private static Stage stage(CommandLine line, String option, Stage fallback) {
    if (!line.hasOption(option)) {
      return fallback;
    }
    Stage stage = Stage.parse(line.getOptionValue(option).trim());
    if (stage == null) {
      throw new UsageException(
          "--"
              + option
              + " must be dedupe, clean, vectorize, shard, train or evaluate (got '"
              + line.getOptionValue(option)
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
