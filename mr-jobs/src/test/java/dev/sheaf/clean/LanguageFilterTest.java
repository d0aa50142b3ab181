package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
  private static final String GERMAN =
      "Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf vorgelegt, der die "
          + "Förderung erneuerbarer Energien in den kommenden Jahren deutlich ausweiten soll. Kritiker bemängeln jedoch, "
          + "dass die Finanzierung noch nicht gesichert ist.";

  @Test
  void keepsWantedLanguagesAndNamesTheOthers() {
    LanguageFilter english = new LanguageFilter(Set.of("en"), 0.5, true);
    assertTrue(english.accept(QualityFilterTest.GOOD));
    assertEquals("en", english.language());
    assertTrue(english.probability() > 0.9, "probability " + english.probability());
    assertFalse(english.accept(GERMAN));
    assertEquals("de", english.language());
    assertTrue(new LanguageFilter(Set.of("en", "de"), 0.5, true).accept(GERMAN));
  }

  @Test
  void textWithoutLanguageIsUndeterminedAndKeptOrDroppedAsAsked() {
    LanguageFilter keeping = new LanguageFilter(Set.of("en"), 0.5, true);
    assertTrue(keeping.accept("12345 67890 !!! ???"));
    assertEquals(LanguageFilter.UNDETERMINED, keeping.language());
    LanguageFilter dropping = new LanguageFilter(Set.of("en"), 0.5, false);
    assertFalse(dropping.accept("12345 67890 !!! ???"));
    assertEquals(LanguageFilter.UNDETERMINED, dropping.language());
  }

  /**
   * Short texts are where n-gram detectors guess: the field case's "distribution agreement" came
   * out French.
   */
  @Test
  void shortTextsAreUndeterminedNeverAGuessedLanguage() {
    LanguageFilter english = new LanguageFilter(Set.of("en"), 0.5, false);
    for (String text :
        new String[] {
          "distribution agreement",
          "Let's talk somewhere else",
          "blast mango blast it",
          "Thanks, see you at the meeting tomorrow.",
          "OK",
          "Merci",
          "salamat po",
          "Please see https://example.org/docs/install and mail admin@example.org"
        }) {
      english.detect(text);
      assertEquals(LanguageFilter.UNDETERMINED, english.language(), text);
    }
    assertEquals(
        "de",
        english.detect(
            "Der Ausschuss hat den Haushalt geprüft und beschlossen, dass die neue Bibliothek "
                + "im Frühling eröffnet wird, sobald das Dach repariert ist."));
    assertEquals(
        "en",
        english.detect(
            "The committee reviewed the annual budget and agreed that the new library should "
                + "open in the spring, once the roof repairs are finished."));
  }

  @Test
  void aLowProbabilityIsUndetermined() {
    String mixed = QualityFilterTest.GOOD.substring(0, 150) + " " + GERMAN.substring(0, 150);
    LanguageFilter strict = new LanguageFilter(Set.of("en"), 1.0, true);
    strict.detect(mixed);
    assertEquals(LanguageFilter.UNDETERMINED, strict.language());
    assertTrue(strict.probability() < 1.0);
  }

  @Test
  void sameTextSameAnswerEveryTime() {
    String mixed = QualityFilterTest.GOOD.substring(0, 200) + " " + GERMAN;
    LanguageFilter first = new LanguageFilter(Set.of("en"), 0.5, true);
    first.accept(mixed);
    for (int i = 0; i < 5; i++) {
      LanguageFilter again = new LanguageFilter(Set.of("en"), 0.5, true);
      again.accept(mixed);
      assertEquals(first.language(), again.language());
      assertEquals(first.probability(), again.probability());
    }
  }

  @Test
  void knowsTheDetectorsLanguages() {
    Set<String> known = LanguageFilter.knownLanguages();
    assertTrue(known.containsAll(Set.of("en", "de", "fr", "zh-CN")), known.toString());
    assertEquals(70, known.size());
  }
}
