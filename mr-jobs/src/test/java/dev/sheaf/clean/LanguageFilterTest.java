package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
  private static final String GERMAN = "Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf vorgelegt, der die "
      + "Förderung erneuerbarer Energien in den kommenden Jahren deutlich ausweiten soll. Kritiker bemängeln jedoch, "
      + "dass die Finanzierung noch nicht gesichert ist.";

  @Test
  void keepsWantedLanguagesAndNamesTheOthers() {
    LanguageFilter english = new LanguageFilter(Set.of("en"), 0.5);
    assertTrue(english.accept(QualityFilterTest.GOOD));
    assertEquals("en", english.language());
    assertTrue(english.probability() > 0.9, "probability " + english.probability());
    assertFalse(english.accept(GERMAN));
    assertEquals("de", english.language());
    assertTrue(new LanguageFilter(Set.of("en", "de"), 0.5).accept(GERMAN));
  }

  @Test
  void textWithoutLanguageIsUnknownAndDropped() {
    LanguageFilter english = new LanguageFilter(Set.of("en"), 0.5);
    assertFalse(english.accept("12345 67890 !!! ???"));
    assertEquals(LanguageFilter.UNKNOWN, english.language());
  }

  @Test
  void sameTextSameAnswerEveryTime() {
    String mixed = QualityFilterTest.GOOD.substring(0, 200) + " " + GERMAN;
    LanguageFilter first = new LanguageFilter(Set.of("en"), 0.5);
    first.accept(mixed);
    for (int i = 0; i < 5; i++) {
      LanguageFilter again = new LanguageFilter(Set.of("en"), 0.5);
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
