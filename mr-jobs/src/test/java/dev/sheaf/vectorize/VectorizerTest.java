package dev.sheaf.vectorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorizerTest {
  private static VectorizerSpec spec(
      String features, int dim, String tf, String idf, String norm, long documents) {
    return new VectorizerSpec(
        features, dim, 1, 1, "none", "none", tf, idf, norm, VectorizeOptions.HASH_SEED, documents);
  }

  private static float[] values(Vectorizer vectorizer, int n) {
    return Arrays.copyOf(vectorizer.values(), n);
  }

  @Test
  void tfIdfL2MatchesAHandComputedCase() {
    // vocabulary: spam (df 1), free (df 2), money (df 3) over 3 documents
    Map<String, Integer> vocabulary = Map.of("spam", 0, "free", 1, "money", 2);
    float[] idf = {
      Vectorizer.smoothIdf(3, 1), Vectorizer.smoothIdf(3, 2), Vectorizer.smoothIdf(3, 3)
    };
    Vectorizer vectorizer =
        new Vectorizer(
            spec("vocab", 3, "raw", "smooth", "l2", 3), null, vocabulary, idf, List.of());
    int n = vectorizer.vectorize("free money free spam unknown");
    assertEquals(3, n);
    assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(vectorizer.indices(), n));
    // idf = ln(4/2)+1 = 1.6931, ln(4/3)+1 = 1.2877, ln(4/4)+1 = 1; tf = 1, 2, 1
    double spam = 1.6931472, free = 2 * 1.2876821, money = 1.0;
    double norm = Math.sqrt(spam * spam + free * free + money * money);
    assertArrayEquals(
        new float[] {(float) (spam / norm), (float) (free / norm), (float) (money / norm)},
        values(vectorizer, n),
        1e-6f);
  }

  @Test
  void logAndBinaryTermFrequencies() {
    Map<String, Integer> vocabulary = Map.of("a", 0, "b", 1);
    Vectorizer log =
        new Vectorizer(
            spec("vocab", 2, "log", "none", "none", 0), null, vocabulary, null, List.of());
    int n = log.vectorize("a a a a b");
    assertArrayEquals(new float[] {1f + (float) Math.log(4), 1f}, values(log, n), 1e-6f);
    Vectorizer binary =
        new Vectorizer(
            spec("vocab", 2, "binary", "none", "none", 0), null, vocabulary, null, List.of());
    n = binary.vectorize("a a a a b");
    assertArrayEquals(new float[] {1f, 1f}, values(binary, n));
  }

  @Test
  void hashingIsSignedSoCollisionsCancelAndIndicesStayInRange() {
    Vectorizer hashing =
        new Vectorizer(
            spec("hashing", 1 << 20, "raw", "none", "none", 0), null, null, null, List.of());
    int n = hashing.vectorize("spam spam eggs");
    assertEquals(2, n);
    int spamHash = Vectorizer.termHash("spam", VectorizeOptions.HASH_SEED);
    int spamIndex = Vectorizer.hashedIndex(spamHash, 1 << 20);
    int at = Arrays.binarySearch(Arrays.copyOf(hashing.indices(), n), spamIndex);
    assertEquals(spamHash >= 0 ? 2f : -2f, hashing.values()[at], "the sign comes from the hash");

    // in one dimension every term collides: terms of opposite signs cancel out
    Vectorizer one =
        new Vectorizer(spec("hashing", 1, "raw", "none", "none", 0), null, null, null, List.of());
    List<String> positive = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    for (int i = 0; positive.isEmpty() || negative.isEmpty(); i++) {
      String term = "t" + i;
      (Vectorizer.termHash(term, VectorizeOptions.HASH_SEED) >= 0 ? positive : negative).add(term);
    }
    assertEquals(
        0, one.vectorize(positive.get(0) + " " + negative.get(0)), "+1 - 1 = 0 is dropped");
    assertEquals(1, one.vectorize(positive.get(0) + " " + positive.get(0) + " " + negative.get(0)));
    assertEquals(1f, one.values()[0]);
  }

  @Test
  void termHasherEqualsTheDefinitionForAsciiAndOtherTerms() {
    TermHasher hasher = new TermHasher(VectorizeOptions.HASH_SEED);
    for (String term :
        List.of("spam", "free money", "", "x".repeat(300), "café", "漢", "naïve bigram", "a")) {
      assertEquals(Vectorizer.termHash(term, VectorizeOptions.HASH_SEED), hasher.hash(term), term);
    }
  }

  @Test
  void labelsByNameNullIsUnlabeledUnknownIsFlagged() {
    Vectorizer vectorizer =
        new Vectorizer(
            spec("hashing", 16, "raw", "none", "none", 0),
            null,
            null,
            null,
            List.of("ham", "spam"));
    assertEquals(1, vectorizer.labelIndex("spam"));
    assertEquals(-1, vectorizer.labelIndex(null));
    assertEquals(Vectorizer.UNKNOWN_LABEL, vectorizer.labelIndex("eggs"));
    assertTrue(LabelNames.valid("spam"));
    assertTrue(
        !LabelNames.valid(" ") && !LabelNames.valid("bad\uFFFD") && !LabelNames.valid("a\tb"));
  }

  @Test
  void vocabularyKeepsTheMostFrequentTermsTiesByTerm() {
    VectorizeJob.Dictionary dictionary = new VectorizeJob.Dictionary(2, 9, 3);
    dictionary.addTerm("rare", 1);
    dictionary.addTerm("common", 10);
    dictionary.addTerm("beta", 5);
    dictionary.addTerm("alpha", 5);
    dictionary.addTerm("gamma", 5);
    dictionary.addTerm("delta", 7);
    assertEquals(
        List.of("delta", "alpha", "beta"),
        dictionary.vocabulary().stream().map(t -> t[0]).toList(),
        "df 10 > max-df and df 1 < min-df are out; of the df-5 tie, the smaller terms win");
  }

  @Test
  void sparseAccumulatorSumsSortsAndDropsZeros() {
    SparseAccumulator accumulator = new SparseAccumulator();
    for (int round = 0; round < 2; round++) {
      accumulator.clear();
      for (int i = 999; i >= 0; i--) {
        accumulator.add(i * 7, 1f);
      }
      accumulator.add(7, -1f);
      int n = accumulator.sort();
      assertEquals(999, n);
      assertEquals(0, accumulator.indices()[0]);
      assertEquals(14, accumulator.indices()[1]);
      assertEquals(6993, accumulator.indices()[n - 1]);
    }
  }
}
