package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.TextBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineCleanerTest {
  private final long[] counts = new long[CleanCounters.values().length];

  private String clean(
      boolean stripQuotes, List<String> phrases, boolean dropLetterless, String text) {
    TextBuffer out = new TextBuffer();
    new LineCleaner(
            stripQuotes,
            phrases.isEmpty() ? null : new PhraseMatcher(phrases),
            dropLetterless,
            counts)
        .clean(text, out);
    return out.toString();
  }

  private long count(CleanCounters counter) {
    return counts[counter.ordinal()];
  }

  @Test
  void stripsQuotedLinesTheirAttributionAndTheSignature() {
    String reply =
        "Re: apt\n\nOn Mon, 19 Aug 2002, Brian wrote:\n> did it work?\n> > and this\n\nYes, it works now.\n"
            + "Thanks for the help.\n\n--\nMatthias Saou\nWorld Trade Center\nhttp://freshrpms.net/";
    assertEquals(
        "Re: apt\n\nYes, it works now.\nThanks for the help.",
        clean(true, List.of(), false, reply));
    assertEquals(3, count(CleanCounters.QUOTE_LINES_REMOVED));
    assertEquals(1, count(CleanCounters.SIGNATURES_REMOVED));
  }

  @Test
  void keepsQuotesWhenNotAskedAndALongTailAfterADashLine() {
    String text =
        "Intro\n> quoted\n--\n" + "line\n".repeat(LineCleaner.MAX_SIGNATURE_LINES + 1) + "end";
    assertEquals(text.replace("\n--\n", "\n"), clean(false, List.of(), true, text));
    assertEquals(1, count(CleanCounters.LETTERLESS_LINES_REMOVED));
    assertEquals(
        text.replace("> quoted\n", ""),
        clean(true, List.of(), false, text),
        "a -- line followed by more than a signature's lines is not a signature");
    assertEquals(0, count(CleanCounters.SIGNATURES_REMOVED));
  }

  @Test
  void dropsAForwardedOriginalAndAllAfterIt() {
    String text =
        "Of the three, which would you take?\n\n----- Original Message -----\nFrom: John\nSent: Monday\n\nOld text";
    assertEquals("Of the three, which would you take?", clean(true, List.of(), true, text));
    assertEquals(4, count(CleanCounters.QUOTE_LINES_REMOVED));
  }

  @Test
  void dropsBoilerplateLinesInAnyCaseAndLinesWithoutLetters() {
    String text =
        "Great offer today\nCLICK HERE to Unsubscribe\n_______________\n12345 678\n\nReal content, yes.\n"
            + "\u00DCber Cookie-Richtlinie";
    assertEquals(
        "Great offer today\n\nReal content, yes.",
        clean(false, List.of("click here", "\u00FCber cookie"), true, text));
    assertEquals(2, count(CleanCounters.BOILERPLATE_LINES_REMOVED));
    assertEquals(2, count(CleanCounters.LETTERLESS_LINES_REMOVED));
  }

  @Test
  void longLinesWithAPhraseAreContentAndStay() {
    String paragraph =
        "If you click here and there in the settings dialog, "
            + "the defaults come back. ".repeat(12);
    assertEquals(paragraph.strip(), clean(false, List.of("click here"), true, paragraph.strip()));
    assertEquals(0, count(CleanCounters.BOILERPLATE_LINES_REMOVED));
  }

  @Test
  void phraseMatcherFindsPhrasesAnywhereInTheSpanOnly() {
    PhraseMatcher matcher = new PhraseMatcher(List.of("javascript", "we use cookies", " "));
    assertTrue(matcher.matches("Please enable JavaScript.", 0, 25));
    assertFalse(
        matcher.matches("Please enable JavaScript.", 0, 20), "the span ends before the phrase");
    assertFalse(matcher.matches("Java and scripts", 0, 16));
    assertTrue(matcher.matches("xx We Use Cookies", 3, 17));
  }
}
