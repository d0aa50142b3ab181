package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityFilterTest {
  /** A real ham message body (SpamAssassin easy_ham), long enough for every rule. */
  static final String GOOD = String.join("\n",
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

  private static double[] defaults() {
    double[] limits = new double[QualityLimit.values().length];
    for (QualityLimit limit : QualityLimit.values()) {
      limits[limit.ordinal()] = limit.defaultValue();
    }
    return limits;
  }

  private static final QualityFilter ALL = new QualityFilter(defaults(), EnumSet.allOf(FilterRule.class));

  private static void assertFails(FilterRule rule, String text) {
    assertEquals(rule, ALL.check(text), () -> "detail: " + ALL.detail());
  }

  @Test
  void realMessagePassesEveryRule() {
    assertNull(ALL.check(GOOD), () -> ALL.detail());
  }

  @Test
  void wordCountBounds() {
    assertFails(FilterRule.WORD_COUNT, "Thanks, that works for me and the rest of the team.");
    assertEquals("words 11 < 50", ALL.detail());
    double[] limits = defaults();
    limits[QualityLimit.MAX_WORDS.ordinal()] = 60;
    assertEquals(FilterRule.WORD_COUNT, new QualityFilter(limits, EnumSet.allOf(FilterRule.class)).check(GOOD));
  }

  @Test
  void symbolOnlyTokensDoNotCountAsWords() {
    String padded = "Thanks, that works for me. " + "- * ! ? ".repeat(30);
    assertFails(FilterRule.WORD_COUNT, padded);
  }

  @Test
  void meanWordLength() {
    assertFails(FilterRule.MEAN_WORD_LENGTH, "a b c d e f g h i j ".repeat(6) + " the and of to");
    assertFails(FilterRule.MEAN_WORD_LENGTH, GOOD.replace(" ", "xxxxxxxxxxxx "));
  }

  @Test
  void symbolRatioCountsHashesAndEllipses() {
    assertFails(FilterRule.SYMBOL_RATIO, GOOD + "\n" + "#tag ".repeat(25));
    assertTrue(ALL.detail().startsWith("'#' per word"), ALL.detail());
    assertFails(FilterRule.SYMBOL_RATIO, GOOD + "\n" + "wait... ".repeat(20));
    assertTrue(ALL.detail().startsWith("ellipses per word"), ALL.detail());
  }

  @Test
  void bulletAndEllipsisLines() {
    StringBuilder bullets = new StringBuilder();
    for (String line : GOOD.split("\n")) {
      bullets.append(line.isEmpty() ? "" : "- ").append(line).append('\n');
    }
    assertFails(FilterRule.BULLET_LINES, bullets.toString());
    StringBuilder trailing = new StringBuilder();
    for (String line : GOOD.split("\n")) {
      trailing.append(line).append(line.isEmpty() ? "" : " and so on\u2026").append('\n');
    }
    assertFails(FilterRule.ELLIPSIS_LINES, trailing.toString());
  }

  @Test
  void alphabeticWordsAndStopWords() {
    assertFails(FilterRule.ALPHA_WORDS, GOOD + "\n" + "12 34 56 78 90 ".repeat(12));
    String noStopWords = "Quick brown foxes jump over lazy dogs near green hills while red birds sing loudly "
        .repeat(4) + "every morning before sunrise";
    assertEquals(FilterRule.STOP_WORDS, new QualityFilter(defaults(),
        Set.of(FilterRule.STOP_WORDS, FilterRule.WORD_COUNT)).check(noStopWords));
  }

  @Test
  void repeatedLinesAndParagraphs() {
    assertFails(FilterRule.DUPLICATE_LINES, GOOD + "\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now\nBuy now");
    String offer = "Limited offer: the best prices of the year on every model, with free delivery to your door. ";
    String longLine = offer + offer.replace("best", "lowest");
    assertFails(FilterRule.DUPLICATE_LINE_CHARS, GOOD + "\n\n" + longLine + "\n\n" + longLine + "\n\n" + longLine);
    EnumSet<FilterRule> paragraphsOnly = EnumSet.of(FilterRule.DUPLICATE_PARAGRAPHS, FilterRule.DUPLICATE_PARAGRAPH_CHARS);
    QualityFilter filter = new QualityFilter(defaults(), paragraphsOnly);
    assertEquals(FilterRule.DUPLICATE_PARAGRAPHS, filter.check("one\n\ntwo\n\none\n\ntwo"));
    String longParagraph = longLine + "\n" + longLine.replace("year", "decade");
    assertEquals(FilterRule.DUPLICATE_PARAGRAPH_CHARS,
        filter.check(GOOD + "\n\n" + longParagraph + "\n\n" + longParagraph), () -> filter.detail());
  }

  /** {@code repeated} followed by a different word, {@code times} times: only n-grams within it repeat. */
  private static String repeating(String repeated, int times) {
    StringBuilder text = new StringBuilder(GOOD);
    for (int i = 0; i < times; i++) {
      text.append(' ').append(repeated).append(" w").append(i);
    }
    return text.toString();
  }

  @Test
  void topNgramShares() {
    QualityFilter ngrams = new QualityFilter(defaults(),
        EnumSet.of(FilterRule.TOP_2GRAM, FilterRule.TOP_3GRAM, FilterRule.TOP_4GRAM));
    assertNull(ngrams.check(GOOD));
    assertEquals(FilterRule.TOP_2GRAM, ngrams.check(GOOD + " " + "free money ".repeat(40)));
    assertEquals(FilterRule.TOP_3GRAM, ngrams.check(repeating("alpha beta gammadelta", 12)), () -> ngrams.detail());
    assertEquals(FilterRule.TOP_4GRAM, ngrams.check(repeating("abcd efgh ijkl mnop", 10)), () -> ngrams.detail());
    assertTrue(ngrams.detail().startsWith("top 4-gram chars 0.2"), ngrams.detail());
  }

  @Test
  void disabledRulesDoNotFire() {
    QualityFilter none = new QualityFilter(defaults(), EnumSet.of(FilterRule.EMPTY));
    assertNull(none.check("ok"));
    assertEquals(FilterRule.EMPTY, none.check(" \n "));
  }
}
