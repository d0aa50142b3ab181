package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepPolicyTest {
  private static Document document(String id, String source, String text) {
    return Document.newBuilder()
        .setId(id)
        .setText(text)
        .setLabel(null)
        .setSource(source)
        .setMeta(new HashMap<>())
        .build();
  }

  private static int order(KeepPolicy policy, Document a, Document b) {
    return Integer.signum(policy.rank(a).compareTo(policy.rank(b)));
  }

  @Test
  void smallestIdRanksByIdInCodePointOrder() {
    assertEquals(
        -1,
        order(KeepPolicy.SMALLEST_ID, document("a", "f", "long text"), document("ab", "f", "x")));
    assertEquals(
        -1, order(KeepPolicy.SMALLEST_ID, document("Z", "f", "t"), document("a", "f", "t")));
  }

  @Test
  void longestRanksTheLongestTextFirstThenTheSmallestId() {
    assertEquals(
        -1,
        order(
            KeepPolicy.LONGEST,
            document("z", "f", "a much longer text"),
            document("a", "f", "short")));
    assertEquals(
        -1, order(KeepPolicy.LONGEST, document("a", "f", "same"), document("b", "f", "size")));
  }

  @Test
  void earliestRanksBySourceThenNumericOffset() {
    assertEquals(
        -1,
        order(
            KeepPolicy.EARLIEST,
            document("f.jsonl:996", "f.jsonl", "t"),
            document("f.jsonl:1024", "f.jsonl", "t")));
    assertEquals(
        -1,
        order(
            KeepPolicy.EARLIEST,
            document("b.jsonl:900", "b.jsonl", "t"),
            document("c.jsonl:0", "c.jsonl", "t")));
  }

  @Test
  void identicalRecordsShareARankAndAnyDifferenceSeparatesThem() {
    Document one = document("id", "f", "text");
    assertEquals(
        KeepPolicy.SMALLEST_ID.rank(one), KeepPolicy.SMALLEST_ID.rank(document("id", "f", "text")));
    assertNotEquals(
        KeepPolicy.SMALLEST_ID.rank(one),
        KeepPolicy.SMALLEST_ID.rank(document("id", "f", "text!")));
    assertNotEquals(
        KeepPolicy.SMALLEST_ID.rank(one), KeepPolicy.SMALLEST_ID.rank(document("id", "g", "text")));
    assertTrue(KeepPolicy.SMALLEST_ID.rank(one).startsWith("id\u0000"));
  }

  @Test
  void otherFieldsSeparateRanksWhateverTheirOrder() {
    Document dated = document("id", "f", "text");
    dated.getMeta().put("date", "monday");
    dated.getMeta().put("from", "a");
    Document redated = document("id", "f", "text");
    redated.getMeta().put("date", "tuesday");
    redated.getMeta().put("from", "a");
    Document reordered = document("id", "f", "text");
    reordered.setMeta(new LinkedHashMap<>(Map.of("from", "a")));
    reordered.getMeta().put("date", "monday");
    KeepPolicy policy = KeepPolicy.SMALLEST_ID;
    assertNotEquals(policy.rank(dated), policy.rank(redated));
    assertNotEquals(policy.rank(dated), policy.rank(document("id", "f", "text")));
    assertEquals(policy.rank(dated), policy.rank(reordered));
    // the position breaks only the ties left: same rank before it, different after
    assertEquals(
        policy.rank(dated, 1).substring(0, policy.rank(dated).length()), policy.rank(dated));
    assertNotEquals(policy.rank(dated, 1), policy.rank(dated, 2));
  }

  @Test
  void parsesTheOptionValues() {
    assertEquals(KeepPolicy.EARLIEST, KeepPolicy.parse("earliest"));
    assertEquals(KeepPolicy.SMALLEST_ID, KeepPolicy.parse("smallest-id"));
    assertEquals("longest", KeepPolicy.LONGEST.optionValue());
  }

  /**
   * The record hash tells apart texts that differ in one char at any place (each of the four places
   * of a lane, any of its 16 bits) and where one field ends and the next begins.
   */
  @Test
  void theTextHashSeesEveryCharAndEveryBoundary() {
    String base = "the quick brown fox jumps over the lazy dog, 0123456789";
    java.util.Set<Long> hashes = new java.util.HashSet<>();
    hashes.add(KeepPolicy.hashChars(7, base));
    int variants = 1;
    for (int i = 0; i < base.length(); i++) {
      for (int bit = 0; bit < 16; bit++) {
        char[] chars = base.toCharArray();
        chars[i] ^= (char) (1 << bit);
        hashes.add(KeepPolicy.hashChars(7, new String(chars)));
        variants++;
      }
    }
    assertEquals(variants, hashes.size(), "every one-bit change gives another hash");
    assertNotEquals(
        KeepPolicy.hashChars(KeepPolicy.hashChars(7, "ab"), "c"),
        KeepPolicy.hashChars(KeepPolicy.hashChars(7, "a"), "bc"));
  }
}
