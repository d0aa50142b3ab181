package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityFilterTest {
  /** A real ham message body (SpamAssassin easy_ham), long enough for every rule. */
  static final String GOOD =
      String.join(
          "\n",
          "I need to setup a VPN between a few sites. From what I've read, the choices come down",
          "(on the Linux side) to IPsec using FreeSWAN or CIPE. It seems that FreeSWAN is better, being",
          "an implementation of IPsec which is a standard. However, CIPE does the job as well for Linux",
          "clients and is somewhat simpler to set up.",
          "",
          "The problem is that it's not a pure Linux situation: a couple of the sites run OS X. I'm pretty",
          "sure that I'll be able to find an implementation of IPsec for OS X, but I think CIPE is Linux only.",
          "",
          "So, the question is for those of you who have implemented both: is there a significant",
          "difference in setup time and hassle between the two?");

  static double[] defaults() {
    double[] limits = new double[QualityLimit.values().length];
    for (QualityLimit limit : QualityLimit.values()) {
      limits[limit.ordinal()] = limit.defaultValue();
    }
    return limits;
  }

  static QualityFilter filter(Set<FilterRule> rules) {
    return new QualityFilter(defaults(), rules, text -> false);
  }

  static Set<FilterRule> rules(Preset... presets) {
    Set<FilterRule> rules = EnumSet.noneOf(FilterRule.class);
    for (Preset preset : presets) {
      rules.addAll(preset.rules());
    }
    return rules;
  }

  private static final QualityFilter GOPHER =
      filter(rules(Preset.GOPHER_QUALITY, Preset.GOPHER_REPETITION));

  /**
   * Gopher's quality rules alone: short test texts fail the repetition rules first (see
   * topNgram...).
   */
  private static final QualityFilter QUALITY = filter(rules(Preset.GOPHER_QUALITY));

  private static void assertFails(FilterRule rule, String text) {
    assertEquals(rule, QUALITY.check(text), () -> "detail: " + QUALITY.detail());
  }

  @Test
  void withNoPresetNothingIsJudged() {
    QualityFilter none = filter(EnumSet.noneOf(FilterRule.class));
    assertFalse(none.active());
    assertNull(none.check("ok"));
    assertNull(none.check("a a a a a a a a a a"));
    assertEquals("ok", none.check("ok") == null ? none.text().toString() : null);
  }

  @Test
  void realMessagePassesGopher() {
    assertNull(GOPHER.check(GOOD), () -> GOPHER.detail());
    assertNull(filter(rules(Preset.FINEWEB)).check(GOOD));
  }

  @Test
  void wordCountBoundsCountWordsNotPunctuation() {
    assertFails(FilterRule.WORD_COUNT, "Thanks, that works for me and the rest of the team.");
    assertEquals("words 11 < 50", QUALITY.detail());
    double[] limits = defaults();
    limits[QualityLimit.MAX_WORDS.ordinal()] = 60;
    assertEquals(
        FilterRule.WORD_COUNT,
        new QualityFilter(limits, rules(Preset.GOPHER_QUALITY), text -> false).check(GOOD));
    assertFails(FilterRule.WORD_COUNT, "Thanks, that works for me. " + "- * ! ? ".repeat(30));
  }

  @Test
  void meanWordLength() {
    assertFails(FilterRule.MEAN_WORD_LENGTH, "a b c d e f g h i j ".repeat(6) + " the and of to");
    assertFails(FilterRule.MEAN_WORD_LENGTH, GOOD.replace(" ", "xxxxxxxxxxxx "));
  }

  @Test
  void symbolRatioCountsHashesAndEllipsesPerToken() {
    assertFails(FilterRule.SYMBOL_RATIO, GOOD + "\n" + "#tag ".repeat(25));
    assertTrue(QUALITY.detail().startsWith("'#' per token"), GOPHER.detail());
    assertFails(FilterRule.SYMBOL_RATIO, GOOD + "\n" + "wait... ".repeat(20));
    assertTrue(QUALITY.detail().startsWith("ellipses per token"), GOPHER.detail());
  }

  @Test
  void bulletLinesAreThoseDatatroveCounts() {
    StringBuilder dashes = new StringBuilder();
    StringBuilder stars = new StringBuilder();
    for (String line : GOOD.split("\n")) {
      dashes.append("- ").append(line).append('\n');
      stars.append("* ").append(line).append('\n');
    }
    assertFails(FilterRule.BULLET_LINES, dashes.toString());
    assertNull(
        QUALITY.check(stars.toString()), "datatrove counts only '\u2022' and '-' as bullets");
    StringBuilder trailing = new StringBuilder();
    for (String line : GOOD.split("\n")) {
      trailing.append(line).append(line.isEmpty() ? "" : " and so on\u2026").append('\n');
    }
    assertFails(FilterRule.ELLIPSIS_LINES, trailing.toString());
  }

  @Test
  void stopWordsAreCountedAsOccurrencesAndOnlyJudgedInEnglish() {
    assertFails(FilterRule.ALPHA_WORDS, GOOD + "\n" + "12 34 56 78 90 ".repeat(12));
    String noStopWords =
        "Quick brown foxes jump over lazy dogs near green hills while red birds sing loudly "
                .repeat(4)
            + "every morning before sunrise";
    Set<FilterRule> stopWords = EnumSet.of(FilterRule.STOP_WORDS, FilterRule.WORD_COUNT);
    QualityFilter english = filter(stopWords);
    assertEquals(FilterRule.STOP_WORDS, english.check(noStopWords));
    assertEquals("stop words 0 < 2", english.detail());
    assertNull(filter(stopWords).check(noStopWords + " with the"), "two occurrences are enough");
    assertNull(
        filter(stopWords).check(noStopWords + " the the"),
        "datatrove counts occurrences, not distinct words");
    assertEquals(
        FilterRule.STOP_WORDS,
        filter(stopWords).check(noStopWords + " The"),
        "case-sensitive, as datatrove");
    QualityFilter german = new QualityFilter(defaults(), stopWords, text -> true);
    assertNull(
        german.check(noStopWords),
        "a text in another language is not judged by English stop words");
    assertEquals(1, german.stopWordsNotJudged());
  }

  @Test
  void repeatedParagraphsThenLines() {
    QualityFilter repetition = filter(rules(Preset.GOPHER_REPETITION));
    assertEquals(
        FilterRule.DUPLICATE_LINES,
        repetition.check(GOOD + "\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now"));
    String offer =
        "Limited offer: the best prices of the year on every model, with free delivery to your door. ";
    String longLine = (offer + offer.replace("best", "lowest")).strip();
    assertEquals(
        FilterRule.DUPLICATE_PARAGRAPH_CHARS,
        repetition.check("Intro.\n\nMore text.\n\n" + longLine + "\n\n" + longLine),
        () -> repetition.detail());
    QualityFilter paragraphs =
        filter(EnumSet.of(FilterRule.DUPLICATE_PARAGRAPHS, FilterRule.DUPLICATE_PARAGRAPH_CHARS));
    assertEquals(FilterRule.DUPLICATE_PARAGRAPHS, paragraphs.check("one\n\ntwo\n\none\n\ntwo"));
    QualityFilter lines = filter(EnumSet.of(FilterRule.DUPLICATE_LINE_CHARS));
    assertEquals(
        FilterRule.DUPLICATE_LINE_CHARS,
        lines.check(GOOD + "\n" + longLine + "\n" + longLine + "\n" + longLine));
  }

  @Test
  void topNgramIsTheMostFrequentOneTimesItsCount() {
    QualityFilter ngrams =
        filter(EnumSet.of(FilterRule.TOP_2GRAM, FilterRule.TOP_3GRAM, FilterRule.TOP_4GRAM));
    assertNull(ngrams.check(GOOD));
    assertEquals(FilterRule.TOP_2GRAM, ngrams.check(GOOD + " " + "free money ".repeat(40)));
    // "ab cd" occurs 3 times (5 chars x 3 = 15 of 28 = 0.54): the most frequent, over 0.2
    assertEquals(FilterRule.TOP_2GRAM, ngrams.check("ab cd ab cd ab cd xy"), () -> ngrams.detail());
    assertEquals("top 2-gram chars 0.750 > 0.200", ngrams.detail(), "(5 x 3) / 20");
    // a text of two words: its only 2-gram, counted once, is all of it (datatrove counts it too)
    assertEquals(FilterRule.TOP_2GRAM, ngrams.check("hello world"));
  }

  @Test
  void duplicateNgramsSkipPastEachRepeat() {
    QualityFilter ngrams =
        filter(EnumSet.range(FilterRule.DUPLICATE_5GRAMS, FilterRule.DUPLICATE_10GRAMS));
    assertNull(ngrams.check(GOOD));
    String sentence = "the quick brown fox jumps over the lazy dog again ";
    assertEquals(
        FilterRule.DUPLICATE_5GRAMS,
        ngrams.check(GOOD + " " + sentence.repeat(6)),
        () -> ngrams.detail());
    QualityFilter tens = filter(EnumSet.of(FilterRule.DUPLICATE_10GRAMS));
    assertEquals(FilterRule.DUPLICATE_10GRAMS, tens.check(GOOD + " " + sentence.repeat(6)));
  }

  @Test
  void c4RemovesLinesAndJudgesTheRest() {
    QualityFilter c4 = filter(rules(Preset.C4));
    String page =
        String.join(
            "\n",
            "Home | About | Contact",
            "The museum opens at nine in the morning.[1] Tickets are sold at the door.",
            "Our site uses cookies to improve your visit.",
            "Please enable JavaScript to view the map.",
            "Guided tours start every hour. They last about forty minutes.",
            "Children under twelve enter free.",
            "Read more...",
            "The cafe on the second floor serves lunch until three.");
    assertNull(c4.check(page), () -> c4.detail());
    assertEquals(
        String.join(
            "\n",
            "The museum opens at nine in the morning. Tickets are sold at the door.",
            "Guided tours start every hour. They last about forty minutes.",
            "Children under twelve enter free.",
            "The cafe on the second floor serves lunch until three."),
        c4.text().toString());
    assertEquals(4, c4.c4LinesRemoved());
    assertEquals(FilterRule.SENTENCE_COUNT, c4.check("One sentence here. And a second one here."));
    assertEquals(FilterRule.LOREM_IPSUM, c4.check("Lorem ipsum dolor sit amet.\n" + page));
    assertEquals(
        FilterRule.CURLY_BRACKET, c4.check(page + "\nfunction f() { return 1; } is code."));
    assertEquals(
        FilterRule.SENTENCE_COUNT,
        c4.check("no terminal punctuation\nanywhere here"),
        "no line kept: 0 sentences");
    QualityFilter linesOnly = filter(EnumSet.of(FilterRule.LOREM_IPSUM));
    assertEquals(FilterRule.EMPTY, linesOnly.check("no terminal punctuation\nanywhere here"));
  }

  @Test
  void fineWebRules() {
    QualityFilter fineweb = filter(rules(Preset.FINEWEB));
    assertEquals(
        FilterRule.LINE_PUNCTUATION,
        fineweb.check("a line without an end\n".repeat(9) + "one with an end."));
    assertNull(
        fineweb.check("Short one.\nAnother.\nThis line, though, is longer than thirty chars."),
        "2 of 3 < 0.67");
    assertEquals(
        FilterRule.SHORT_LINES,
        fineweb.check(
            "Short one.\nAnother.\nA third.\nThis line, though, is longer than thirty chars."));
    assertEquals(
        FilterRule.CHAR_DUPLICATES,
        fineweb.check(GOOD + "\nclients and is somewhat simpler to set up."));
    String list = "Eggs and milk.\nButter and bread for the week ahead.\n".repeat(2);
    assertEquals(
        FilterRule.LIST_RATIO,
        filter(EnumSet.of(FilterRule.LIST_RATIO)).check(list.replace(" ", "\n")));
  }

  @Test
  void wordsOfTextWithoutSpacesComeFromTheSegmenter() {
    String chinese = "今天天气很好，我们一起去公园散步吧。孩子们在草地上玩耍，老人们在树下下棋。";
    WordTokens tokens = new WordTokens();
    int count = tokens.tokenize(chinese);
    assertTrue(tokens.segmented());
    assertTrue(
        count >= 15 && count < chinese.length(),
        "dictionary words, not characters or one word: " + count);
    QualityFilter words = filter(EnumSet.of(FilterRule.WORD_COUNT));
    assertNull(words.check(chinese.repeat(3)), () -> words.detail());
    assertEquals(1, words.segmentedDocuments());
    WordTokens english = new WordTokens();
    assertEquals(4, english.tokenize("plain English words."), "three words and the full stop");
    assertFalse(english.segmented());
  }
}
