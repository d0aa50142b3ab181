package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDocumentParserTest {
  private final JsonDocumentParser parser = new JsonDocumentParser("id", "text", "label");

  private String reasonOf(String line) {
    ParsedRecord record = parser.parse(line, "in.jsonl", 42, false);
    assertTrue(record.isRejected(), "expected a reject for " + line);
    assertEquals("in.jsonl", record.reject().getSource());
    assertEquals(42, record.reject().getOffset());
    return record.reject().getReason();
  }

  @Test
  void readsIdTextLabelAndKeepsOtherFieldsInMeta() {
    ParsedRecord record =
        parser.parse(
            "{\"id\":\"a1\",\"text\":\"Hello\",\"label\":\"ham\",\"lang\":\"en\",\"score\":0.5,\"tags\":[\"x\"],\"none\":null}",
            "in.jsonl",
            0,
            false);
    assertFalse(record.isRejected());
    Document document = record.document();
    assertEquals("a1", document.getId());
    assertEquals("Hello", document.getText());
    assertEquals("ham", document.getLabel());
    assertEquals("in.jsonl", document.getSource());
    assertEquals(Map.of("lang", "en", "score", "0.5", "tags", "[\"x\"]"), document.getMeta());
  }

  @Test
  void derivesAMissingIdFromFileAndOffsetAndAcceptsNumericIdsAndLabels() {
    Document derived = parser.parse("{\"text\":\"no id\"}", "dir/in.jsonl", 1234, false).document();
    assertEquals("dir/in.jsonl:1234", derived.getId());
    assertNull(derived.getLabel());
    Document numeric =
        parser.parse("{\"id\":17,\"text\":\"t\",\"label\":3}", "in.jsonl", 0, false).document();
    assertEquals("17", numeric.getId());
    assertEquals("3", numeric.getLabel());
  }

  @Test
  void usesTheConfiguredFieldNames() {
    JsonDocumentParser custom = new JsonDocumentParser("uuid", "body", "class");
    Document document =
        custom
            .parse(
                "{\"uuid\":\"u\",\"body\":\"b\",\"class\":\"spam\",\"text\":\"other\"}",
                "f",
                0,
                false)
            .document();
    assertEquals("u", document.getId());
    assertEquals("b", document.getText());
    assertEquals("spam", document.getLabel());
    assertEquals("other", document.getMeta().get("text"));
  }

  @Test
  void rejectsEachKindOfBadLineWithItsReason() {
    assertEquals("INVALID_JSON", reasonOf("{\"id\":\"x\",\"text\":\"unterminated"));
    assertEquals("INVALID_JSON", reasonOf("not json"));
    assertEquals("INVALID_JSON", reasonOf("{\"text\":\"a\",}"));
    assertEquals("INVALID_JSON", reasonOf("{\"text\":\"a\"} {\"text\":\"b\"}"));
    assertEquals("NOT_AN_OBJECT", reasonOf("[1,2]"));
    assertEquals("NOT_AN_OBJECT", reasonOf("\"a string\""));
    assertEquals("NOT_AN_OBJECT", reasonOf("42"));
    assertEquals("MISSING_TEXT", reasonOf("{\"id\":\"x\"}"));
    assertEquals("MISSING_TEXT", reasonOf("{\"id\":\"x\",\"text\":null}"));
    // the detail says which: absent, or present and null
    assertEquals(
        "no field 'text'",
        parser.parse("{\"id\":\"x\"}", "in.jsonl", 0, false).reject().getDetail());
    assertEquals(
        "field 'text' is null",
        parser.parse("{\"id\":\"x\",\"text\":null}", "in.jsonl", 0, false).reject().getDetail());
    assertEquals("TEXT_NOT_STRING", reasonOf("{\"id\":\"x\",\"text\":42}"));
    assertEquals("EMPTY_TEXT", reasonOf("{\"id\":\"x\",\"text\":\" \\n \"}"));
  }

  @Test
  void rejectsKeepTheLineAsExcerpt() {
    ParsedRecord record = parser.parse("not json at all", "f", 0, false);
    assertEquals("not json at all", record.reject().getExcerpt());
    assertFalse(record.reject().getDetail().isEmpty());
  }

  @Test
  void carriesTheInvalidUtf8Flag() {
    assertTrue(parser.parse("{\"text\":\"caf\uFFFD\"}", "f", 0, true).hadInvalidUtf8());
  }

  /**
   * The field case's kinds: a list or object is never a label or an id; a key given twice is a
   * reject.
   */
  @Test
  void containersAreNeverIdsOrLabelsAndDuplicateKeysAreRejected() {
    assertEquals(
        "LABEL_NOT_SCALAR",
        reasonOf("{\"id\":\"j8\",\"text\":\"label is a list\",\"label\":[\"x\",\"y\"]}"));
    assertEquals(
        "LABEL_NOT_SCALAR", reasonOf("{\"text\":\"label is an object\",\"label\":{\"k\":\"v\"}}"));
    assertEquals("ID_NOT_SCALAR", reasonOf("{\"id\":{\"k\":1},\"text\":\"id is an object\"}"));
    assertEquals("ID_NOT_SCALAR", reasonOf("{\"id\":[1],\"text\":\"id is a list\"}"));
    assertEquals(
        "DUPLICATE_KEY",
        reasonOf("{\"id\":\"j11\",\"text\":\"first value\",\"text\":\"second value\"}"));
    assertEquals("DUPLICATE_KEY", reasonOf("{\"id\":\"a\",\"id\":\"b\",\"text\":\"two ids\"}"));
    assertEquals("DUPLICATE_KEY", reasonOf("{\"text\":\"nested\",\"meta\":{\"k\":1,\"k\":2}}"));
    assertEquals(
        "1",
        parser.parse("{\"text\":\"x\",\"label\":1}", "in.jsonl", 0, false).document().getLabel());
    assertEquals(
        "true",
        parser
            .parse("{\"text\":\"x\",\"label\":true}", "in.jsonl", 0, false)
            .document()
            .getLabel());
    assertNull(
        parser
            .parse("{\"text\":\"x\",\"label\":null}", "in.jsonl", 0, false)
            .document()
            .getLabel());
    assertEquals(
        "in.jsonl:0",
        parser.parse("{\"id\":null,\"text\":\"x\"}", "in.jsonl", 0, false).document().getId());
  }

  /** Unpaired surrogates become U+FFFD in every string, each counted; a real pair stays. */
  @Test
  void loneSurrogatesAreReplacedEverywhereAndCounted() {
    ParsedRecord record =
        parser.parse(
            "{\"id\":\"x\\udcb2\",\"text\":\"half \\ud835 then \\ude00\\ud83d reversed "
                + "and \\ud83d\\ude00 whole\",\"label\":\"\\ud800\",\"note\":\"\\udfff\"}",
            "in.jsonl",
            0,
            false);
    Document document = record.document();
    assertEquals(
        "half \uFFFD then \uFFFD\uFFFD reversed and \uD83D\uDE00 whole", document.getText());
    assertEquals("x\uFFFD", document.getId());
    assertEquals("\uFFFD", document.getLabel());
    assertEquals("\uFFFD", document.getMeta().get("note"));
    assertEquals(6, record.loneSurrogatesReplaced());
    assertEquals(
        0,
        parser
            .parse("{\"text\":\"\\ud83d\\ude00\"}", "in.jsonl", 0, false)
            .loneSurrogatesReplaced());
  }

  /** Upper-case escapes count too; lines without a surrogate escape skip the count. */
  @Test
  void surrogateEscapesAreFoundInEitherCase() {
    ParsedRecord record = parser.parse("{\"text\":\"caf\\u00e9 \\uD835\"}", "in.jsonl", 0, false);
    assertEquals("caf\u00e9 \uFFFD", record.document().getText());
    assertEquals(1, record.loneSurrogatesReplaced());
    assertTrue(JsonDocumentParser.mayEscapeASurrogate("{\"text\":\"\\uDC00\"}"));
    assertTrue(JsonDocumentParser.mayEscapeASurrogate("{\"text\":\"\\udc00\"}"));
    assertFalse(JsonDocumentParser.mayEscapeASurrogate("{\"text\":\"caf\\u00e9 \\u4e2d\"}"));
    assertFalse(JsonDocumentParser.mayEscapeASurrogate("{\"text\":\"ends with \\u"));
  }
}
