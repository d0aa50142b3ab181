package dev.sheaf.clean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import dev.sheaf.common.OptionValues;
import dev.sheaf.common.StagePaths;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The parsed, validated options of {@code sheaf clean}, and the keys that carry them to tasks. */
public record CleanOptions(InputOptions input, Path output, boolean overwrite, Settings settings,
    String boilerplateSource) {
  public static final String HTML = "sheaf.clean.html";
  public static final String PARSE_EMAIL = "sheaf.clean.parse-email";
  public static final String STRIP_QUOTES = "sheaf.clean.strip-quotes";
  public static final String NORMALIZE = "sheaf.clean.normalize";
  public static final String FIX_MOJIBAKE = "sheaf.clean.fix-mojibake";
  /** The boilerplate phrases as a JSON array (phrases may hold commas). */
  public static final String BOILERPLATE = "sheaf.clean.boilerplate";
  public static final String DROP_LETTERLESS_LINES = "sheaf.clean.drop-letterless-lines";
  /** The document rules on, by name: what --preset, --rules, --rule and --disable-rules leave. */
  public static final String RULES = "sheaf.clean.rules";
  /** Written by sheaf before presets existed (every Gopher rule on but these); read for old models. */
  static final String DISABLED_RULES = "sheaf.clean.disabled-rules";
  /** Whether --languages keeps documents whose language is undetermined. */
  public static final String KEEP_UNDETERMINED = "sheaf.clean.keep-undetermined";
  public static final String LANGUAGES = "sheaf.clean.languages";
  public static final String MIN_LANGUAGE_SCORE = "sheaf.clean.min-language-score";
  public static final double DEFAULT_MIN_LANGUAGE_SCORE = 0.5;
  public static final String MASK_PII = "sheaf.clean.mask-pii";
  /** ISO 3166 regions whose national phone formats are masked, comma separated (default US). */
  public static final String PHONE_REGIONS = "sheaf.clean.phone-regions";
  public static final String MAX_CHARS = "sheaf.clean.max-chars";
  public static final String KEEP_FILTERED = "sheaf.clean.keep-filtered";
  static final String BUILT_IN_BOILERPLATE_RESOURCE = "/dev/sheaf/clean/boilerplate.txt";
  /** {@code --boilerplate built-in}: the phrase list shipped with sheaf. */
  static final String BUILT_IN = "built-in";
  /** The rules sheaf applied by default before presets existed: Gopher's, without the duplicate n-grams. */
  private static final Set<FilterRule> RULES_BEFORE_PRESETS = EnumSet.range(FilterRule.DUPLICATE_PARAGRAPHS,
      FilterRule.TOP_4GRAM);
  static {
    RULES_BEFORE_PRESETS.addAll(Preset.GOPHER_QUALITY.rules());
  }
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Everything a task needs to clean a document. */
  public record Settings(HtmlMode html, boolean parseEmail, boolean stripQuotes, boolean normalize,
      boolean fixMojibake, List<String> boilerplate, boolean dropLetterlessLines, double[] limits,
      Set<FilterRule> enabledRules, Set<String> languages, double minLanguageScore, boolean keepUndetermined,
      Set<PiiType> maskPii, List<String> phoneRegions, int maxChars, boolean keepFiltered) {

    /**
     * The defaults, for labelled data: e-mail parsed, HTML extracted, text normalised, personal
     * data masked; no document rule, no boilerplate or quote removal, no language filter, no cap.
     */
    public static Settings defaults() {
      return from(new Configuration(false));
    }

    public static Settings from(Configuration conf) {
      double[] limits = new double[QualityLimit.values().length];
      for (QualityLimit limit : QualityLimit.values()) {
        limits[limit.ordinal()] = conf.getDouble(limit.key(), limit.defaultValue());
      }
      Set<FilterRule> enabled = EnumSet.noneOf(FilterRule.class);
      if (conf.get(RULES) == null && conf.get(DISABLED_RULES) != null) {
        enabled.addAll(RULES_BEFORE_PRESETS);
        conf.getTrimmedStringCollection(DISABLED_RULES).forEach(rule -> enabled.remove(FilterRule.valueOf(rule)));
      }
      conf.getTrimmedStringCollection(RULES).forEach(rule -> enabled.add(FilterRule.valueOf(rule)));
      if (!conf.getTrimmedStringCollection(LANGUAGES).isEmpty()) {
        enabled.add(FilterRule.LANGUAGE);
      }
      Set<PiiType> pii = EnumSet.noneOf(PiiType.class);
      for (String type : conf.getTrimmedStrings(MASK_PII, names(PiiType.values()))) {
        if (!type.isEmpty()) {
          pii.add(PiiType.valueOf(type));
        }
      }
      String boilerplate = conf.get(BOILERPLATE);
      return new Settings(HtmlMode.valueOf(conf.get(HTML, HtmlMode.AUTO.name())), conf.getBoolean(PARSE_EMAIL, true),
          conf.getBoolean(STRIP_QUOTES, false), conf.getBoolean(NORMALIZE, true), conf.getBoolean(FIX_MOJIBAKE, true),
          boilerplate == null ? List.of() : fromJson(boilerplate),
          conf.getBoolean(DROP_LETTERLESS_LINES, false), limits, enabled,
          new TreeSet<>(conf.getTrimmedStringCollection(LANGUAGES)),
          conf.getDouble(MIN_LANGUAGE_SCORE, DEFAULT_MIN_LANGUAGE_SCORE), conf.getBoolean(KEEP_UNDETERMINED, true),
          pii, List.of(conf.getTrimmedStrings(PHONE_REGIONS, PhoneFinder.DEFAULT_REGIONS.toArray(new String[0]))),
          conf.getInt(MAX_CHARS, 0),
          conf.getBoolean(KEEP_FILTERED, false));
    }

    /**
     * The settings as the configuration entries {@link #applyTo} writes, sorted: what the clean
     * manifest records (boilerplate phrases included) so {@code sheaf predict} can clean new text
     * exactly as the training text was.
     */
    public Map<String, String> entries() {
      Configuration conf = new Configuration(false);
      applyTo(conf);
      Map<String, String> entries = new java.util.TreeMap<>();
      conf.forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
      return entries;
    }

    /** The settings {@link #entries} recorded. */
    public static Settings fromEntries(Map<String, String> entries) {
      Configuration conf = new Configuration(false);
      entries.forEach(conf::set);
      return from(conf);
    }

    void applyTo(Configuration conf) {
      conf.set(HTML, html.name());
      conf.setBoolean(PARSE_EMAIL, parseEmail);
      conf.setBoolean(STRIP_QUOTES, stripQuotes);
      conf.setBoolean(NORMALIZE, normalize);
      conf.setBoolean(FIX_MOJIBAKE, fixMojibake);
      conf.set(BOILERPLATE, toJson(boilerplate));
      conf.setBoolean(DROP_LETTERLESS_LINES, dropLetterlessLines);
      for (QualityLimit limit : QualityLimit.values()) {
        conf.setDouble(limit.key(), limits[limit.ordinal()]);
      }
      Set<FilterRule> rules = EnumSet.noneOf(FilterRule.class);
      rules.addAll(enabledRules);
      rules.remove(FilterRule.LANGUAGE);
      conf.setStrings(RULES, names(rules.toArray(new FilterRule[0])));
      conf.setStrings(LANGUAGES, languages.toArray(new String[0]));
      conf.setDouble(MIN_LANGUAGE_SCORE, minLanguageScore);
      conf.setBoolean(KEEP_UNDETERMINED, keepUndetermined);
      conf.setStrings(MASK_PII, names(maskPii.toArray(new PiiType[0])));
      conf.setStrings(PHONE_REGIONS, phoneRegions.toArray(new String[0]));
      conf.setInt(MAX_CHARS, maxChars);
      conf.setBoolean(KEEP_FILTERED, keepFiltered);
    }

    boolean filtersLanguage() {
      return !languages.isEmpty();
    }
  }

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.AVRO);
    StagePaths.addOutputOptions(options, "cleaned documents, _filtered/, _rejects/, _MANIFEST.json", true);
    options.addOption(Option.builder().longOpt("keep-filtered")
        .desc("write each dropped document, with its rule and an excerpt, to _filtered/").build());
    options.addOption(Option.builder().longOpt("html").hasArg().argName("MODE")
        .desc("turn HTML into text: auto (default: when the text has HTML tags or an HTML content type), "
            + "always, never").build());
    options.addOption(Option.builder().longOpt("no-parse-email")
        .desc("keep raw RFC 822 messages in the text as they are (default: parse them to subject and body)").build());
    options.addOption(Option.builder().longOpt("strip-quotes")
        .desc("remove e-mail quoting: '>' lines, the 'wrote:' line before them, forwarded originals, signatures").build());
    options.addOption(Option.builder().longOpt("no-normalize")
        .desc("leave characters and white space as they are (default: NFKC, controls removed, quotes and dashes "
            + "as ASCII, white space collapsed)").build());
    options.addOption(Option.builder().longOpt("no-fix-mojibake")
        .desc("count mojibake (UTF-8 read as Windows-1252) but do not repair it").build());
    options.addOption(Option.builder().longOpt("boilerplate").hasArg().argName("FILE")
        .desc("remove lines containing a phrase of FILE (one a line, any case, '#' comments), or of the built-in "
            + "list of bulk-mail and web footers with 'built-in' (default: no boilerplate removal; in a labelled "
            + "corpus such lines can be the signal)").build());
    options.addOption(Option.builder().longOpt("no-boilerplate").desc("remove no boilerplate (the default)").build());
    options.addOption(Option.builder().longOpt("drop-letterless-lines")
        .desc("remove lines without a letter (default: kept)").build());
    options.addOption(Option.builder().longOpt("keep-letterless-lines").desc("keep lines without a letter (the default)")
        .build());
    options.addOption(Option.builder().longOpt("preset").hasArg().argName("NAMES")
        .desc("web-text document rules to apply, comma separated: " + String.join(", ", Preset.names())
            + " (gopher = both Gopher sets, web = all; default: none, every document is kept)").build());
    options.addOption(Option.builder().longOpt("rules").hasArg().argName("RULES")
        .desc("document rules to apply besides the presets', comma separated: " + String.join(", ", qualityRuleNames()))
        .build());
    options.addOption(Option.builder().longOpt("disable-rules").hasArg().argName("RULES")
        .desc("document rules not to apply (of the presets'), comma separated, or 'all'").build());
    options.addOption(Option.builder().longOpt("rule").hasArgs().argName("NAME=VALUE")
        .desc("set a document rule's limit and apply that rule (repeat for several): " + String.join(", ", limitNames()))
        .build());
    options.addOption(Option.builder().longOpt("languages").hasArg().argName("CODES")
        .desc("keep only documents in these languages, e.g. en,de (default: no language filter)").build());
    options.addOption(Option.builder().longOpt("min-language-score").hasArg().argName("P")
        .desc("with --languages: below this probability of the most probable language, a text is undetermined "
            + "(default 0.5); so is one of fewer than " + LanguageFilter.MIN_LETTERS + " letters").build());
    options.addOption(Option.builder().longOpt("undetermined").hasArg().argName("keep|drop")
        .desc("with --languages: keep (default) or drop documents whose language is undetermined").build());
    options.addOption(Option.builder().longOpt("mask-pii").hasArg().argName("TYPES")
        .desc("personal data to mask, comma separated (default all: email, ipv4, ipv6, phone, credit-card)").build());
    options.addOption(Option.builder().longOpt("no-mask-pii").desc("mask no personal data").build());
    options.addOption(Option.builder().longOpt("phone-regions").hasArg().argName("CODES")
        .desc("ISO 3166 regions whose national phone formats to mask, e.g. GB,DE (default US; numbers with + are "
            + "masked whatever the regions)").build());
    options.addOption(Option.builder().longOpt("max-chars").hasArg().argName("N")
        .desc("cut longer texts at the last word boundary before N characters (default: no limit)").build());
    return options;
  }

  static CleanOptions parse(CommandLine line, Configuration conf) {
    InputOptions input = InputOptions.parse(line, InputFormatKind.AVRO);
    Settings defaults = Settings.defaults();
    HtmlMode html = line.hasOption("html") ? HtmlMode.parse(line.getOptionValue("html")) : HtmlMode.AUTO;
    if (line.hasOption("boilerplate") && line.hasOption("no-boilerplate")) {
      throw new UsageException("--boilerplate and --no-boilerplate exclude each other");
    }
    List<String> boilerplate = List.of();
    String boilerplateSource = "none";
    if (line.hasOption("boilerplate")) {
      boilerplateSource = line.getOptionValue("boilerplate");
      boilerplate = boilerplateSource.equals(BUILT_IN) ? builtInBoilerplate()
          : readPhrases(new Path(boilerplateSource), conf);
    }
    if (line.hasOption("drop-letterless-lines") && line.hasOption("keep-letterless-lines")) {
      throw new UsageException("--drop-letterless-lines and --keep-letterless-lines exclude each other");
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
      QualityLimit limit = equals < 0 ? null : QualityLimit.fromOptionValue(assignment.substring(0, equals).trim());
      if (limit == null) {
        throw new UsageException("--rule takes NAME=VALUE with NAME one of " + String.join(", ", limitNames())
            + " (got '" + assignment + "')");
      }
      limits[limit.ordinal()] = OptionValues.nonNegative("--rule " + limit.optionValue(), assignment.substring(equals + 1));
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
        throw new UsageException("--languages: unknown language '" + language + "'; known: " + String.join(",", known));
      }
    }
    double minScore = DEFAULT_MIN_LANGUAGE_SCORE;
    if (line.hasOption("min-language-score")) {
      if (languages.isEmpty()) {
        throw new UsageException("--min-language-score applies with --languages only");
      }
      minScore = OptionValues.nonNegative("--min-language-score", line.getOptionValue("min-language-score"));
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
    Set<PiiType> pii = line.hasOption("no-mask-pii") ? EnumSet.noneOf(PiiType.class) : EnumSet.allOf(PiiType.class);
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
    Settings settings = new Settings(html, !line.hasOption("no-parse-email"), line.hasOption("strip-quotes"),
        !line.hasOption("no-normalize"), !line.hasOption("no-fix-mojibake"), boilerplate,
        line.hasOption("drop-letterless-lines"), limits, enabled, languages, minScore, keepUndetermined, pii,
        phoneRegions, maxChars,
        line.hasOption("keep-filtered"));
    return new CleanOptions(input, new Path(line.getOptionValue("output")), line.hasOption("overwrite"), settings,
        boilerplateSource);
  }

  /** The parameters as the manifest records them. */
  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    input.describeTo(parameters);
    parameters.put("html", settings.html().optionValue());
    parameters.put("parseEmail", settings.parseEmail());
    parameters.put("stripQuotes", settings.stripQuotes());
    parameters.put("normalize", settings.normalize());
    parameters.put("fixMojibake", settings.fixMojibake());
    parameters.put("boilerplate", boilerplateSource);
    parameters.put("boilerplatePhrases", settings.boilerplate().size());
    parameters.put("dropLetterlessLines", settings.dropLetterlessLines());
    List<String> rules = new ArrayList<>();
    for (FilterRule rule : settings.enabledRules()) {
      rules.add(rule.name());
    }
    parameters.put("rules", rules);
    Map<String, Double> limits = new LinkedHashMap<>();
    for (QualityLimit limit : QualityLimit.values()) {
      if (settings.enabledRules().contains(limit.rule())) {
        limits.put(limit.optionValue(), settings.limits()[limit.ordinal()]);
      }
    }
    parameters.put("limits", limits);
    if (settings.filtersLanguage()) {
      parameters.put("languages", List.copyOf(settings.languages()));
      parameters.put("minLanguageScore", settings.minLanguageScore());
      parameters.put("undetermined", settings.keepUndetermined() ? "keep" : "drop");
    }
    List<String> pii = new ArrayList<>();
    settings.maskPii().forEach(type -> pii.add(type.optionValue()));
    parameters.put("maskPii", pii);
    parameters.put("phoneRegions", settings.phoneRegions());
    parameters.put("maxChars", settings.maxChars());
    parameters.put("keepFiltered", settings.keepFiltered());
    parameters.put("settings", settings.entries());
    return parameters;
  }

  /** The phrases of a boilerplate file: one a line, blank lines and '#' comments skipped. */
  static List<String> parsePhrases(String content) {
    List<String> phrases = new ArrayList<>();
    for (String line : content.split("\n")) {
      String phrase = line.strip();
      if (!phrase.isEmpty() && !phrase.startsWith("#")) {
        phrases.add(phrase.toLowerCase(Locale.ROOT));
      }
    }
    return phrases;
  }

  private static List<String> builtInBoilerplate() {
    try (InputStream in = CleanOptions.class.getResourceAsStream(BUILT_IN_BOILERPLATE_RESOURCE)) {
      return parsePhrases(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readPhrases(Path file, Configuration conf) {
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return parsePhrases(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageException("--boilerplate: cannot read " + file + ": " + e.getMessage());
    }
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
    throw new UsageException(option + " takes " + (option.equals("--disable-rules") ? "all or " : "")
        + String.join(", ", qualityRuleNames()) + " (got '" + name + "')");
  }

  private static PiiType piiType(String name) {
    for (PiiType type : PiiType.values()) {
      if (type.optionValue().equals(name)) {
        return type;
      }
    }
    throw new UsageException("--mask-pii takes email, ipv4, ipv6, phone, credit-card (got '" + name + "')");
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

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }

  private static String toJson(List<String> phrases) {
    try {
      return JSON.writeValueAsString(phrases);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fromJson(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(BOILERPLATE + " is not a JSON array of strings", e);
    }
  }
}
