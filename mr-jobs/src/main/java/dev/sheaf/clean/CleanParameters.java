package dev.sheaf.clean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a {@code sheaf clean} run as its {@code _MANIFEST.json} records them: the
 * options in the user's terms, and the task settings as configuration entries ({@code settings}),
 * from which {@code sheaf predict} cleans new text as the training text was.
 */
final class CleanParameters {
  private CleanParameters() {}

  static Map<String, Object> of(CleanOptions options) {
    CleanSettings settings = options.settings();
    Map<String, Object> parameters = new LinkedHashMap<>();
    options.input().describeTo(parameters);
    parameters.put("html", settings.html().optionValue());
    parameters.put("parseEmail", settings.parseEmail());
    parameters.put("stripQuotes", settings.stripQuotes());
    parameters.put("normalize", settings.normalize());
    parameters.put("fixMojibake", settings.fixMojibake());
    parameters.put("boilerplate", options.boilerplateSource());
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
}
