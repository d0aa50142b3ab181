package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CharsetLabelsTest {
  private static String decode(String label, int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    Charset charset = CharsetLabels.forLabel(label);
    assertNotNull(charset, label);
    return new String(b, charset);
  }

  @Test
  void labelsNameTheirWhatwgEncoding() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("gb2312", "GBK"),
            Map.entry("chinese", "GBK"),
            Map.entry("csgb2312", "GBK"),
            Map.entry("iso-ir-58", "GBK"),
            Map.entry("x-gbk", "GBK"),
            Map.entry("gbk", "GBK"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"),
            Map.entry("ks_c_5601-1987", "EUC-KR"),
            Map.entry("euc-kr", "EUC-KR"),
            Map.entry("korean", "EUC-KR"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("tis-620", "windows-874"),
            Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("shift_jis", "Shift_JIS"),
            Map.entry("big5", "Big5"),
            Map.entry("koi8-r", "KOI8-R"),
            Map.entry("iso-2022-kr", "replacement"),
            Map.entry("utf-16", "UTF-16LE"));
    expected.forEach((label, name) -> assertEquals(name, CharsetLabels.encodingName(label), label));
    assertEquals(
        "GBK",
        CharsetLabels.encodingName(" \tGB2312\r\n"),
        "trimmed of ASCII white space, case-blind");
    assertNull(CharsetLabels.encodingName("x-no-such-charset"));
    assertNull(CharsetLabels.encodingName("gb 2312"));
    assertNull(CharsetLabels.encodingName(""));
    assertNull(CharsetLabels.encodingName(null));
  }

  /**
   * The whole table, read independently of the class: each label maps to its name, each encoding
   * but one decodes.
   */
  @Test
  void everyLabelOfTheStandardIsReadAndEveryEncodingButReplacementDecodes() throws Exception {
    JsonNode table;
    try (InputStream in = CharsetLabels.class.getResourceAsStream("encodings.json")) {
      table = new ObjectMapper().readTree(in);
    }
    int labels = 0;
    for (JsonNode group : table) {
      for (JsonNode encoding : group.get("encodings")) {
        String name = encoding.get("name").asText();
        for (JsonNode label : encoding.get("labels")) {
          labels++;
          assertEquals(name, CharsetLabels.encodingName(label.asText()), label.asText());
          if (name.equals("replacement")) {
            assertNull(CharsetLabels.forLabel(label.asText()), label.asText());
          } else {
            assertNotNull(CharsetLabels.forLabel(label.asText()), label.asText());
          }
        }
      }
    }
    assertTrue(labels > 200, "labels: " + labels);
  }

  @Test
  void supersetsDecodeWhatTheLabelledStandardLacks() {
    // 镕 (U+9555) is in GBK/GB18030 only, not in GB 2312: gb2312 is decoded as GBK
    assertEquals("\u6731\u9555\u57FA", decode("gb2312", 0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9));
    assertEquals("\u6731\u9555\u57FA", decode("chinese", 0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9));
    // 똠 (U+B620) is in Windows code page 949 only, not in KS X 1001: euc-kr is decoded as UHC
    assertEquals("\uB620", decode("ks_c_5601-1987", 0x8C, 0x63));
    assertEquals("\uAC00", decode("korean", 0xB0, 0xA1));
    // ① (U+2460) is an NEC row 13 character: Shift_JIS is decoded as windows-31j
    assertEquals("\u2460", decode("shift_jis", 0x87, 0x40));
    // latin1 and us-ascii are windows-1252, whose 0x80 is the euro sign
    assertEquals("\u20AC caf\u00E9", decode("iso-8859-1", 0x80, 0x20, 'c', 'a', 'f', 0xE9));
    assertEquals("\u20AC", decode("us-ascii", 0x80));
    assertEquals("\u0E01", decode("tis-620", 0xA1));
    assertEquals("\u011E", decode("iso-8859-9", 0xD0));
    assertEquals("na\u00EFve", decode("utf8", 'n', 'a', 0xC3, 0xAF, 'v', 'e'));
  }

  @Test
  void singleByteDecodersFollowTheStandardsIndexesWhereJavaDiffers() {
    // Java's windows-1252 has no 0x81 (U+FFFD); the standard maps it to U+0081
    assertEquals("\u0081\u008D\u201A", decode("windows-1252", 0x81, 0x8D, 0x82));
    assertEquals("\u045E", decode("koi8-u", 0xAE));
    assertEquals("\u05BA", decode("windows-1255", 0xCA));
    // encodings Java does not have
    assertEquals("\u0104", decode("iso-8859-10", 0xA1));
    assertEquals("\u1E02", decode("iso-8859-14", 0xA1));
    assertEquals("\uF780A", decode("x-user-defined", 0x80, 'A'));
    // a byte with no code point in the index is a decoding error
    assertEquals("\uFFFD", decode("windows-1253", 0xAA));
    assertEquals("\u0436\u0416", decode("koi8-r", 0xD6, 0xF6));
    assertEquals("\u0436", decode("windows-1251", 0xE6));
    Charset charset = CharsetLabels.forLabel("latin1");
    assertFalse(charset.canEncode());
    assertThrows(UnsupportedOperationException.class, charset::newEncoder);
  }

  @Test
  void javaNamesFillInForLabelsTheStandardLacks() {
    assertNull(CharsetLabels.forLabel("cp936"));
    // Java's cp936 is GBK, which the standard decodes as gb18030
    assertEquals(
        "\u9555",
        new String(new byte[] {(byte) 0xE9, 0x46}, CharsetLabels.forLabelOrJavaName("cp936")));
    // Java's 646 is US-ASCII, which the standard decodes as windows-1252
    assertEquals(
        "\u20AC", new String(new byte[] {(byte) 0x80}, CharsetLabels.forLabelOrJavaName("646")));
    // the standard's "replacement" labels: Java's decoder where it has one
    assertEquals("ISO-2022-KR", CharsetLabels.forLabelOrJavaName("iso-2022-kr").name());
    assertNull(CharsetLabels.forLabelOrJavaName("hz-gb-2312"));
    assertEquals(StandardCharsets.UTF_8, CharsetLabels.forLabelOrJavaName("UTF-8"));
    assertNull(CharsetLabels.forLabelOrJavaName("x-no-such-charset"));
    assertNull(CharsetLabels.forLabelOrJavaName("x-no-such-charset"), "the cached miss too");
    assertNull(CharsetLabels.forLabelOrJavaName("not a name!"));
    assertNull(CharsetLabels.forLabelOrJavaName(" "));
    assertNull(CharsetLabels.forLabelOrJavaName(null));
  }
}
