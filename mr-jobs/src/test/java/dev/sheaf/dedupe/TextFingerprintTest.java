package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class TextFingerprintTest {
  private final TextNormalizer normalizer = new TextNormalizer();
  private final TextFingerprint fingerprint = new TextFingerprint();

  private String hashOf(String text) {
    assertTrue(fingerprint.compute(normalizer.normalize(text)));
    return fingerprint.high() + ":" + fingerprint.low();
  }

  /**
   * The definition: MurmurHash3 x64 128 of the form's UTF-8 bytes, whatever the form's chars and
   * length.
   */
  @Test
  void fingerprintIsMurmurHash3OfTheFormsUtf8Bytes() {
    StringBuilder long_ = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      long_.append("word").append(i).append(" 𝔘nicode 中文 ");
    }
    for (String text :
        new String[] {
          "plain ascii",
          "café ünïcödé",
          "中文 和 日本語",
          "emoji 😀 and 𝔘",
          long_.toString(),
          "ascii after wide: the buffer is reused"
        }) {
      CharSequence form = normalizer.normalize(text);
      long[] expected = MurmurHash3.hash128x64(form.toString().getBytes(StandardCharsets.UTF_8));
      assertTrue(fingerprint.compute(form));
      assertEquals(expected[0], fingerprint.high(), text);
      assertEquals(expected[1], fingerprint.low(), text);
    }
  }

  @Test
  void normalisesCasePunctuationSpacingAndCompatibilityForms() {
    assertEquals(
        "hello world its me", normalizer.normalize("  Hello,\tWORLD!!  It's — me... ").toString());
    assertEquals(
        "file 1",
        normalizer.normalize("\uFB01le \uFF11").toString(),
        "NFKC folds the ligature and the full-width digit");
  }

  @Test
  void theAsciiFastPathAgreesWithTheGeneralRuleOnEveryAsciiChar() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c).append("Ab").append(c);
    }
    // and each char inside, opening and closing a number
    for (char c = 0; c < 128; c++) {
      all.append(" 1").append(c).append("2 ").append(c).append("3 4").append(c).append(' ');
    }
    String ascii = all.toString();
    // the same text with one non-ASCII char at the end takes the general (NFKC) path
    String viaUnicode = normalizer.normalize(ascii + "\u00e9").toString();
    String viaAscii = normalizer.normalize(ascii).toString();
    assertEquals(viaUnicode.substring(0, viaUnicode.length() - 1).strip(), viaAscii);
  }

  @Test
  void numbersKeepThePunctuationInsideAndOpeningThem() {
    assertEquals("take 1.5 mg", normalizer.normalize("Take 1.5 mg.").toString());
    assertEquals(
        "$1,000 at 10:30 on 1/2 call 1-800-555",
        normalizer.normalize("$1,000 at 10:30 on 1/2; call 1-800-555.").toString());
    assertEquals("-5 °c or .5 or 0.5", normalizer.normalize("-5 °C, or .5 (or 0.5)").toString());
    assertEquals("-5", normalizer.normalize("(-5)").toString());
    assertEquals(
        "it was 5 then a5",
        normalizer.normalize("It was 5. Then a-5!").toString(),
        "a full stop closing a sentence and a hyphen inside a word still go");
    assertEquals(
        "v1.2.3 1.5",
        normalizer.normalize("v1.2.3 \uFF11\uFF0E\uFF15").toString(),
        "full-width digits and stop fold first");
  }

  /**
   * ../shared/field-cases/normal-form-numbers: form variants are one text, numbers written apart
   * are not.
   */
  @Test
  void formVariantsMatchAndDifferentNumbersDoNot() {
    String fox = hashOf("The quick brown fox jumps over the lazy dog");
    for (String variant :
        new String[] {
          "  The quick  brown\tfox\njumps over the lazy dog  ",
          "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.",
          "\uFF34\uFF48\uFF45 quick brown fox jumps over the lazy dog"
        }) {
      assertEquals(fox, hashOf(variant), variant);
    }
    assertNotEquals(
        hashOf("Take 1.5 mg of the drug twice a day"),
        hashOf("Take 15 mg of the drug twice a day"));
    assertNotEquals(
        hashOf("The total was $1,000 for the repair"),
        hashOf("The total was $1000 for the repair"));
    assertNotEquals(
        hashOf("Version 1.2 is stable and version 12 is not"),
        hashOf("Version 12 is stable and version 1.2 is not"));
    assertNotEquals(hashOf("at 10:30"), hashOf("at 1030"));
    assertNotEquals(hashOf("-5 degrees"), hashOf("5 degrees"));
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
