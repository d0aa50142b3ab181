package dev.sheaf.common;

import dev.sheaf.avro.Document;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses one RFC 822 message with Apache James mime4j into a {@link Document}: the text is the
 * decoded subject, a blank line, then the decoded text/plain parts (text/html parts, kept as they
 * are for {@code clean} to strip, only when there is no text/plain part); attachments are skipped.
 * {@code meta} keeps From, To, Date, Subject, Message-ID and Content-Type, encoded words decoded.
 */
public final class EmailParser {
  static final String[] KEPT_HEADERS = {"From", "To", "Date", "Subject", "Message-ID", "Content-Type"};
  private static final int MAX_NESTING = 20;

  private final DefaultMessageBuilder builder = new DefaultMessageBuilder();

  public EmailParser() {
    MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1)
        .setMaxHeaderCount(-1).setMaxContentLen(-1).build();
    builder.setMimeEntityConfig(config);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    builder.setBodyFactory(new BasicBodyFactory(true));
  }

  /** Parses {@code bytes[0, length)}, a message found at {@code offset} of {@code source}. */
  public ParsedRecord parse(byte[] bytes, int length, String id, String label, String source, long offset) {
    Message message;
    List<String> plain = new ArrayList<>();
    List<String> html = new ArrayList<>();
    try {
      message = builder.parseMessage(new ByteArrayInputStream(bytes, 0, length));
      collectText(message, plain, html, 0);
    } catch (IOException | RuntimeException e) {
      return ParsedRecord.rejected(RejectReason.MIME_PARSE_ERROR, source, offset, String.valueOf(e.getMessage()),
          new String(bytes, 0, Math.min(length, Utf8Text.EXCERPT_CHARS), StandardCharsets.UTF_8));
    }
    StringBuilder text = new StringBuilder();
    String subject = message.getSubject();
    if (subject != null && !subject.isBlank()) {
      text.append(subject.strip()).append("\n\n");
    }
    text.append(String.join("\n\n", plain.isEmpty() ? html : plain));
    if (text.toString().isBlank()) {
      return ParsedRecord.rejected(RejectReason.EMPTY_TEXT, source, offset, "no subject and no text part",
          new String(bytes, 0, Math.min(length, Utf8Text.EXCERPT_CHARS), StandardCharsets.UTF_8));
    }
    Map<String, String> meta = new HashMap<>();
    for (String name : KEPT_HEADERS) {
      Field field = message.getHeader() == null ? null : message.getHeader().getField(name);
      if (field != null && field.getBody() != null) {
        meta.put(name, DecoderUtil.decodeEncodedWords(field.getBody().strip(), DecodeMonitor.SILENT));
      }
    }
    message.dispose();
    Document document = Document.newBuilder().setId(id).setText(text.toString()).setLabel(label)
        .setSource(source).setMeta(meta).build();
    return ParsedRecord.of(document, false);
  }

  private static void collectText(Entity entity, List<String> plain, List<String> html, int depth)
      throws IOException {
    if (depth > MAX_NESTING || "attachment".equalsIgnoreCase(entity.getDispositionType())) {
      return;
    }
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        collectText(part, plain, html, depth + 1);
      }
    } else if (body instanceof Message nested) {
      collectText(nested, plain, html, depth + 1);
    } else if (body instanceof TextBody textBody) {
      String mimeType = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
      if (mimeType.equals("text/plain")) {
        plain.add(read(textBody));
      } else if (mimeType.equals("text/html")) {
        html.add(read(textBody));
      }
    }
  }

  private static String read(TextBody body) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try (Reader reader = body.getReader()) {
      for (int n; (n = reader.read(buffer)) > 0; ) {
        text.append(buffer, 0, n);
      }
    }
    return text.toString().strip();
  }
}
