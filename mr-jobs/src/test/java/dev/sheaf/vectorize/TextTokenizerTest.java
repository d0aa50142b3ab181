package dev.sheaf.vectorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {
  private static List<String> terms(TextTokenizer tokenizer, String text) {
    return List.copyOf(tokenizer.terms(text));
  }

  @Test
  void splitsWordsUrlsAndAddressesAndLowersCase() {
    try (TextTokenizer plain = new TextTokenizer(null, false, 1, 1)) {
      assertEquals(
          List.of(
              "visit",
              "http",
              "www.example.com",
              "path",
              "or",
              "mail",
              "joe",
              "example.com",
              "3.14"),
          terms(plain, "Visit http://www.example.com/path or MAIL joe@example.com 3.14!"));
      assertEquals(
          List.of("café", "naïve", "straße", "ελληνικά"),
          terms(plain, "Café naïve STRASSE".replace("STRASSE", "Straße") + " Ελληνικά"));
      assertEquals(
          List.of("漢", "字", "テスト"),
          terms(plain, "漢字テスト"),
          "CJK: one ideograph a token, kana runs whole");
      assertEquals(List.of(), terms(plain, " ... --- !!! "));
    }
  }

  @Test
  void stopWordsAndPorterStemming() {
    try (TextTokenizer english =
        new TextTokenizer(new CharArraySet(Vectorizer.englishStopwords(), false), true, 1, 1)) {
      assertEquals(
          List.of("run", "dog", "quickli", "jump"),
          terms(english, "The running dogs are quickly jumping"));
    }
  }

  @Test
  void wordNgramsAfterStopWordsAreRemoved() {
    try (TextTokenizer bigrams =
        new TextTokenizer(new CharArraySet(List.of("the"), false), false, 1, 2)) {
      assertEquals(
          List.of("free", "money", "now", "free money", "money now"),
          terms(bigrams, "Free the money now"));
    }
    try (TextTokenizer onlyBigrams = new TextTokenizer(null, false, 2, 2)) {
      assertEquals(List.of("a b", "b c"), terms(onlyBigrams, "a b c"));
      assertTrue(terms(onlyBigrams, "alone").isEmpty());
    }
  }

  @Test
  void veryLongTokensAreCutAtLucenesLimit() {
    try (TextTokenizer plain = new TextTokenizer(null, false, 1, 1)) {
      List<String> terms = terms(plain, "x".repeat(600));
      assertEquals(
          List.of(TextTokenizer.MAX_TOKEN_LENGTH, TextTokenizer.MAX_TOKEN_LENGTH, 90),
          terms.stream().map(String::length).toList());
    }
  }
}
