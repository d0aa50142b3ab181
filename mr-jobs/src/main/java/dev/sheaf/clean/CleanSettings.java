package dev.sheaf.clean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything a task needs to clean a document, and the configuration keys that carry it from {@code
 * sheaf clean} (or a model's recorded clean parameters) to the tasks: {@link #applyTo} writes them,
 * {@link #from} reads them back.
 */
public record CleanSettings(
    HtmlMode html,
    boolean parseEmail,
    boolean stripQuotes,
    boolean normalize,
    boolean fixMojibake,
    List<String> boilerplate,
    boolean dropLetterlessLines,
    double[] limits,
    Set<FilterRule> enabledRules,
    Set<String> languages,
    double minLanguageScore,
    boolean keepUndetermined,
    Set<PiiType> maskPii,
    List<String> phoneRegions,
    int maxChars,
    boolean keepFiltered) {
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

  /**
   * Written by sheaf before presets existed (every Gopher rule on but these); read for old models.
   */
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

  /**
   * The rules sheaf applied by default before presets existed: Gopher's, without the duplicate
   * n-grams.
   */
  private static final Set<FilterRule> RULES_BEFORE_PRESETS =
      EnumSet.range(FilterRule.DUPLICATE_PARAGRAPHS, FilterRule.TOP_4GRAM);

  static {
    RULES_BEFORE_PRESETS.addAll(Preset.GOPHER_QUALITY.rules());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The defaults, for labelled data: e-mail parsed, HTML extracted, text normalised, personal data
   * masked; no document rule, no boilerplate or quote removal, no language filter, no cap.
   */
  public static CleanSettings defaults() {
    return from(new Configuration(false));
  }

  public static CleanSettings from(Configuration conf) {
    double[] limits = new double[QualityLimit.values().length];
    for (QualityLimit limit : QualityLimit.values()) {
      limits[limit.ordinal()] = conf.getDouble(limit.key(), limit.defaultValue());
    }
    Set<FilterRule> enabled = EnumSet.noneOf(FilterRule.class);
    if (conf.get(RULES) == null && conf.get(DISABLED_RULES) != null) {
      enabled.addAll(RULES_BEFORE_PRESETS);
      conf.getTrimmedStringCollection(DISABLED_RULES)
          .forEach(rule -> enabled.remove(FilterRule.valueOf(rule)));
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
    return new CleanSettings(
        HtmlMode.valueOf(conf.get(HTML, HtmlMode.AUTO.name())),
        conf.getBoolean(PARSE_EMAIL, true),
        conf.getBoolean(STRIP_QUOTES, false),
        conf.getBoolean(NORMALIZE, true),
        conf.getBoolean(FIX_MOJIBAKE, true),
        boilerplate == null ? List.of() : fromJson(boilerplate),
        conf.getBoolean(DROP_LETTERLESS_LINES, false),
        limits,
        enabled,
        new TreeSet<>(conf.getTrimmedStringCollection(LANGUAGES)),
        conf.getDouble(MIN_LANGUAGE_SCORE, DEFAULT_MIN_LANGUAGE_SCORE),
        conf.getBoolean(KEEP_UNDETERMINED, true),
        pii,
        List.of(
            conf.getTrimmedStrings(
                PHONE_REGIONS, PhoneFinder.DEFAULT_REGIONS.toArray(new String[0]))),
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
    Map<String, String> entries = new TreeMap<>();
    conf.forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
    return entries;
  }

  /** The settings {@link #entries} recorded. */
  public static CleanSettings fromEntries(Map<String, String> entries) {
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
