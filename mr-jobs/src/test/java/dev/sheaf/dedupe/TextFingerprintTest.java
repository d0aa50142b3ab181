package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextFingerprintTest {
  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();

  private String hashOf(String text) {
    assertTrue(fingerprint.compute(normalizer.normalize(text)));
    return fingerprint.high() + ":" + fingerprint.low();
  }

  @Test
  void normalisesCasePunctuationSpacingAndCompatibilityForms() {
    assertEquals("hello world its me", normalizer.normalize("  Hello,\tWORLD!!  It's — me... ").toString());
    assertEquals("file 1", normalizer.normalize("\uFB01le \uFF11").toString(), "NFKC folds the ligature and the full-width digit");
  }

  @Test
  void theAsciiFastPathAgreesWithTheGeneralRuleOnEveryAsciiChar() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c).append("Ab").append(c);
    }
    String ascii = all.toString();
    // the same text with one non-ASCII char at the end takes the general (NFKC) path
    String viaUnicode = normalizer.normalize(ascii + "\u00e9").toString();
    String viaAscii = normalizer.normalize(ascii).toString();
    assertEquals(viaUnicode.substring(0, viaUnicode.length() - 1).strip(), viaAscii);
  }

  @Test
  void textsThatDifferOnlyInFormGetOneFingerprint() {
    assertEquals(hashOf("Free money, now!"), hashOf("free   MONEY now"));
    assertEquals(hashOf("caf\u00e9"), hashOf("cafe\u0301"), "composed and decomposed accents");
  }

  @Test
  void differentWordsGetDifferentFingerprints() {
    assertNotEquals(hashOf("free money now"), hashOf("free money later"));
    assertNotEquals(hashOf("ab c"), hashOf("a bc"), "word boundaries count");
  }

  @Test
  void nothingLeftAfterNormalisationIsReported() {
    assertFalse(fingerprint.compute(normalizer.normalize("!!! ... ---")));
    assertFalse(fingerprint.compute(normalizer.normalize(" \t\n")));
  }
}
