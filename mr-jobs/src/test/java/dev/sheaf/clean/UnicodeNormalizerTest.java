package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.common.TextBuffer;
import dev.sheaf.testing.Fixtures;
import org.junit.jupiter.api.Test;

class UnicodeNormalizerTest {
  private final long[] counts = new long[CleanCounters.values().length];
  private final UnicodeNormalizer normalizer = new UnicodeNormalizer(true, counts);

  private String normalize(String text) {
    TextBuffer out = new TextBuffer();
    normalizer.normalize(text, out);
    return out.toString();
  }

  private long count(CleanCounters counter) {
    return counts[counter.ordinal()];
  }

  @Test
  void appliesNfkcAndMakesQuotesAndDashesAscii() {
    assertEquals("office fi 12 ABC", normalize("o\uFB03ce \uFB01 \uFF11\uFF12 \uFF21\uFF22\uFF23"));
    assertEquals(
        "\"quoted\" and 'single' - dash - minus -1 ...",
        normalize(
            "\u201Cquoted\u201D and \u2018single\u2019 \u2013 dash \u2014 minus \u22121 \u2026"));
  }

  @Test
  void combiningMarksJoinTheAsciiLetterBeforeThemAsWholeTextNfkcWould() {
    String text = "cafe\u0301 and a<\u0338b, \u212B ok, x\u0323\u0307 done";
    assertEquals(
        java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC), normalize(text));
    assertEquals(
        "caf\u00E9 and a\u226Eb, \u00C5 ok, \u1E8B\u0323 done"
            .replace(
                "\u1E8B\u0323",
                java.text.Normalizer.normalize("x\u0323\u0307", java.text.Normalizer.Form.NFKC)),
        normalize(text));
  }

  @Test
  void equalsWholeTextNfkcOnMixedScriptsAndCompatibilityCharacters() {
    String text =
        "\u00BD \u00B2 caf\u00E9 \u1100\u1161\u11A8 \u304B\u3099 \u0915\u093C \u00C5\u030A "
            + "\uFF76\uFF9E \u2460 \u3392 \u6F22\u5B57 \u0410\u0306 \u05D0\u05B7 \u0627\u0653 \uD835\uDC00";
    assertEquals(
        java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC), normalize(text));
  }

  @Test
  void sampleCorpusGivesTheSameTextAsWholeTextNfkc() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : Fixtures.spamassassinLines()) {
      String text = json.readTree(line).get("text").asText();
      if (!Mojibake.suspected(text)) {
        assertEquals(
            normalize(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)),
            normalize(text));
      }
    }
  }

  @Test
  void collapsesWhiteSpaceAndKeepsOneBlankLineBetweenParagraphs() {
    assertEquals(
        "one two\nthree\n\nfour",
        normalize("  one \t two  \r\n  three\u00A0\r\n\r\n\n\n   \n four  \n\n"));
    assertEquals("a\n\nb", normalize("a\u2029b"));
  }

  @Test
  void removesControlCharactersUnpairedSurrogatesAndInvisibleFormatCharacters() {
    assertEquals("abcdef", normalize("a\u0000b\u0007c\u200Bd\uFEFFe\u00ADf"));
    assertEquals(5, count(CleanCounters.CONTROL_CHARS_REMOVED));
    assertEquals("lone here", normalize("lone \uD800 here\uDC00"));
    assertEquals(2, count(CleanCounters.INVALID_SURROGATES_REMOVED));
    assertEquals(
        "emoji \uD83D\uDE00 and family \uD83D\uDC68\u200D\uD83D\uDC69 kept",
        normalize("emoji \uD83D\uDE00 and family \uD83D\uDC68\u200D\uD83D\uDC69 kept"));
  }

  @Test
  void repairsUnambiguousMojibake() {
    // "Café “déjà vu” – naïve" encoded as UTF-8, read as Windows-1252
    String broken =
        "Caf\u00C3\u00A9 \u00E2\u20AC\u0153d\u00C3\u00A9j\u00C3\u00A0 vu\u00E2\u20AC\u009D \u00E2\u20AC\u201C na\u00C3\u00AFve";
    assertEquals("Caf\u00E9 \"d\u00E9j\u00E0 vu\" - na\u00EFve", normalize(broken));
    assertEquals(1, count(CleanCounters.MOJIBAKE_FIXED));
  }

  @Test
  void leavesAmbiguousMojibakeAndCountsIt() {
    // a real é next to a broken one: no single reading makes both right
    String mixed = "caf\u00E9 and caf\u00C3\u00A9";
    assertEquals(mixed, normalize(mixed));
    assertEquals(0, count(CleanCounters.MOJIBAKE_FIXED));
    assertEquals(1, count(CleanCounters.MOJIBAKE_LEFT));
  }

  @Test
  void leavesLatinTextWithoutMojibakeAlone() {
    assertEquals("\u00C0 la fa\u00E7on de N\u00C3O", normalize("\u00C0 la fa\u00E7on de N\u00C3O"));
    assertEquals(0, count(CleanCounters.MOJIBAKE_FIXED) + count(CleanCounters.MOJIBAKE_LEFT));
  }

  @Test
  void countsMojibakeWithoutRepairingWhenTurnedOff() {
    UnicodeNormalizer countOnly = new UnicodeNormalizer(false, counts);
    TextBuffer out = new TextBuffer();
    countOnly.normalize("Caf\u00C3\u00A9", out);
    assertEquals("Caf\u00C3\u00A9", out.toString());
    assertEquals(1, count(CleanCounters.MOJIBAKE_LEFT));
  }
}
