package dev.sheaf.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Document;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns one JSON line into a {@link Document}, or a reject with the reason: not JSON, a key given
 * twice, not an object, no text field, text not a string, empty text, an id or label that is an
 * array or object. A null id or label is absent; a number or boolean is its JSON text. Fields other
 * than id, text and label are kept in {@code meta} (scalars as their text, arrays and objects as
 * JSON). Unpaired surrogates (a JSON {@code \\ud835} escape without its pair) become U+FFFD in
 * every string, counted.
 */
public final class JsonDocumentParser {
  private final ObjectMapper mapper =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
      // Jackson's duplicate detection reports "Duplicate field 'name'"
      boolean duplicate =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      return ParsedRecord.rejected(
          duplicate ? RejectReason.DUPLICATE_KEY : RejectReason.INVALID_JSON,
          source,
          offset,
          e.getOriginalMessage(),
          line);
    }
    if (node == null || !node.isObject()) {
      return ParsedRecord.rejected(
          RejectReason.NOT_AN_OBJECT, source, offset, "a line must hold one JSON object", line);
    }
    JsonNode text = node.get(textField);
    if (text == null || text.isNull()) {
      return ParsedRecord.rejected(
          RejectReason.MISSING_TEXT,
          source,
          offset,
          text == null ? "no field '" + textField + "'" : "field '" + textField + "' is null",
          line);
    }
    if (!text.isTextual()) {
      return ParsedRecord.rejected(
          RejectReason.TEXT_NOT_STRING,
          source,
          offset,
          "field '"
              + textField
              + "' is "
              + text.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
          line);
    }
    if (text.textValue().isBlank()) {
      return ParsedRecord.rejected(
          RejectReason.EMPTY_TEXT, source, offset, "field '" + textField + "' is empty", line);
    }
    JsonNode idNode = node.get(idField);
    if (idNode != null && idNode.isContainerNode()) {
      return ParsedRecord.rejected(
          RejectReason.ID_NOT_SCALAR,
          source,
          offset,
          "field '" + idField + "' is an " + kind(idNode),
          line);
    }
    JsonNode labelNode = node.get(labelField);
    if (labelNode != null && labelNode.isContainerNode()) {
      return ParsedRecord.rejected(
          RejectReason.LABEL_NOT_SCALAR,
          source,
          offset,
          "field '" + labelField + "' is an " + kind(labelNode) + "; a label is one class name",
          line);
    }
    String id = scalarText(idNode);
    if (id == null || id.isEmpty()) {
      id = source + ":" + offset;
    }
    Map<String, String> meta = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (!name.equals(idField)
          && !name.equals(textField)
          && !name.equals(labelField)
          && !field.getValue().isNull()) {
        meta.put(name, scalarText(field.getValue()));
      }
    }
    String label = scalarText(labelNode);
    int surrogates = 0;
    if (mayEscapeASurrogate(line)) {
      surrogates =
          Utf8Text.countLoneSurrogates(text.textValue())
              + Utf8Text.countLoneSurrogates(id)
              + (label == null ? 0 : Utf8Text.countLoneSurrogates(label));
      for (Map.Entry<String, String> entry : meta.entrySet()) {
        surrogates += Utf8Text.countLoneSurrogates(entry.getValue());
      }
    }
    String body = text.textValue();
    if (surrogates > 0) {
      meta.replaceAll((name, value) -> Utf8Text.replaceLoneSurrogates(value));
      id = Utf8Text.replaceLoneSurrogates(id);
      body = Utf8Text.replaceLoneSurrogates(body);
      label = Utf8Text.replaceLoneSurrogates(label);
    }
    return ParsedRecord.document(id, body, label, source, meta, invalidUtf8)
        .withLoneSurrogatesReplaced(surrogates);
  }

  /**
   * Whether {@code line} holds a {@code \\u} escape of a surrogate ({@code \\uD800} to {@code
   * \\uDFFF}, any case): the only way to a lone surrogate in what Jackson parses, since lines are
   * decoded text and Java's decoders replace what they cannot decode. A scan of the line, not of
   * every string; a false alarm (an escaped backslash before "ud") only costs the full count.
   */
  static boolean mayEscapeASurrogate(String line) {
    for (int at = line.indexOf("\\u"); at >= 0; at = line.indexOf("\\u", at + 2)) {
      if (at + 2 < line.length() && (line.charAt(at + 2) | 0x20) == 'd') {
        return true;
      }
    }
    return false;
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "array" : "object";
  }

  private static String scalarText(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
