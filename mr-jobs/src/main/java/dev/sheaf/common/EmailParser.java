package dev.sheaf.common;

import dev.sheaf.avro.Document;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.BodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Parses one RFC 822 message with Apache James mime4j into a {@link Document}. The text is the
 * subject, a blank line, then the text/plain parts that hold more than white space, each stripped
 * and separated by a blank line; when there is no such part, the non-blank text/html parts, kept as
 * they are for {@code clean} to turn into text ({@link DecodeCounters#BODY_FROM_HTML}). Parts with
 * {@code Content-Disposition: attachment} are skipped, as is anything nested deeper than 20 levels.
 * {@code meta} keeps From, To, Date, Subject, Message-ID and Content-Type.
 *
 * <p>mime4j only finds the parts and their fields; their bytes are decoded here, once. Each text
 * part by {@link PartDecoder}: its transfer encoding, then its declared charset read with the
 * WHATWG label table of {@link CharsetLabels} (ICU4J's detector for undeclared bytes that are not
 * UTF-8). Each kept header field from its raw bytes, unfolded (RFC 5322 section 2.2.3): UTF-8 when
 * valid (RFC 6532), else the charset of the message's first text part that declares a known one,
 * else windows-1252 ({@link DecodeCounters#HEADERS_RAW_8BIT}); then its RFC 2047 encoded words by
 * {@link EncodedWords}. {@link #parseText} is the path for messages that are characters already.
 * What had to be guessed, repaired or left is counted per parse: read it with {@link #count} after
 * each call. Not thread-safe: one instance per task.
 *
 * <p>It does one thing: one e-mail message into one {@code Document}.
 */
public final class EmailParser {
  static final String[] KEPT_HEADERS = {
    "From", "To", "Date", "Subject", "Message-ID", "Content-Type"
  };

  /**
   * The meta key saying the text came from the message's {@code text/html} parts (value {@code
   * text/html}): the message's own Content-Type is then a multipart one, and clean still needs to
   * know the body is HTML.
   */
  public static final String BODY_TYPE = "body-type";

  private static final int MAX_NESTING = 20;
  private static final Charset HEADER_FALLBACK = CharsetLabels.forLabel("windows-1252");

  private final DefaultMessageBuilder builder = new DefaultMessageBuilder();
  private final long[] counts = new long[DecodeCounters.values().length];
  private final PartDecoder parts = new PartDecoder(counts);
  private final EncodedWords encodedWords = new EncodedWords();

  /** The current parse's: whether its bytes are text encoded as UTF-8 by {@link #parseText}. */
  private boolean characters;

  /**
   * The current parse's charset for raw 8-bit header bytes, from its first text part; null: none
   * yet.
   */
  private Charset headerCharset;

  public EmailParser() {
    MimeConfig config =
        MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .build();
    builder.setMimeEntityConfig(config);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    builder.setContentDecoding(false);
    builder.setBodyFactory(new RawBodyFactory());
  }

  /**
   * Parses a message read as bytes ({@code --format email}): {@code bytes[0, length)}, found at
   * {@code offset} of {@code source} (-1: a whole file). Returns the document, or a reject
   * (MIME_PARSE_ERROR when mime4j fails, EMPTY_TEXT when there is neither subject nor text).
   */
  public ParsedRecord parse(
      byte[] bytes, int length, String id, String label, String source, long offset) {
    characters = false;
    return parse(bytes, length, id, label, source, offset, null);
  }

  /**
   * Parses a message whose bytes were already turned into characters by whoever stored it (a raw
   * message kept whole in a JSON text field). The headers, and the text of parts whose transfer
   * encoding is 7bit, 8bit, binary, absent or unknown, are taken as they are, not decoded again
   * with the declared charset; base64 and quoted-printable parts hold bytes and are decoded with
   * it, as is everything inside a base64 or quoted-printable message/rfc822 part. Otherwise as
   * {@link #parse(byte[], int, String, String, String, long)}; rejects carry the start of {@code
   * text} as their excerpt.
   */
  public ParsedRecord parseText(
      CharSequence text, String id, String label, String source, long offset) {
    characters = true;
    String string = text.toString();
    byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length, id, label, source, offset, string);
  }

  /**
   * How often the last {@link #parse(byte[], int, String, String, String, long)} or {@link
   * #parseText} call met {@code counter}'s case (all 0 after a reject).
   */
  public long count(DecodeCounters counter) {
    return counts[counter.ordinal()];
  }

  private ParsedRecord parse(
      byte[] bytes, int length, String id, String label, String source, long offset, String text) {
    Arrays.fill(counts, 0);
    headerCharset = null;
    List<String> plain = new ArrayList<>();
    List<String> html = new ArrayList<>();
    Map<String, String> meta = new HashMap<>();
    try {
      Message message = builder.parseMessage(new ByteArrayInputStream(bytes, 0, length));
      collectText(message, plain, html, 0, characters);
      for (String name : KEPT_HEADERS) {
        String value = header(message, name);
        if (value != null) {
          meta.put(name, value);
        }
      }
      message.dispose();
    } catch (IOException | RuntimeException e) {
      Arrays.fill(counts, 0);
      return ParsedRecord.rejected(
          RejectReason.MIME_PARSE_ERROR,
          source,
          offset,
          String.valueOf(e.getMessage()),
          excerpt(bytes, length, text));
    }
    StringBuilder body = new StringBuilder();
    String subject = meta.get("Subject");
    if (subject != null && !subject.isBlank()) {
      body.append(subject.strip()).append("\n\n");
    }
    if (plain.isEmpty() && !html.isEmpty()) {
      counts[DecodeCounters.BODY_FROM_HTML.ordinal()]++;
      meta.put(BODY_TYPE, "text/html");
    }
    body.append(String.join("\n\n", plain.isEmpty() ? html : plain));
    if (body.toString().isBlank()) {
      Arrays.fill(counts, 0);
      return ParsedRecord.rejected(
          RejectReason.EMPTY_TEXT,
          source,
          offset,
          "no subject and no text part",
          excerpt(bytes, length, text));
    }
    return ParsedRecord.document(id, body.toString(), label, source, meta, false);
  }

  private static String excerpt(byte[] bytes, int length, String text) {
    if (text != null) {
      return text.substring(0, Math.min(text.length(), Utf8Text.EXCERPT_CHARS));
    }
    return new String(bytes, 0, Math.min(length, Utf8Text.EXCERPT_CHARS), StandardCharsets.UTF_8);
  }

  /**
   * Adds the non-blank text/plain and text/html parts under {@code entity} to the lists. {@code
   * characters}: whether the bytes here are the UTF-8 of text (false below a base64 or
   * quoted-printable message/rfc822 part, whose content is bytes again).
   */
  private void collectText(
      Entity entity, List<String> plain, List<String> html, int depth, boolean characters) {
    if (depth > MAX_NESTING || "attachment".equalsIgnoreCase(entity.getDispositionType())) {
      return;
    }
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        collectText(part, plain, html, depth + 1, characters);
      }
    } else if (body instanceof Message nested) {
      collectText(
          nested,
          plain,
          html,
          depth + 1,
          characters && !carriesBytes(entity.getContentTransferEncoding()));
    } else if (body instanceof RawTextBody raw) {
      String mimeType =
          entity.getMimeType() == null
              ? "text/plain"
              : entity.getMimeType().toLowerCase(Locale.ROOT);
      boolean isHtml = mimeType.equals("text/html");
      if (!isHtml && !mimeType.equals("text/plain")) {
        return;
      }
      String charset = declaredCharset(entity);
      if (headerCharset == null && charset != null) {
        headerCharset = CharsetLabels.forLabelOrJavaName(charset);
      }
      String text =
          parts
              .decode(
                  raw.bytes,
                  raw.bytes.length,
                  entity.getContentTransferEncoding(),
                  charset,
                  isHtml,
                  characters)
              .strip();
      if (!isBlank(text)) {
        (isHtml ? html : plain).add(text);
      }
    }
  }

  private static boolean carriesBytes(String transferEncoding) {
    return transferEncoding != null
        && (transferEncoding.equalsIgnoreCase("base64")
            || transferEncoding.equalsIgnoreCase("quoted-printable"));
  }

  /**
   * The charset parameter of the entity's own Content-Type field (not mime4j's us-ascii default),
   * or null.
   */
  private static String declaredCharset(Entity entity) {
    Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
    if (field instanceof ContentTypeField contentType) {
      String charset = contentType.getCharset();
      return charset == null || charset.isBlank() ? null : charset;
    }
    return null;
  }

  /**
   * True when {@code text} holds nothing but white space, no-break spaces and zero-width
   * characters.
   */
  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)
          && !Character.isSpaceChar(c)
          && c != '\u200B'
          && c != '\u200C'
          && c != '\u200D'
          && c != '\u2060'
          && c != '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  /**
   * The first {@code name} field of the message, unfolded, decoded and stripped; null when absent.
   */
  private String header(Message message, String name) {
    Field field = message.getHeader() == null ? null : message.getHeader().getField(name);
    if (field == null) {
      return null;
    }
    ByteSequence raw = field.getRaw();
    String value;
    if (raw == null) {
      value = field.getBody();
    } else {
      byte[] bytes = new byte[raw.length()];
      int n = 0;
      int i = 0;
      while (i < raw.length() && raw.byteAt(i) != ':') {
        i++;
      }
      for (i++; i < raw.length(); i++) {
        byte b = raw.byteAt(i);
        if (b != '\r' && b != '\n') {
          bytes[n++] = b;
        }
      }
      value = headerText(bytes, n);
    }
    return value == null ? null : encodedWords.decode(value.strip(), counts);
  }

  private String headerText(byte[] bytes, int length) {
    int first = TextDecoder.firstNonAscii(bytes, 0, length);
    if (first < 0 || characters || TextDecoder.isUtf8(bytes, first, length - first)) {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
    counts[DecodeCounters.HEADERS_RAW_8BIT.ordinal()]++;
    return new String(bytes, 0, length, headerCharset != null ? headerCharset : HEADER_FALLBACK);
  }

  /**
   * Keeps the raw (still transfer-encoded) bytes of text parts for {@link PartDecoder}; drops the
   * content of other single parts (attachments, images), which is never read.
   */
  private static final class RawBodyFactory implements BodyFactory {
    @Override
    public BinaryBody binaryBody(InputStream in) throws IOException {
      in.transferTo(OutputStream.nullOutputStream());
      return new DroppedBody();
    }

    @Override
    public TextBody textBody(InputStream in, String mimeCharset) throws IOException {
      return new RawTextBody(in.readAllBytes(), mimeCharset);
    }
  }

  /**
   * A text part's body as it stands in the message; decoded by {@link PartDecoder}, not by mime4j.
   */
  private static final class RawTextBody extends TextBody {
    final byte[] bytes;
    private final String mimeCharset;

    RawTextBody(byte[] bytes, String mimeCharset) {
      this.bytes = bytes;
      this.mimeCharset = mimeCharset;
    }

    @Override
    public String getMimeCharset() {
      return mimeCharset;
    }

    @Override
    public Charset getCharset() {
      return null;
    }

    /** The raw bytes as ISO-8859-1: this body is not meant to be read as text through mime4j. */
    @Override
    public Reader getReader() {
      return new StringReader(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(bytes);
    }
  }

  /** The body of a part that is not text: its content was not kept. */
  private static final class DroppedBody extends BinaryBody {
    @Override
    public InputStream getInputStream() {
      return InputStream.nullInputStream();
    }
  }
}
