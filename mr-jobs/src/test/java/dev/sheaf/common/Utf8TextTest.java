package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  private final Utf8Text utf8 = new Utf8Text();

  @Test
  void decodesValidUtf8WithoutReplacing() {
    byte[] bytes = "café 😀 naïve".getBytes(StandardCharsets.UTF_8);
    assertEquals("café 😀 naïve", utf8.decode(bytes, 0, bytes.length));
    assertFalse(utf8.lastHadInvalid());
  }

  @Test
  void replacesEachInvalidSequenceAndSaysSo() {
    byte[] bytes = {'c', 'a', 'f', (byte) 0xe9, ' ', (byte) 0xff, (byte) 0xfe, '!'};
    assertEquals("caf\uFFFD \uFFFD\uFFFD!", utf8.decode(bytes, 0, bytes.length));
    assertTrue(utf8.lastHadInvalid());
    byte[] clean = "ok".getBytes(StandardCharsets.UTF_8);
    assertEquals("ok", utf8.decode(clean, 0, clean.length));
    assertFalse(utf8.lastHadInvalid(), "the flag is per call");
  }

  @Test
  void decodesASliceAndGrowsForLongRecords() {
    String longText = "x".repeat(100_000);
    byte[] bytes = ("[" + longText + "]").getBytes(StandardCharsets.UTF_8);
    assertEquals(longText, utf8.decode(bytes, 1, longText.length()));
  }

  @Test
  void excerptKeepsTheFirstKibWithoutSplittingASurrogatePair() {
    assertEquals("short", Utf8Text.excerpt("short"));
    assertEquals(Utf8Text.EXCERPT_CHARS, Utf8Text.excerpt("y".repeat(5000)).length());
    String pairAtBoundary = "a".repeat(Utf8Text.EXCERPT_CHARS - 1) + "😀tail";
    assertEquals(Utf8Text.EXCERPT_CHARS - 1, Utf8Text.excerpt(pairAtBoundary).length());
  }
}
