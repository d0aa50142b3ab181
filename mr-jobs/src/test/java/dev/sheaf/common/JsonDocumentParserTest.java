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
    ParsedRecord record = parser.parse(
        "{\"id\":\"a1\",\"text\":\"Hello\",\"label\":\"ham\",\"lang\":\"en\",\"score\":0.5,\"tags\":[\"x\"],\"none\":null}",
        "in.jsonl", 0, false);
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
    Document numeric = parser.parse("{\"id\":17,\"text\":\"t\",\"label\":3}", "in.jsonl", 0, false).document();
    assertEquals("17", numeric.getId());
    assertEquals("3", numeric.getLabel());
  }

  @Test
  void usesTheConfiguredFieldNames() {
    JsonDocumentParser custom = new JsonDocumentParser("uuid", "body", "class");
    Document document = custom.parse("{\"uuid\":\"u\",\"body\":\"b\",\"class\":\"spam\",\"text\":\"other\"}",
        "f", 0, false).document();
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
}
