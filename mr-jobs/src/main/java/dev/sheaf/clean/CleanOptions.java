package dev.sheaf.clean;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The command line of {@code sheaf clean}: its options ({@link #options}) and their parsing and
 * validation into the run's input, output and task settings ({@link #parse}).
 */
public record CleanOptions(
    InputOptions input,
    Path output,
    boolean overwrite,
    CleanSettings settings,
    String boilerplateSource) {

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.AVRO);
    StagePaths.addOutputOptions(
        options, "cleaned documents, _filtered/, _rejects/, _MANIFEST.json", true);
    options.addOption(
        Option.builder()
            .longOpt("keep-filtered")
            .desc("write each dropped document, with its rule and an excerpt, to _filtered/")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("html")
            .hasArg()
            .argName("MODE")
            .desc(
                "turn HTML into text: auto (default: when the text has HTML tags or an HTML content type), "
                    + "always, never")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("no-parse-email")
            .desc(
                "keep raw RFC 822 messages in the text as they are (default: parse them to subject and body)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("strip-quotes")
            .desc(
                "remove e-mail quoting: '>' lines, the 'wrote:' line before them, forwarded originals, signatures")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("no-normalize")
            .desc(
                "leave characters and white space as they are (default: NFKC, controls removed, quotes and dashes "
                    + "as ASCII, white space collapsed)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("no-fix-mojibake")
            .desc("count mojibake (UTF-8 read as Windows-1252) but do not repair it")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("boilerplate")
            .hasArg()
            .argName("FILE")
            .desc(
                "remove lines containing a phrase of FILE (one a line, any case, '#' comments), or of the built-in "
                    + "list of bulk-mail and web footers with 'built-in' (default: no boilerplate removal; in a labelled "
                    + "corpus such lines can be the signal)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("no-boilerplate")
            .desc("remove no boilerplate (the default)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("drop-letterless-lines")
            .desc("remove lines without a letter (default: kept)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("keep-letterless-lines")
            .desc("keep lines without a letter (the default)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("preset")
            .hasArg()
            .argName("NAMES")
            .desc(
                "web-text document rules to apply, comma separated: "
                    + String.join(", ", Preset.names())
                    + " (gopher = both Gopher sets, web = all; default: none, every document is kept)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("rules")
            .hasArg()
            .argName("RULES")
            .desc(
                "document rules to apply besides the presets', comma separated: "
                    + String.join(", ", qualityRuleNames()))
            .build());
    options.addOption(
        Option.builder()
            .longOpt("disable-rules")
            .hasArg()
            .argName("RULES")
            .desc("document rules not to apply (of the presets'), comma separated, or 'all'")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("rule")
            .hasArgs()
            .argName("NAME=VALUE")
            .desc(
                "set a document rule's limit and apply that rule (repeat for several): "
                    + String.join(", ", limitNames()))
            .build());
    options.addOption(
        Option.builder()
            .longOpt("languages")
            .hasArg()
            .argName("CODES")
            .desc(
                "keep only documents in these languages, e.g. en,de (default: no language filter)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("min-language-score")
            .hasArg()
            .argName("P")
            .desc(
                "with --languages: below this probability of the most probable language, a text is undetermined "
                    + "(default 0.5); so is one of fewer than "
                    + LanguageFilter.MIN_LETTERS
                    + " letters")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("undetermined")
            .hasArg()
            .argName("keep|drop")
            .desc(
                "with --languages: keep (default) or drop documents whose language is undetermined")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("mask-pii")
            .hasArg()
            .argName("TYPES")
            .desc(
                "personal data to mask, comma separated (default all: email, ipv4, ipv6, phone, credit-card)")
            .build());
    options.addOption(
        Option.builder().longOpt("no-mask-pii").desc("mask no personal data").build());
    options.addOption(
        Option.builder()
            .longOpt("phone-regions")
            .hasArg()
            .argName("CODES")
            .desc(
                "ISO 3166 regions whose national phone formats to mask, e.g. GB,DE (default US; numbers with + are "
                    + "masked whatever the regions)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("max-chars")
            .hasArg()
            .argName("N")
            .desc(
                "cut longer texts at the last word boundary before N characters (default: no limit)")
            .build());
    return options;
  }

  static CleanOptions parse(CommandLine line, Configuration conf) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.AVRO);
    CleanSettings defaults = CleanSettings.defaults();
    HtmlMode html =
        line.hasOption("html") ? HtmlMode.parse(line.getOptionValue("html")) : HtmlMode.AUTO;
    if (line.hasOption("boilerplate") && line.hasOption("no-boilerplate")) {
      throw new UsageException("--boilerplate and --no-boilerplate exclude each other");
    }
    List<String> boilerplate = List.of();
    String boilerplateSource = "none";
    if (line.hasOption("boilerplate")) {
      boilerplateSource = line.getOptionValue("boilerplate");
      boilerplate = Boilerplate.load(boilerplateSource, conf);
    }
    if (line.hasOption("drop-letterless-lines") && line.hasOption("keep-letterless-lines")) {
      throw new UsageException(
          "--drop-letterless-lines and --keep-letterless-lines exclude each other");
    }
    Set<FilterRule> enabled = EnumSet.noneOf(FilterRule.class);
    for (String name : valuesOf(line, "preset")) {
      Preset.parse(name).forEach(preset -> enabled.addAll(preset.rules()));
    }
    for (String name : valuesOf(line, "rules")) {
      enabled.add(qualityRule("--rules", name));
    }
    double[] limits = defaults.limits().clone();
    for (String assignment : valuesOf(line, "rule")) {
      int equals = assignment.indexOf('=');
      QualityLimit limit =
          equals < 0 ? null : QualityLimit.fromOptionValue(assignment.substring(0, equals).trim());
      if (limit == null) {
        throw new UsageException(
            "--rule takes NAME=VALUE with NAME one of "
                + String.join(", ", limitNames())
                + " (got '"
                + assignment
                + "')");
      }
      limits[limit.ordinal()] =
          OptionValues.nonNegative(
              "--rule " + limit.optionValue(), assignment.substring(equals + 1));
      enabled.add(limit.rule());
    }
    for (String name : valuesOf(line, "disable-rules")) {
      if (name.equals("all")) {
        enabled.clear();
      } else {
        enabled.remove(qualityRule("--disable-rules", name));
      }
    }
    Set<String> languages = new TreeSet<>(valuesOf(line, "languages"));
    Set<String> known = LanguageFilter.knownLanguages();
    for (String language : languages) {
      if (!known.contains(language)) {
        throw new UsageException(
            "--languages: unknown language '" + language + "'; known: " + String.join(",", known));
      }
    }
    double minScore = CleanSettings.DEFAULT_MIN_LANGUAGE_SCORE;
    if (line.hasOption("min-language-score")) {
      if (languages.isEmpty()) {
        throw new UsageException("--min-language-score applies with --languages only");
      }
      minScore =
          OptionValues.nonNegative(
              "--min-language-score", line.getOptionValue("min-language-score"));
      if (minScore > 1) {
        throw new UsageException("--min-language-score must be at most 1 (got " + minScore + ")");
      }
    }
    if (!languages.isEmpty()) {
      enabled.add(FilterRule.LANGUAGE);
    }
    boolean keepUndetermined = true;
    if (line.hasOption("undetermined")) {
      if (languages.isEmpty()) {
        throw new UsageException("--undetermined applies with --languages only");
      }
      String value = line.getOptionValue("undetermined").strip();
      if (!value.equals("keep") && !value.equals("drop")) {
        throw new UsageException("--undetermined takes keep or drop (got '" + value + "')");
      }
      keepUndetermined = value.equals("keep");
    }
    if (line.hasOption("mask-pii") && line.hasOption("no-mask-pii")) {
      throw new UsageException("--mask-pii and --no-mask-pii exclude each other");
    }
    Set<PiiType> pii =
        line.hasOption("no-mask-pii")
            ? EnumSet.noneOf(PiiType.class)
            : EnumSet.allOf(PiiType.class);
    if (line.hasOption("mask-pii")) {
      pii = EnumSet.noneOf(PiiType.class);
      for (String name : valuesOf(line, "mask-pii")) {
        pii.add(piiType(name));
      }
    }
    List<String> phoneRegions = PhoneFinder.DEFAULT_REGIONS;
    if (line.hasOption("phone-regions")) {
      try {
        phoneRegions = PiiMasker.phoneRegions(valuesOf(line, "phone-regions"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--phone-regions: " + e.getMessage());
      }
    }
    int maxChars = OptionValues.positiveInt(line, "max-chars", 0);
    CleanSettings settings =
        new CleanSettings(
            html,
            !line.hasOption("no-parse-email"),
            line.hasOption("strip-quotes"),
            !line.hasOption("no-normalize"),
            !line.hasOption("no-fix-mojibake"),
            boilerplate,
            line.hasOption("drop-letterless-lines"),
            limits,
            enabled,
            languages,
            minScore,
            keepUndetermined,
            pii,
            phoneRegions,
            maxChars,
            line.hasOption("keep-filtered"));
    return new CleanOptions(
        input,
        new Path(line.getOptionValue("output")),
        line.hasOption("overwrite"),
        settings,
        boilerplateSource);
  }

  /** The parameters as the manifest records them ({@link CleanParameters}). */
  Map<String, Object> describe() {
    return CleanParameters.of(this);
  }

  private static List<String> valuesOf(CommandLine line, String option) {
    List<String> values = new ArrayList<>();
    String[] given = line.getOptionValues(option);
    if (given == null) {
      return values;
    }
    for (String value : given) {
      for (String part : option.equals("rule") ? new String[] {value} : value.split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
    }
    return values;
  }

  private static FilterRule qualityRule(String option, String name) {
    for (FilterRule rule : FilterRule.values()) {
      if (rule.preset() != null && rule.optionValue().equals(name)) {
        return rule;
      }
    }
    throw new UsageException(
        option
            + " takes "
            + (option.equals("--disable-rules") ? "all or " : "")
            + String.join(", ", qualityRuleNames())
            + " (got '"
            + name
            + "')");
  }

  private static PiiType piiType(String name) {
    for (PiiType type : PiiType.values()) {
      if (type.optionValue().equals(name)) {
        return type;
      }
    }
    throw new UsageException(
        "--mask-pii takes email, ipv4, ipv6, phone, credit-card (got '" + name + "')");
  }

  private static List<String> qualityRuleNames() {
    List<String> names = new ArrayList<>();
    for (FilterRule rule : FilterRule.values()) {
      if (rule.preset() != null) {
        names.add(rule.optionValue());
      }
    }
    return names;
  }

  private static List<String> limitNames() {
    return Arrays.stream(QualityLimit.values()).map(QualityLimit::optionValue).toList();
  }
}
