package dev.sheaf.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns one JSON line into a {@link Document}, or a reject with the reason: not JSON, not an
 * object, no text field, text not a string, empty text. Fields other than id, text and label are
 * kept in {@code meta} (scalars as their text, arrays and objects as JSON).
 */
public final class JsonDocumentParser {
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final String idField;
  private final String textField;
  private final String labelField;

  public JsonDocumentParser(String idField, String textField, String labelField) {
    this.idField = idField;
    this.textField = textField;
    this.labelField = labelField;
  }

  /**
   * Parses {@code line}, found at byte {@code offset} of {@code source}; a missing id becomes
   * {@code source:offset}.
   */
  public ParsedRecord parse(String line, String source, long offset, boolean invalidUtf8) {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      return ParsedRecord.rejected(RejectReason.INVALID_JSON, source, offset,
          e.getOriginalMessage(), line);
    }
    if (node == null || !node.isObject()) {
      return ParsedRecord.rejected(RejectReason.NOT_AN_OBJECT, source, offset,
          "a line must hold one JSON object", line);
    }
    JsonNode text = node.get(textField);
    if (text == null || text.isNull()) {
      return ParsedRecord.rejected(RejectReason.MISSING_TEXT, source, offset,
          "no field '" + textField + "'", line);
    }
    if (!text.isTextual()) {
      return ParsedRecord.rejected(RejectReason.TEXT_NOT_STRING, source, offset,
          "field '" + textField + "' is " + text.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
          line);
    }
    if (text.textValue().isBlank()) {
      return ParsedRecord.rejected(RejectReason.EMPTY_TEXT, source, offset,
          "field '" + textField + "' is empty", line);
    }
    String id = scalarText(node.get(idField));
    if (id == null || id.isEmpty()) {
      id = source + ":" + offset;
    }
    Map<String, String> meta = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (!name.equals(idField) && !name.equals(textField) && !name.equals(labelField)
          && !field.getValue().isNull()) {
        meta.put(name, scalarText(field.getValue()));
      }
    }
    Document document = Document.newBuilder().setId(id).setText(text.textValue())
        .setLabel(scalarText(node.get(labelField))).setSource(source).setMeta(meta).build();
    return ParsedRecord.of(document, invalidUtf8);
  }

  private static String scalarText(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
