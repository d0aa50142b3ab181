package dev.sheaf.clean;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.JobOption;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.OutputOption;
import dev.sheaf.common.StageOption;
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

  /** The options of {@code sheaf clean}, built from its settings. */
  static Options options() {
    return StageOption.toOptions(
        StageOption.concat(
            InputOptions.settings(InputFormatKind.AVRO),
            StagePaths.outputSettings(
                "cleaned documents, _filtered/, _rejects/, _MANIFEST.json", true),
            List.of(CleanOption.values()),
            List.of(JobOption.values())));
  }

  static CleanOptions parse(CommandLine line, Configuration conf) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.AVRO);
    CleanSettings defaults = CleanSettings.defaults();
    HtmlMode html =
        CleanOption.HTML.isSet(line) ? HtmlMode.parse(CleanOption.HTML.value(line)) : HtmlMode.AUTO;
    if (CleanOption.BOILERPLATE.isSet(line) && CleanOption.NO_BOILERPLATE.isSet(line)) {
      throw new UsageException(
          CleanOption.BOILERPLATE.flag()
              + " and "
              + CleanOption.NO_BOILERPLATE.flag()
              + " exclude each other");
    }
    List<String> boilerplate = List.of();
    String boilerplateSource = "none";
    if (CleanOption.BOILERPLATE.isSet(line)) {
      boilerplateSource = CleanOption.BOILERPLATE.value(line);
      boilerplate = Boilerplate.load(boilerplateSource, conf);
    }
    if (CleanOption.DROP_LETTERLESS_LINES.isSet(line)
        && CleanOption.KEEP_LETTERLESS_LINES.isSet(line)) {
      throw new UsageException(
          CleanOption.DROP_LETTERLESS_LINES.flag()
              + " and "
              + CleanOption.KEEP_LETTERLESS_LINES.flag()
              + " exclude each other");
    }
    Set<FilterRule> enabled = EnumSet.noneOf(FilterRule.class);
    for (String name : valuesOf(line, CleanOption.PRESET)) {
      Preset.parse(name).forEach(preset -> enabled.addAll(preset.rules()));
    }
    for (String name : valuesOf(line, CleanOption.RULES)) {
      enabled.add(qualityRule(CleanOption.RULES.flag(), name));
    }
    double[] limits = defaults.limits().clone();
    for (String assignment : valuesOf(line, CleanOption.RULE)) {
      int equals = assignment.indexOf('=');
      QualityLimit limit =
          equals < 0 ? null : QualityLimit.fromOptionValue(assignment.substring(0, equals).trim());
      if (limit == null) {
        throw new UsageException(
            CleanOption.RULE.flag()
                + " takes NAME=VALUE with NAME one of "
                + String.join(", ", limitNames())
                + " (got '"
                + assignment
                + "')");
      }
      limits[limit.ordinal()] =
          OptionValues.nonNegative(
              CleanOption.RULE.flag() + " " + limit.optionValue(),
              assignment.substring(equals + 1));
      enabled.add(limit.rule());
    }
    for (String name : valuesOf(line, CleanOption.DISABLE_RULES)) {
      if (name.equals("all")) {
        enabled.clear();
      } else {
        enabled.remove(qualityRule(CleanOption.DISABLE_RULES.flag(), name));
      }
    }
    Set<String> languages = new TreeSet<>(valuesOf(line, CleanOption.LANGUAGES));
    Set<String> known = LanguageFilter.knownLanguages();
    for (String language : languages) {
      if (!known.contains(language)) {
        throw new UsageException(
            CleanOption.LANGUAGES.flag()
                + ": unknown language '"
                + language
                + "'; known: "
                + String.join(",", known));
      }
    }
    double minScore = CleanSettings.DEFAULT_MIN_LANGUAGE_SCORE;
    if (CleanOption.MIN_LANGUAGE_SCORE.isSet(line)) {
      if (languages.isEmpty()) {
        throw new UsageException(
            CleanOption.MIN_LANGUAGE_SCORE.flag()
                + " applies with "
                + CleanOption.LANGUAGES.flag()
                + " only");
      }
      minScore =
          OptionValues.nonNegative(
              CleanOption.MIN_LANGUAGE_SCORE.flag(), CleanOption.MIN_LANGUAGE_SCORE.value(line));
      if (minScore > 1) {
        throw new UsageException(
            CleanOption.MIN_LANGUAGE_SCORE.flag() + " must be at most 1 (got " + minScore + ")");
      }
    }
    if (!languages.isEmpty()) {
      enabled.add(FilterRule.LANGUAGE);
    }
    boolean keepUndetermined = true;
    if (CleanOption.UNDETERMINED.isSet(line)) {
      if (languages.isEmpty()) {
        throw new UsageException(
            CleanOption.UNDETERMINED.flag()
                + " applies with "
                + CleanOption.LANGUAGES.flag()
                + " only");
      }
      String value = CleanOption.UNDETERMINED.value(line).strip();
      if (!value.equals("keep") && !value.equals("drop")) {
        throw new UsageException(
            CleanOption.UNDETERMINED.flag() + " takes keep or drop (got '" + value + "')");
      }
      keepUndetermined = value.equals("keep");
    }
    if (CleanOption.MASK_PII.isSet(line) && CleanOption.NO_MASK_PII.isSet(line)) {
      throw new UsageException(
          CleanOption.MASK_PII.flag()
              + " and "
              + CleanOption.NO_MASK_PII.flag()
              + " exclude each other");
    }
    Set<PiiType> pii =
        CleanOption.NO_MASK_PII.isSet(line)
            ? EnumSet.noneOf(PiiType.class)
            : EnumSet.allOf(PiiType.class);
    if (CleanOption.MASK_PII.isSet(line)) {
      pii = EnumSet.noneOf(PiiType.class);
      for (String name : valuesOf(line, CleanOption.MASK_PII)) {
        pii.add(piiType(name));
      }
    }
    List<String> phoneRegions = PhoneFinder.DEFAULT_REGIONS;
    if (CleanOption.PHONE_REGIONS.isSet(line)) {
      try {
        phoneRegions = PiiMasker.phoneRegions(valuesOf(line, CleanOption.PHONE_REGIONS));
      } catch (IllegalArgumentException e) {
        throw new UsageException(CleanOption.PHONE_REGIONS.flag() + ": " + e.getMessage());
      }
    }
    int maxChars = OptionValues.positiveInt(line, CleanOption.MAX_CHARS, 0);
    CleanSettings settings =
        new CleanSettings(
            html,
            !CleanOption.NO_PARSE_EMAIL.isSet(line),
            CleanOption.STRIP_QUOTES.isSet(line),
            !CleanOption.NO_NORMALIZE.isSet(line),
            !CleanOption.NO_FIX_MOJIBAKE.isSet(line),
            boilerplate,
            CleanOption.DROP_LETTERLESS_LINES.isSet(line),
            limits,
            enabled,
            languages,
            minScore,
            keepUndetermined,
            pii,
            phoneRegions,
            maxChars,
            CleanOption.KEEP_FILTERED.isSet(line));
    return new CleanOptions(
        input,
        new Path(OutputOption.OUTPUT.value(line)),
        OutputOption.OVERWRITE.isSet(line),
        settings,
        boilerplateSource);
  }

  /** The parameters as the manifest records them ({@link CleanParameters}). */
  Map<String, Object> describe() {
    return CleanParameters.of(this);
  }

  private static List<String> valuesOf(CommandLine line, CleanOption option) {
    List<String> values = new ArrayList<>();
    String[] given = option.values(line);
    if (given == null) {
      return values;
    }
    for (String value : given) {
      for (String part : option == CleanOption.RULE ? new String[] {value} : value.split(",")) {
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
            + (option.equals(CleanOption.DISABLE_RULES.flag()) ? "all or " : "")
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
        CleanOption.MASK_PII.flag()
            + " takes email, ipv4, ipv6, phone, credit-card (got '"
            + name
            + "')");
  }

  /** The names of the document rules {@code --rules} takes. */
  static List<String> qualityRuleNames() {
    List<String> names = new ArrayList<>();
    for (FilterRule rule : FilterRule.values()) {
      if (rule.preset() != null) {
        names.add(rule.optionValue());
      }
    }
    return names;
  }

  /** The names of the limits {@code --rule} sets. */
  static List<String> limitNames() {
    return Arrays.stream(QualityLimit.values()).map(QualityLimit::optionValue).toList();
  }
}
