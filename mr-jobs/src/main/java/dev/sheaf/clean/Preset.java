package dev.sheaf.clean;

import dev.sheaf.common.UsageException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The web-text rule sets {@code sheaf clean --preset} turns on. None is on by default: clean's
 * default keeps a labelled corpus of short texts whole. Each follows the rule definitions of
 * datatrove (github.com/huggingface/datatrove, {@code pipeline/filters}), with their default
 * limits:
 *
 * <ul>
 *   <li>{@code gopher-quality}: GopherQualityFilter (Rae et al. 2021, "Scaling Language Models",
 *       the MassiveText quality rules);
 *   <li>{@code gopher-repetition}: GopherRepetitionFilter (the same paper, Table A1);
 *   <li>{@code c4}: C4QualityFilter (Raffel et al. 2020): line rules that remove lines, then the
 *       document rules; the bad-words list is not applied;
 *   <li>{@code fineweb}: FineWebQualityFilter (Penedo et al. 2024).
 * </ul>
 *
 * {@code gopher} is both Gopher sets; {@code web} is all four, FineWeb's own pipeline.
 */
public enum Preset {
  GOPHER_QUALITY,
  GOPHER_REPETITION,
  C4,
  FINEWEB;

  /** {@code gopher-quality}, as {@code --preset} takes it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The rules of this preset. */
  public Set<FilterRule> rules() {
    Set<FilterRule> rules = EnumSet.noneOf(FilterRule.class);
    for (FilterRule rule : FilterRule.values()) {
      if (rule.preset() == this) {
        rules.add(rule);
      }
    }
    return rules;
  }

  /**
   * The presets a {@code --preset} value names: a preset's option value, {@code gopher} or {@code
   * web}.
   *
   * @throws UsageException for any other name
   */
  static Set<Preset> parse(String name) {
    switch (name) {
      case "gopher":
        return EnumSet.of(GOPHER_QUALITY, GOPHER_REPETITION);
      case "web":
        return EnumSet.allOf(Preset.class);
      default:
        for (Preset preset : values()) {
          if (preset.optionValue().equals(name)) {
            return EnumSet.of(preset);
          }
        }
        throw new UsageException(
            "--preset takes " + String.join(", ", names()) + " (got '" + name + "')");
    }
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Preset preset : values()) {
      names.add(preset.optionValue());
    }
    names.add("gopher");
    names.add("web");
    return names;
  }
}
