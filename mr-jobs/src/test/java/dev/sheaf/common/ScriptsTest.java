package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScriptsTest {
  /** The definition, the slow way: every code point's letter category and script. */
  private static boolean reference(String text) {
    long letters = text.codePoints().filter(Character::isLetter).count();
    long spaceless =
        text.codePoints()
            .filter(Character::isLetter)
            .filter(
                c ->
                    switch (Character.UnicodeScript.of(c)) {
                      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
                      default -> false;
                    })
            .count();
    return spaceless * 2 > letters;
  }

  @Test
  void aMajorityOfSpacelessLettersAnywhereInTheTextCounts() {
    assertTrue(
        Scripts.writtenWithoutSpaces(
            "a few English words first, then 今天天气很好我们一起去公园散步然后在湖边的咖啡馆喝咖啡聊天"));
    assertFalse(
        Scripts.writtenWithoutSpaces(
            "今天天气很好 and then a much longer run of English words that outnumbers the Han"));
    assertFalse(Scripts.writtenWithoutSpaces(""));
    assertTrue(Scripts.writtenWithoutSpaces("𠀀𠀁𠀂 ab"), "astral Han letters count once each");
  }

  @Test
  void agreesWithTheDefinitionOnRandomMixtures() {
    String[] pieces = {"word ", "1234 ", "!? ", "中文", "かな", "ไทย", "한국어 ", "русский ", "𠀀", " "};
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = random.nextInt(12); p >= 0; p--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      assertEquals(reference(text.toString()), Scripts.writtenWithoutSpaces(text), text.toString());
    }
  }
}
