package dev.sheaf.clean;

import dev.sheaf.avro.Document;
import dev.sheaf.common.ParsedRecord;
import dev.sheaf.common.TextBuffer;
import dev.sheaf.common.Utf8Text;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clean steps in order, on one document at a time, with no Hadoop in sight: (1) a raw e-mail
 * parsed, HTML turned into text; (2) Unicode normalised; (3) quotes, boilerplate and letterless
 * lines removed (each only when asked); (4) the document rules of the chosen presets; (5) the
 * language; (6) personal data masked (in the text and the meta values); (7) the length cap. Buffers
 * are reused from one document to the next; what it changed is counted in {@link #counts()} and
 * {@link #masked()}.
 *
 * <p>A cleaner that does not apply its rules ({@code sheaf predict} without {@code --filter}) still
 * checks them and says in {@link #wouldFail()} which one a document fails, but cleans and keeps
 * every document.
 */
public final class TextCleaner {
  /** Meta keys the language step adds. */
  static final String LANGUAGE_KEY = "language";

  static final String LANGUAGE_SCORE_KEY = "language_score";

  private final CleanSettings settings;
  private final boolean applyRules;
  private final long[] counts = new long[CleanCounters.values().length];
  private final long[] masked = new long[PiiType.values().length];
  private final RawEmail email = new RawEmail();
  private final UnicodeNormalizer normalizer;
  private final LineCleaner lines;
  private final QualityFilter quality;
  private final LanguageFilter language;
  private final PiiMasker pii;

  /**
   * Masks the excerpts of dropped documents; its counts are not reported, as nothing of it is
   * output text.
   */
  private final PiiMasker excerptPii;

  private final TextBuffer first = new TextBuffer();
  private final TextBuffer second = new TextBuffer();
  private final TextBuffer metaValue = new TextBuffer();

  private String text;
  private Map<String, String> meta;
  private String detail;
  private CharSequence seen;
  private FilterRule wouldFail;

  /** The text of this document the language was detected on (by the stop-word rule), or null. */
  private CharSequence detected;

  /** A cleaner that drops what its rules reject. */
  public TextCleaner(CleanSettings settings) {
    this(settings, true);
  }

  /**
   * With {@code applyRules} false, rules are checked and reported by {@link #wouldFail()}, nothing
   * is dropped.
   */
  public TextCleaner(CleanSettings settings, boolean applyRules) {
    this.settings = settings;
    this.applyRules = applyRules;
    normalizer = new UnicodeNormalizer(settings.fixMojibake(), counts);
    lines =
        new LineCleaner(
            settings.stripQuotes(),
            settings.boilerplate().isEmpty() ? null : new PhraseMatcher(settings.boilerplate()),
            settings.dropLetterlessLines(),
            counts);
    language =
        settings.filtersLanguage() || settings.enabledRules().contains(FilterRule.STOP_WORDS)
            ? new LanguageFilter(
                settings.languages(), settings.minLanguageScore(), settings.keepUndetermined())
            : null;
    quality = new QualityFilter(settings.limits(), settings.enabledRules(), this::otherThanEnglish);
    pii =
        settings.maskPii().isEmpty()
            ? null
            : new PiiMasker(settings.maskPii(), settings.phoneRegions(), masked);
    excerptPii =
        pii == null
            ? null
            : new PiiMasker(settings.maskPii(), settings.phoneRegions(), new long[masked.length]);
  }

  /**
   * Cleans {@code document} (which is not changed). Returns null when it is kept, with the result
   * in {@link #text()} and {@link #meta()}; else the rule that dropped it, with {@link #detail()}
   * and the text the rule saw in {@link #seen()}.
   */
  public FilterRule clean(Document document) {
    text = null;
    detail = null;
    wouldFail = null;
    detected = null;
    meta = new TreeMap<>(document.getMeta());
    CharSequence current = document.getText();
    if (settings.parseEmail() && RawEmail.looksLikeMessage(current)) {
      ParsedRecord parsed = email.parse(current, document.getId());
      if (parsed != null) {
        counts[CleanCounters.EMAILS_PARSED.ordinal()]++;
        if (parsed.isRejected()) {
          current = "";
        } else {
          current = parsed.document().getText();
          parsed.document().getMeta().forEach(meta::putIfAbsent);
        }
      }
    }
    if (settings.html() == HtmlMode.ALWAYS
        || (settings.html() == HtmlMode.AUTO && HtmlText.looksLikeHtml(current, meta))) {
      HtmlText.toText(current.toString(), first);
      counts[CleanCounters.HTML_EXTRACTED.ordinal()]++;
      current = first;
    }
    if (settings.normalize()) {
      TextBuffer out = current == first ? second : first;
      normalizer.normalize(current, out);
      current = out;
    }
    TextBuffer out = current == first ? second : first;
    lines.clean(current, out);
    current = out;
    seen = current;
    if (!QualityFilter.hasNonSpace(current)
        && rejects(FilterRule.EMPTY, "no text left after extraction and line cleaning")) {
      return FilterRule.EMPTY;
    }
    FilterRule rule = quality.check(current);
    if (rule != null && rejects(rule, quality.detail())) {
      return rule;
    }
    if (rule == null) {
      current = quality.text();
    }
    if (language != null && settings.filtersLanguage()) {
      // the stop-word rule may have detected this very text already: detect once a document
      boolean wanted = current == detected ? language.wanted() : language.accept(current);
      meta.put(LANGUAGE_KEY, language.language());
      meta.put(LANGUAGE_SCORE_KEY, String.format(Locale.ROOT, "%.3f", language.probability()));
      if (!wanted
          && rejects(
              FilterRule.LANGUAGE,
              String.format(
                  Locale.ROOT,
                  "%s (%.3f), wanted %s%s",
                  language.language(),
                  language.probability(),
                  String.join(",", settings.languages()),
                  settings.keepUndetermined() ? " or und" : ""))) {
        return FilterRule.LANGUAGE;
      }
    }
    if (pii != null) {
      out = current == first ? second : first;
      pii.mask(current, out);
      current = out;
      maskMeta();
    }
    int end = current.length();
    if (settings.maxChars() > 0 && end > settings.maxChars()) {
      end = cutAt(current, settings.maxChars());
      counts[CleanCounters.TRUNCATED.ordinal()]++;
    }
    text = current.subSequence(0, end).toString();
    return null;
  }

  /** The first rule the last document failed, whether or not rules are applied; null when none. */
  public FilterRule wouldFail() {
    return wouldFail;
  }

  /** Notes that the document fails {@code rule}; true when that drops it. */
  private boolean rejects(FilterRule rule, String why) {
    if (wouldFail == null) {
      wouldFail = rule;
      detail = why;
    }
    return applyRules;
  }

  /**
   * For the stop-word rule, which only English can fail: whether the text is not detected as
   * English (another language, or undetermined: what cannot be judged is not).
   */
  private boolean otherThanEnglish(CharSequence text) {
    detected = text;
    return !language.detect(text).equals("en");
  }

  /** The cleaned text of the last kept document. */
  public String text() {
    return text;
  }

  /**
   * The last document's meta: its own, with parsed e-mail headers and the language added, PII
   * masked.
   */
  Map<String, String> meta() {
    return meta;
  }

  /** What the rule that dropped the last document measured. */
  String detail() {
    return detail;
  }

  /** The text the rule that dropped the last document saw. */
  CharSequence seen() {
    return seen;
  }

  /** The first KiB of what the rule that dropped the last document saw, personal data masked. */
  String excerpt() {
    String head =
        Utf8Text.excerpt(
            seen.subSequence(0, Math.min(seen.length(), Utf8Text.EXCERPT_CHARS + 1)).toString());
    if (excerptPii == null) {
      return head;
    }
    excerptPii.mask(head, metaValue);
    return metaValue.toString();
  }

  /** What the steps changed so far, indexed by {@link CleanCounters} ordinal. */
  long[] counts() {
    counts[CleanCounters.C4_LINES_REMOVED.ordinal()] = quality.c4LinesRemoved();
    counts[CleanCounters.WORDS_SEGMENTED.ordinal()] = quality.segmentedDocuments();
    counts[CleanCounters.STOP_WORDS_NOT_JUDGED.ordinal()] = quality.stopWordsNotJudged();
    return counts;
  }

  /**
   * What decoding raw e-mails found so far (charsets guessed, encoded words repaired, ...), by
   * {@code DecodeCounters} ordinal.
   */
  long[] decodeCounts() {
    return email.counts();
  }

  /** Masked personal data so far, indexed by {@link PiiType} ordinal. */
  long[] masked() {
    return masked;
  }

  private void maskMeta() {
    for (Map.Entry<String, String> entry : meta.entrySet()) {
      String value = entry.getValue();
      if (value != null) {
        pii.mask(value, metaValue);
        if (metaValue.length() != value.length() || !value.contentEquals(metaValue)) {
          entry.setValue(metaValue.toString());
        }
      }
    }
  }

  /** The end of the last whole word within {@code limit} chars (a whole pair for a surrogate). */
  static int cutAt(CharSequence text, int limit) {
    int end = limit;
    while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
      end--;
    }
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end == 0) {
      end = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }
    return end;
  }
}
