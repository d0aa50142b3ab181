package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class TextCleanerTest {
  static Document document(String id, String text) {
    return Document.newBuilder()
        .setId(id)
        .setText(text)
        .setLabel(null)
        .setSource("test")
        .setMeta(Map.of())
        .build();
  }

  static String eml(String name) throws IOException {
    try (InputStream in =
        TextCleanerTest.class.getResourceAsStream("/corpora/spamassassin-eml/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static CleanSettings settings(String... keyValues) {
    Configuration conf = new Configuration(false);
    for (int i = 0; i < keyValues.length; i += 2) {
      conf.set(keyValues[i], keyValues[i + 1]);
    }
    return CleanSettings.from(conf);
  }

  private static long count(TextCleaner cleaner, CleanCounters counter) {
    return cleaner.counts()[counter.ordinal()];
  }

  @Test
  void rawReplyIsParsedUnquotedUnsignedAndMasked() throws IOException {
    TextCleaner cleaner = new TextCleaner(settings(CleanSettings.STRIP_QUOTES, "true"));
    assertNull(
        cleaner.clean(document("ham-14", eml("ham/easy-ham-1-00014.eml"))), () -> cleaner.detail());
    String text = cleaner.text();
    assertTrue(text.startsWith("Re: New Sequences Window\n\nI've done this."), text);
    assertTrue(
        text.endsWith("before my vacation, and\nhopefully do nothing more afterwards.\n\nChris"),
        text);
    assertFalse(text.contains(">"), text);
    assertFalse(text.contains("Received:"), text);
    assertEquals("Chris Garrigues <<EMAIL>>", cleaner.meta().get("From"));
    assertEquals(1, count(cleaner, CleanCounters.EMAILS_PARSED));
    assertEquals(1, count(cleaner, CleanCounters.SIGNATURES_REMOVED));
    assertTrue(count(cleaner, CleanCounters.QUOTE_LINES_REMOVED) >= 10);
    assertTrue(
        cleaner.masked()[PiiType.EMAIL.ordinal()] >= 2, "From, To and Message-ID are masked too");
  }

  @Test
  void quotesStayUnlessAskedAndTheRulesSeeThem() throws IOException {
    TextCleaner cleaner = new TextCleaner(CleanSettings.defaults());
    assertNull(cleaner.clean(document("ham-14", eml("ham/easy-ham-1-00014.eml"))));
    assertTrue(cleaner.text().contains("> > Ouch...I'll get right on it."), cleaner.text());
    TextCleaner strict =
        new TextCleaner(
            settings(
                QualityLimit.MIN_ALPHA_WORDS.key(), "0.95", CleanSettings.RULES, "ALPHA_WORDS"));
    assertEquals(
        FilterRule.ALPHA_WORDS, strict.clean(document("ham-14", eml("ham/easy-ham-1-00014.eml"))));
    assertTrue(strict.seen().toString().contains("> > Ouch"), "the rule saw the quotes");
  }

  @Test
  void htmlSpamBecomesTextWithoutMarkupOrClickHereLines() throws IOException {
    TextCleaner cleaner = new TextCleaner(settings(CleanSettings.BOILERPLATE, "[\"click here\"]"));
    assertNull(
        cleaner.clean(document("spam-44", eml("spam/spam-1-00044.eml"))), () -> cleaner.detail());
    String text = cleaner.text();
    assertTrue(text.contains("Do you like Sexy Animals doing the wild thing?"), text);
    assertFalse(text.contains("<") && text.contains("</"), text);
    assertFalse(text.toLowerCase().contains("click here"), text);
    assertFalse(text.contains("&nbsp;"), text);
    assertEquals(1, count(cleaner, CleanCounters.HTML_EXTRACTED));
    assertTrue(count(cleaner, CleanCounters.BOILERPLATE_LINES_REMOVED) >= 2);
  }

  @Test
  void hostileTextsAreFilteredNotFatal() {
    TextCleaner cleaner =
        new TextCleaner(
            settings(
                CleanSettings.RULES, "WORD_COUNT", CleanSettings.DROP_LETTERLESS_LINES, "true"));
    assertEquals(FilterRule.EMPTY, cleaner.clean(document("empty", "")));
    assertEquals(
        FilterRule.EMPTY,
        cleaner.clean(
            document(
                "markup",
                "<html><head><script>var x = 1;</script></head><body><div><img src='a.png'></div></body></html>")));
    assertEquals(
        FilterRule.EMPTY, cleaner.clean(document("controls", "\u0000\u0001\u200B \n\t ----")));
    TextCleaner keeping = new TextCleaner(CleanSettings.defaults());
    assertNull(
        keeping.clean(document("controls", "\u0000\u0001\u200B \n\t ----")),
        "letterless lines stay by default");
    assertEquals("----", keeping.text());
    String huge = "the quick brown fox jumps ".repeat((9 << 20) / 26);
    assertEquals(FilterRule.WORD_COUNT, cleaner.clean(document("huge", huge)));
    assertTrue(cleaner.detail().startsWith("words 1814840 > 100000"), cleaner.detail());
  }

  @Test
  void unpairedSurrogatesAreRemovedFromKeptText() {
    TextCleaner cleaner =
        new TextCleaner(settings(CleanSettings.DISABLED_RULES, allQualityRules()));
    assertNull(
        cleaner.clean(document("s", "broken \uD800 pair \uDC00 and a real one \uD83D\uDE00")));
    assertEquals("broken pair and a real one \uD83D\uDE00", cleaner.text());
    assertEquals(2, count(cleaner, CleanCounters.INVALID_SURROGATES_REMOVED));
  }

  @Test
  void cutsLongTextsAtAWordBoundary() {
    TextCleaner cleaner = new TextCleaner(settings(CleanSettings.MAX_CHARS, "100"));
    assertNull(cleaner.clean(document("long", QualityFilterTest.GOOD)), () -> cleaner.detail());
    String cut = cleaner.text();
    assertTrue(
        cut.length() <= 100 && cut.length() > 90 && QualityFilterTest.GOOD.startsWith(cut), cut);
    assertTrue(Character.isWhitespace(QualityFilterTest.GOOD.charAt(cut.length())), cut);
    assertEquals(1, count(cleaner, CleanCounters.TRUNCATED));
    assertEquals(5, TextCleaner.cutAt("aaaaa bbbbbbbbbbb", 10));
    assertEquals(
        10, TextCleaner.cutAt("aaaaaaaaaaaaaaaa", 10), "one long word is cut where it must be");
  }

  @Test
  void languageGoesIntoMetaAndFilters() {
    TextCleaner cleaner = new TextCleaner(settings(CleanSettings.LANGUAGES, "de"));
    assertEquals(FilterRule.LANGUAGE, cleaner.clean(document("en", QualityFilterTest.GOOD)));
    assertTrue(
        cleaner.detail().startsWith("en (") && cleaner.detail().endsWith("wanted de or und"),
        cleaner.detail());
    TextCleaner english = new TextCleaner(settings(CleanSettings.LANGUAGES, "en"));
    assertNull(english.clean(document("en", QualityFilterTest.GOOD)));
    assertEquals("en", english.meta().get(TextCleaner.LANGUAGE_KEY));
    assertTrue(Double.parseDouble(english.meta().get(TextCleaner.LANGUAGE_SCORE_KEY)) > 0.9);
  }

  /** Tweets, SMS, ratings, titles: the default keeps every one, cleaned but whole. */
  @Test
  void theDefaultKeepsShortLabelledTextsWhole() {
    TextCleaner cleaner = new TextCleaner(CleanSettings.defaults());
    for (String text :
        new String[] {
          "OK",
          "10/10",
          "gr8 thx!!! c u @ 8",
          "Refund please",
          "#fail",
          "Unsubscribe me now. Click here to opt-out.",
          "\u597D\u8BC4",
          "...",
          "Battery died after 2 days :("
        }) {
      assertNull(cleaner.clean(document("t", text)), () -> text + ": " + cleaner.detail());
      assertEquals(text, cleaner.text(), "the label's signal stays, boilerplate phrases included");
    }
  }

  @Test
  void proseWithAngleBracketsKeepsThemAndRealHtmlIsStillExtracted() {
    TextCleaner cleaner = new TextCleaner(CleanSettings.defaults());
    String prose =
        "All coffee is best served cold <3 and the <b> tag makes text bold while <i> makes it italic.";
    assertNull(cleaner.clean(document("a3", prose)));
    assertEquals(prose, cleaner.text());
    assertEquals(0, count(cleaner, CleanCounters.HTML_EXTRACTED));
    assertNull(cleaner.clean(document("h", "<p>Coffee is <b>best</b> cold.</p>")));
    assertEquals("Coffee is best cold.", cleaner.text());
    assertEquals(1, count(cleaner, CleanCounters.HTML_EXTRACTED));
  }

  @Test
  void aCleanerThatDoesNotApplyItsRulesNamesTheRuleAndKeepsTheDocument() {
    CleanSettings gopher = settings(CleanSettings.RULES, "WORD_COUNT,STOP_WORDS");
    TextCleaner scoring = new TextCleaner(gopher, false);
    assertNull(scoring.clean(document("short", "Cheap meds here")));
    assertEquals("Cheap meds here", scoring.text());
    assertEquals(FilterRule.WORD_COUNT, scoring.wouldFail());
    assertNull(scoring.clean(document("long", QualityFilterTest.GOOD)));
    assertNull(scoring.wouldFail());
    TextCleaner filtering = new TextCleaner(gopher);
    assertEquals(FilterRule.WORD_COUNT, filtering.clean(document("short", "Cheap meds here")));
    assertEquals(FilterRule.WORD_COUNT, filtering.wouldFail());
  }

  @Test
  void settingsRecordedBeforePresetsStillMeanWhatTheyMeant() {
    CleanSettings old = settings(CleanSettings.DISABLED_RULES, "STOP_WORDS,TOP_2GRAM");
    assertTrue(
        old.enabledRules()
            .containsAll(
                EnumSet.of(
                    FilterRule.WORD_COUNT, FilterRule.DUPLICATE_LINES, FilterRule.TOP_3GRAM)),
        old.enabledRules().toString());
    assertFalse(old.enabledRules().contains(FilterRule.STOP_WORDS));
    assertFalse(
        old.enabledRules().contains(FilterRule.DUPLICATE_5GRAMS),
        "the duplicate n-grams came with presets");
    CleanSettings roundTrip = CleanSettings.fromEntries(old.entries());
    assertEquals(old.enabledRules(), roundTrip.enabledRules());
    assertTrue(CleanSettings.defaults().enabledRules().isEmpty());
  }

  @Test
  void everyStepCanBeTurnedOff() {
    TextCleaner cleaner =
        new TextCleaner(
            settings(
                CleanSettings.HTML,
                "NEVER",
                CleanSettings.NORMALIZE,
                "false",
                CleanSettings.BOILERPLATE,
                "[]",
                CleanSettings.DROP_LETTERLESS_LINES,
                "false",
                CleanSettings.DISABLED_RULES,
                allQualityRules(),
                CleanSettings.MASK_PII,
                ""));
    String text = "<p>Click  here</p><br>\n-----\njoe@example.com \u201Cq\u201D";
    assertNull(cleaner.clean(document("raw", text)));
    assertEquals(text, cleaner.text());
  }

  static String allQualityRules() {
    StringBuilder rules = new StringBuilder();
    for (FilterRule rule :
        EnumSet.complementOf(EnumSet.of(FilterRule.EMPTY, FilterRule.LANGUAGE))) {
      rules.append(rules.length() > 0 ? "," : "").append(rule.name());
    }
    return rules.toString();
  }
}
