package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.common.Scripts;
import dev.sheaf.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {
  private final TextNormalizer normalizer = new TextNormalizer();

  /** Word k-shingles as strings: the definition the signature estimates, computed the slow way. */
  private Set<String> shingles(String text, int k) {
    String[] words = normalizer.normalize(text).toString().split(" ");
    Set<String> shingles = new HashSet<>();
    if (words.length < k) {
      shingles.add(String.join(" ", words));
      return shingles;
    }
    for (int i = 0; i + k <= words.length; i++) {
      shingles.add(String.join(" ", Arrays.copyOfRange(words, i, i + k)));
    }
    return shingles;
  }

  private double trueJaccard(String a, String b) {
    Set<String> x = shingles(a, 5);
    Set<String> y = shingles(b, 5);
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    return x.size() / (double) union.size();
  }

  /** The classic MinHash estimate: the fraction of positions where two signatures agree. */
  private static float signatureSimilarity(int[] a, int[] b) {
    int equal = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return equal / (float) a.length;
  }

  private int[] signature(MinHasher hasher, String text) {
    int[] signature = new int[hasher.numPerm()];
    hasher.signature(normalizer.normalize(text), signature);
    return signature;
  }

  /** Replaces a fraction of the words with new ones, spread over the text. */
  private static String mutate(String text, double fraction, Random random) {
    String[] words = text.split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (random.nextDouble() < fraction) {
        words[i] = "w" + random.nextInt(1_000_000);
      }
    }
    return String.join(" ", words);
  }

  @Test
  void estimateTracksTrueJaccardOnRealText() throws Exception {
    ObjectMapper json = new ObjectMapper();
    MinHasher hasher = new MinHasher(128, 5);
    Random random = new Random(3);
    List<Double> errors = new ArrayList<>();
    List<String> lines = Fixtures.spamassassinLines();
    for (int i = 0; i < 60; i++) {
      String text = json.readTree(lines.get(i * 5)).get("text").asText();
      String other = mutate(text, 0.002 + random.nextDouble() * 0.05, random);
      double truth = trueJaccard(text, other);
      double estimate = signatureSimilarity(signature(hasher, text), signature(hasher, other));
      double sigma = Math.sqrt(truth * (1 - truth) / 128);
      assertTrue(
          Math.abs(estimate - truth) <= 4 * sigma + 0.02,
          "doc " + i + ": estimate " + estimate + " vs true " + truth);
      errors.add(Math.abs(estimate - truth));
    }
    double meanError = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(meanError < 0.04, "mean absolute error " + meanError);
  }

  /**
   * Texts of fewer shingles than bins, where most bins are densified: agreement still estimates the
   * Jaccard similarity without bias (the mean error over many pairs near 0, each within its
   * binomial spread), as optimal densification promises.
   */
  @Test
  void densifiedSignaturesOfShortTextsEstimateJaccardWithoutBias() {
    MinHasher hasher = new MinHasher(160, 5);
    Random random = new Random(11);
    double signedError = 0;
    int pairs = 400;
    for (int i = 0; i < pairs; i++) {
      StringBuilder text = new StringBuilder();
      int words = 12 + random.nextInt(50);
      for (int w = 0; w < words; w++) {
        text.append('w').append(random.nextInt(5000)).append(' ');
      }
      String other = mutate(text.toString(), 0.01 + random.nextDouble() * 0.08, random);
      double truth = trueJaccard(text.toString(), other);
      double estimate =
          signatureSimilarity(signature(hasher, text.toString()), signature(hasher, other));
      double sigma = Math.sqrt(truth * (1 - truth) / 160);
      assertTrue(
          Math.abs(estimate - truth) <= 5 * sigma + 0.02,
          "pair " + i + ": " + estimate + " vs " + truth);
      signedError += estimate - truth;
    }
    assertEquals(0, signedError / pairs, 0.01, "mean signed error");
  }

  @Test
  void everyBinOfANonEmptyTextHoldsOneOfItsShingles() {
    MinHasher hasher = new MinHasher(160, 5);
    int[] signature = signature(hasher, "only six words in this text");
    long[] sketch = new long[4];
    assertEquals(2, hasher.sketch(4, sketch), "two shingles, two sketch values");
    // densified: every bin is filled, from one of the two shingles (the sketch holds the top
    // halves of their hashes, the bins the low halves: only their counts can be compared here)
    assertEquals(2, Arrays.stream(signature).distinct().count(), "both shingles reach some bin");
    assertTrue(Arrays.stream(signature).noneMatch(v -> v == -1 || v == Integer.MAX_VALUE));
  }

  @Test
  void sameNormalisedTextSameSignatureAndDisjointTextsNearZero() {
    MinHasher hasher = new MinHasher(128, 5);
    assertArrayEquals(
        signature(hasher, "The quick brown fox jumps over the lazy dog."),
        signature(new MinHasher(128, 5), "the QUICK brown fox -- jumps over the lazy dog"));
    float disjoint =
        signatureSimilarity(
            signature(hasher, "alpha beta gamma delta epsilon zeta eta"),
            signature(hasher, "one two three four five six seven eight"));
    assertTrue(disjoint < 0.05f, "similarity of disjoint texts " + disjoint);
  }

  @Test
  void shortTextsAreOneShingleAndShingleSizeMatters() {
    MinHasher five = new MinHasher(64, 5);
    assertEquals(1, five.signature("just three words", new int[64]));
    assertEquals(2, five.signature("one two three four five six", new int[64]));
    assertEquals(0, five.signature("", new int[64]));
    MinHasher one = new MinHasher(64, 1);
    assertEquals(6, one.signature("one two three four five six", new int[64]));
    // word order matters with k > 1, not with k = 1
    String a = "a b c d e f g h";
    String b = "h g f e d c b a";
    assertEquals(1.0f, signatureSimilarity(signature(one, a), signature(one, b)));
    assertTrue(signatureSimilarity(signature(five, a), signature(five, b)) < 0.2f);
  }

  /**
   * The exact Jaccard similarity of two texts' shingle sets, from whole sketches (both under 256
   * shingles).
   */
  private float sketchSimilarity(MinHasher hasher, String a, String b) {
    long[] x = new long[256];
    long[] y = new long[256];
    hasher.signature(normalizer.normalize(a), new int[hasher.numPerm()]);
    int xLength = hasher.sketch(256, x);
    hasher.signature(normalizer.normalize(b), new int[hasher.numPerm()]);
    int yLength = hasher.sketch(256, y);
    return ShingleSketch.similarity(x, xLength, y, yLength, 256);
  }

  /**
   * ../shared/field-cases/cjk-near and its kind: texts without spaces are shingled by characters.
   */
  @Test
  void textWithoutSpacesIsShingledByCharacters() {
    MinHasher hasher = new MinHasher(128, 5);
    String zh = "今天天气很好我们一起去公园散步然后在湖边的咖啡馆喝咖啡聊天下午再去图书馆借几本关于历史和地理的书晚上回家做饭吃晚餐看一部电影然后早点睡觉明天还要早起上班";
    String zhEdited = zh.replace("咖啡馆", "茶馆");
    float similarity = sketchSimilarity(hasher, zh, zhEdited);
    assertTrue(
        similarity >= 0.8f && similarity < 1,
        "one word changed in a Chinese paragraph: " + similarity);
    assertTrue(hasher.characterShingles());
    String ja = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。";
    float japanese = sketchSimilarity(hasher, ja, ja.replace("薄暗い", "暗い"));
    assertTrue(japanese >= 0.8f && japanese < 1, "Japanese: " + japanese);
    String th =
        "วันนี้อากาศดีมากเราจึงไปเดินเล่นที่สวนสาธารณะแล้วไปนั่งดื่มกาแฟที่ร้านริมทะเลสาบตอนบ่ายไปห้องสมุดยืมหนังสือประวัติศาสตร์";
    float thai = sketchSimilarity(hasher, th, th.replace("กาแฟ", "ชา"));
    assertTrue(thai >= 0.75f && thai < 1, "Thai: " + thai);
    // unrelated texts in the same script stay apart
    assertTrue(sketchSimilarity(hasher, zh, "我喜欢在周末和朋友一起踢足球然后去餐厅吃火锅喝啤酒一直聊到深夜才回家休息") < 0.1f);
  }

  @Test
  void textWithSpacesKeepsWordShinglesEvenWithSomeHan() {
    MinHasher hasher = new MinHasher(128, 5);
    int[] plain =
        signature(hasher, "we met at the cafe by the lake and talked for hours about books");
    assertFalse(hasher.characterShingles());
    signature(hasher, "we met at the 咖啡馆 by the lake and talked for hours about books");
    assertFalse(hasher.characterShingles(), "a few Han characters in English text: still words");
    assertArrayEquals(
        plain,
        signature(
            new MinHasher(128, 5),
            "We met at the cafe, by the lake, and talked for hours about books."),
        "word mode unchanged");
    assertFalse(
        Scripts.writtenWithoutSpaces("한국어는 단어 사이에 띄어쓰기를 합니다"), "Korean is written with spaces");
    assertTrue(Scripts.writtenWithoutSpaces("東京 タワー に 行きました"));
  }
}
