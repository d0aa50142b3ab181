package dev.sheaf.clean;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The settings of {@code sheaf clean} besides the input and output options: one constant per
 * option, each with the {@link CleanSettings} key that carries it to the tasks.
 */
enum CleanOption implements StageOption {
  KEEP_FILTERED(
      OptionSpec.flag(
              "keep-filtered",
              "write each dropped document, with its rule and an excerpt, to _filtered/")
          .withKey(CleanSettings.KEEP_FILTERED)),
  HTML(
      OptionSpec.valued(
              "html",
              "MODE",
              "turn HTML into text: auto (when the text has HTML tags or an HTML content type),"
                  + " always, never")
          .withDefault(HtmlMode.AUTO.optionValue())
          .withKey(CleanSettings.HTML)),
  NO_PARSE_EMAIL(
      OptionSpec.flag(
              "no-parse-email",
              "keep raw RFC 822 messages in the text as they are (default: parse them to subject"
                  + " and body)")
          .withKey(CleanSettings.PARSE_EMAIL)),
  STRIP_QUOTES(
      OptionSpec.flag(
              "strip-quotes",
              "remove e-mail quoting: '>' lines, the 'wrote:' line before them, forwarded"
                  + " originals, signatures")
          .withKey(CleanSettings.STRIP_QUOTES)),
  NO_NORMALIZE(
      OptionSpec.flag(
              "no-normalize",
              "leave characters and white space as they are (default: NFKC, controls removed,"
                  + " quotes and dashes as ASCII, white space collapsed)")
          .withKey(CleanSettings.NORMALIZE)),
  NO_FIX_MOJIBAKE(
      OptionSpec.flag(
              "no-fix-mojibake", "count mojibake (UTF-8 read as Windows-1252) but do not repair it")
          .withKey(CleanSettings.FIX_MOJIBAKE)),
  BOILERPLATE(
      OptionSpec.valued(
              "boilerplate",
              "FILE",
              "remove lines containing a phrase of FILE (one a line, any case, '#' comments), or of"
                  + " the built-in list of bulk-mail and web footers with 'built-in' (default: no"
                  + " boilerplate removal; in a labelled corpus such lines can be the signal)")
          .withKey(CleanSettings.BOILERPLATE)),
  NO_BOILERPLATE(OptionSpec.flag("no-boilerplate", "remove no boilerplate (the default)")),
  DROP_LETTERLESS_LINES(
      OptionSpec.flag("drop-letterless-lines", "remove lines without a letter (default: kept)")
          .withKey(CleanSettings.DROP_LETTERLESS_LINES)),
  KEEP_LETTERLESS_LINES(
      OptionSpec.flag("keep-letterless-lines", "keep lines without a letter (the default)")),
  PRESET(
      OptionSpec.valued(
              "preset",
              "NAMES",
              "web-text document rules to apply, comma separated: "
                  + String.join(", ", Preset.names())
                  + " (gopher = both Gopher sets, web = all; default: none, every document is"
                  + " kept)")
          .withKey(CleanSettings.RULES)),
  RULES(
      OptionSpec.valued(
              "rules",
              "RULES",
              "document rules to apply besides the presets', comma separated: "
                  + String.join(", ", CleanOptions.qualityRuleNames()))
          .withKey(CleanSettings.RULES)),
  DISABLE_RULES(
      OptionSpec.valued(
              "disable-rules",
              "RULES",
              "document rules not to apply (of the presets'), comma separated, or 'all'")
          .withKey(CleanSettings.RULES)),
  RULE(
      OptionSpec.valued(
              "rule",
              "NAME=VALUE",
              "set a document rule's limit and apply that rule (repeat for several): "
                  + String.join(", ", CleanOptions.limitNames()))
          .repeatable()
          .withKey(QualityLimit.KEY_PREFIX + "NAME")),
  LANGUAGES(
      OptionSpec.valued(
              "languages",
              "CODES",
              "keep only documents in these languages, e.g. en,de (default: no language filter)")
          .withKey(CleanSettings.LANGUAGES)),
  MIN_LANGUAGE_SCORE(
      OptionSpec.valued(
              "min-language-score",
              "P",
              "with --languages: below this probability of the most probable language, a text is"
                  + " undetermined; so is one of fewer than "
                  + LanguageFilter.MIN_LETTERS
                  + " letters")
          .withDefault(CleanSettings.DEFAULT_MIN_LANGUAGE_SCORE)
          .withKey(CleanSettings.MIN_LANGUAGE_SCORE)),
  UNDETERMINED(
      OptionSpec.valued(
              "undetermined",
              "keep|drop",
              "with --languages: keep or drop documents whose language is undetermined")
          .withDefault("keep")
          .withKey(CleanSettings.KEEP_UNDETERMINED)),
  MASK_PII(
      OptionSpec.valued(
              "mask-pii",
              "TYPES",
              "personal data to mask, comma separated: "
                  + Arrays.stream(PiiType.values())
                      .map(PiiType::optionValue)
                      .collect(Collectors.joining(", ")))
          .withDefault(
              Arrays.stream(PiiType.values())
                  .map(PiiType::optionValue)
                  .collect(Collectors.joining(",")))
          .withKey(CleanSettings.MASK_PII)),
  NO_MASK_PII(OptionSpec.flag("no-mask-pii", "mask no personal data")),
  PHONE_REGIONS(
      OptionSpec.valued(
              "phone-regions",
              "CODES",
              "ISO 3166 regions whose national phone formats to mask, e.g. GB,DE (numbers with +"
                  + " are masked whatever the regions)")
          .withDefault(String.join(",", PhoneFinder.DEFAULT_REGIONS))
          .withKey(CleanSettings.PHONE_REGIONS)),
  MAX_CHARS(
      OptionSpec.valued(
              "max-chars",
              "N",
              "cut longer texts at the last word boundary before N characters (default: no limit)")
          .withKey(CleanSettings.MAX_CHARS));

  private final OptionSpec spec;

  CleanOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
