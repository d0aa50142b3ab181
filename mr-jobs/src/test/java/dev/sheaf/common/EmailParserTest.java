package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EmailParser} on messages built here: both paths, bytes ({@link EmailParser#parse}) and
 * characters ({@link EmailParser#parseText}).
 */
class EmailParserTest {
  static final String RUSSIAN =
      "\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440! \u0401\u0436";
  static final String FRENCH = "Caf\u00E9 cr\u00E8me \u00E0 2 \u20AC, na\u00EFve fa\u00E7ade";

  /**
   * Enough Russian prose for a charset detector to tell windows-1251 from KOI8-R and ISO-8859-5.
   */
  static final String RUSSIAN_PROSE =
      "\u0412 \u044D\u0442\u043E\u043C \u0433\u043E\u0434\u0443 "
          + "\u043C\u044B \u0440\u0435\u0448\u0438\u043B\u0438 \u043F\u0440\u043E\u0432\u0435\u0441\u0442\u0438 "
          + "\u0432\u0441\u0442\u0440\u0435\u0447\u0443 \u0432 \u041C\u043E\u0441\u043A\u0432\u0435. "
          + "\u041F\u043E\u0436\u0430\u043B\u0443\u0439\u0441\u0442\u0430, \u043F\u0440\u0438\u0448\u043B\u0438\u0442\u0435 "
          + "\u0441\u0432\u043E\u0438 \u043F\u0440\u0435\u0434\u043B\u043E\u0436\u0435\u043D\u0438\u044F \u0434\u043E "
          + "\u043A\u043E\u043D\u0446\u0430 \u043D\u0435\u0434\u0435\u043B\u0438, \u0447\u0442\u043E\u0431\u044B "
          + "\u043C\u044B \u043C\u043E\u0433\u043B\u0438 \u043F\u043E\u0434\u0433\u043E\u0442\u043E\u0432\u0438\u0442\u044C "
          + "\u043F\u0440\u043E\u0433\u0440\u0430\u043C\u043C\u0443 \u0438 \u0440\u0430\u0437\u043E\u0441\u043B\u0430\u0442\u044C "
          + "\u043F\u0440\u0438\u0433\u043B\u0430\u0448\u0435\u043D\u0438\u044F \u0432\u0441\u0435\u043C "
          + "\u0443\u0447\u0430\u0441\u0442\u043D\u0438\u043A\u0430\u043C.";

  private final EmailParser parser = new EmailParser();

  /** Concatenates strings (as ISO-8859-1: ASCII headers) and byte arrays into one message. */
  static byte[] message(Object... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object piece : pieces) {
      out.writeBytes(
          piece instanceof byte[] bytes
              ? bytes
              : piece.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  /** A one-part message whose body is {@code body} as it stands in the message. */
  static byte[] singlePart(String charset, String transferEncoding, byte[] body) {
    return message(
        "From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain",
        charset == null ? "" : "; charset=" + charset,
        "\r\n",
        transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n",
        "\r\n",
        body,
        "\r\n");
  }

  /** {@code text} in {@code charset}, transfer-encoded as {@code transferEncoding}. */
  static byte[] encodedBody(String text, String charset, String transferEncoding) {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    return switch (transferEncoding) {
      case "base64" -> Base64.getMimeEncoder().encode(bytes);
      case "quoted-printable" -> quotedPrintable(bytes);
      default -> bytes;
    };
  }

  static byte[] quotedPrintable(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xFF;
      out.append(
          c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c) : String.format("=%02X", c));
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private String text(ParsedRecord record) {
    assertFalse(record.isRejected(), () -> record.reject().toString());
    return record.document().getText();
  }

  private Map<DecodeCounters, Long> counted() {
    Map<DecodeCounters, Long> map = new EnumMap<>(DecodeCounters.class);
    for (DecodeCounters counter : DecodeCounters.values()) {
      if (parser.count(counter) != 0) {
        map.put(counter, parser.count(counter));
      }
    }
    return map;
  }

  private ParsedRecord parse(byte[] message) {
    return parser.parse(message, message.length, "m", null, "src", -1);
  }

  static byte[] resource(String path) throws IOException {
    try (InputStream in = EmailParserTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  static byte[] alternative(String plainBody, String htmlBody) {
    return message(
        "From: a@example.org\r\nSubject: Statement\r\nMIME-Version: 1.0\r\n",
        "Content-Type: multipart/alternative; boundary=\"B\"\r\n\r\n",
        "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
        plainBody.getBytes(StandardCharsets.UTF_8),
        "\r\n",
        "--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
        htmlBody.getBytes(StandardCharsets.UTF_8),
        "\r\n",
        "--B--\r\n");
  }

  @Test
  void blankPlainPartsDoNotCountAndHtmlIsUsedInstead() {
    String html = "<html><body><p>Your statement is ready.</p></body></html>";
    for (String blank : List.of("", "\r\n\r\n", "  \t\r\n", "\u00A0\u200B\r\n\u3000")) {
      assertEquals(
          "Statement\n\n" + html,
          text(parse(alternative(blank, html))),
          () -> "plain part " + blank.codePoints().boxed().toList());
      assertEquals(Map.of(DecodeCounters.BODY_FROM_HTML, 1L), counted());
    }
    assertEquals(
        "Statement\n\nYour statement is ready.",
        text(parse(alternative("Your statement is ready.", html))));
    assertEquals(Map.of(), counted());
  }

  @Test
  void blankPlainPartsAddNoEmptyParagraphs() {
    byte[] message =
        message(
            "Subject: two\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n",
            "--B\r\nContent-Type: text/plain\r\n\r\n \r\n",
            "--B\r\nContent-Type: text/plain\r\n\r\nsecond\r\n",
            "--B\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--B--\r\n");
    assertEquals("two\n\nsecond", text(parse(message)));
  }

  /** Field case empty-plain-part/empty_plain.eml: the text comes from the HTML part. */
  @Test
  void fieldCaseEmptyPlainPart() throws IOException {
    byte[] message = resource("field-cases/empty-plain-part/empty_plain.eml");
    assertEquals(
        "Statement ready s1\n\n<html><body><p>Your monthly statement is ready to view online.</p>"
            + "<p>The balance changed by a small amount since last month.</p></body></html>",
        text(parse(message)));
    assertEquals(Map.of(DecodeCounters.BODY_FROM_HTML, 1L), counted());
  }

  @Test
  void bytesAreDecodedOnceWithTheDeclaredCharsetInEveryTransferEncoding() {
    Map<String, String> texts =
        Map.of(
            "koi8-r",
            RUSSIAN,
            "iso-8859-1",
            FRENCH,
            "windows-1252",
            FRENCH,
            "windows-1251",
            RUSSIAN);
    for (String transferEncoding : List.of("8bit", "base64", "quoted-printable")) {
      texts.forEach(
          (charset, text) -> {
            // iso-8859-1 is read as windows-1252 (WHATWG), so the euro sign's 0x80 decodes
            String encodeAs = charset.equals("iso-8859-1") ? "windows-1252" : charset;
            byte[] message =
                singlePart(
                    charset, transferEncoding, encodedBody(text, encodeAs, transferEncoding));
            assertEquals("s\n\n" + text, text(parse(message)), charset + " " + transferEncoding);
            assertEquals(Map.of(), counted(), charset + " " + transferEncoding);
          });
    }
  }

  @Test
  void textAlreadyDecodedIsNotDecodedAgainButBase64AndQuotedPrintableBytesAre() {
    Map<String, String> texts =
        Map.of("koi8-r", RUSSIAN, "iso-8859-1", FRENCH, "windows-1251", RUSSIAN);
    texts.forEach(
        (charset, text) -> {
          for (String transferEncoding : new String[] {null, "7bit", "8bit", "binary"}) {
            // the JSON producer turned the message's koi8-r bytes into characters already
            String message =
                "From: a@example.org\nSubject: s\nContent-Type: text/plain; charset="
                    + charset
                    + "\n"
                    + (transferEncoding == null
                        ? ""
                        : "Content-Transfer-Encoding: " + transferEncoding + "\n")
                    + "\n"
                    + text
                    + "\n";
            assertEquals(
                "s\n\n" + text,
                text(parser.parseText(message, "m", null, "", -1)),
                charset + " " + transferEncoding);
          }
          for (String transferEncoding : List.of("base64", "quoted-printable")) {
            String encodeAs = charset.equals("iso-8859-1") ? "windows-1252" : charset;
            String body =
                new String(
                    encodedBody(text, encodeAs, transferEncoding), StandardCharsets.US_ASCII);
            String message =
                "From: a@example.org\nSubject: s\nContent-Type: text/plain; charset="
                    + charset
                    + "\nContent-Transfer-Encoding: "
                    + transferEncoding
                    + "\n\n"
                    + body
                    + "\n";
            assertEquals(
                "s\n\n" + text,
                text(parser.parseText(message, "m", null, "", -1)),
                charset + " " + transferEncoding);
          }
          assertEquals(Map.of(), counted());
        });
  }

  @Test
  void charactersInAQuotedPrintablePartOfDecodedTextAreKept() {
    String message =
        "Subject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
            + "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9 et cr\u00E8me, soft=\nbreak\n";
    assertEquals(
        "s\n\ncaf\u00E9 et cr\u00E8me, softbreak",
        text(parser.parseText(message, "m", null, "", -1)));
  }

  @Test
  void headersOfDecodedTextAreTakenAsTheyAre() {
    String message =
        "From: \u0418\u0432\u0430\u043D <ivan@example.org>\nSubject: "
            + RUSSIAN
            + " =?koi8-r?B?8NLJ18XU?=\nContent-Type: text/plain; charset=koi8-r\n\nbody\n";
    ParsedRecord record = parser.parseText(message, "m", null, "", -1);
    assertEquals(RUSSIAN + " \u041F\u0440\u0438\u0432\u0435\u0442\n\nbody", text(record));
    assertEquals(
        "\u0418\u0432\u0430\u043D <ivan@example.org>", record.document().getMeta().get("From"));
    assertEquals(Map.of(), counted());
  }

  /** A base64 message/rfc822 part holds bytes again, even inside a message that was characters. */
  @Test
  void aMessageNestedInBase64HoldsBytesEvenInDecodedText() {
    byte[] inner = singlePart("koi8-r", "8bit", RUSSIAN.getBytes(Charset.forName("koi8-r")));
    String message =
        "Subject: outer\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
            + "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(inner)
            + "\n--B--\n";
    assertEquals("outer\n\n" + RUSSIAN, text(parser.parseText(message, "m", null, "", -1)));
  }

  @Test
  void undeclaredCharsetsAreUtf8WhenValidElseDetectedAndCounted() {
    assertEquals(
        "s\n\n" + FRENCH,
        text(parse(singlePart(null, "8bit", FRENCH.getBytes(StandardCharsets.UTF_8)))));
    assertEquals(Map.of(), counted());
    assertEquals(
        "s\n\nplain ascii",
        text(parse(singlePart(null, null, "plain ascii".getBytes(StandardCharsets.US_ASCII)))));
    assertEquals(Map.of(), counted());

    byte[] cp1251 = RUSSIAN_PROSE.getBytes(Charset.forName("windows-1251"));
    assertEquals("s\n\n" + RUSSIAN_PROSE, text(parse(singlePart(null, "8bit", cp1251))));
    assertEquals(Map.of(DecodeCounters.PARTS_CHARSET_GUESSED, 1L), counted());
    byte[] koi8 = RUSSIAN_PROSE.getBytes(Charset.forName("koi8-r"));
    assertEquals(
        "s\n\n" + RUSSIAN_PROSE,
        text(parse(singlePart(null, "base64", Base64.getMimeEncoder().encode(koi8)))));
    assertEquals(Map.of(DecodeCounters.PARTS_CHARSET_GUESSED, 1L), counted());
  }

  @Test
  void unknownDeclaredCharsetsAreCountedAndReadAsUndeclared() {
    assertEquals(
        "s\n\n" + FRENCH,
        text(
            parse(
                singlePart("x-no-such-charset", "8bit", FRENCH.getBytes(StandardCharsets.UTF_8)))));
    assertEquals(Map.of(DecodeCounters.PARTS_CHARSET_UNKNOWN, 1L), counted());
    byte[] cp1251 = RUSSIAN_PROSE.getBytes(Charset.forName("windows-1251"));
    assertEquals(
        "s\n\n" + RUSSIAN_PROSE, text(parse(singlePart("x-no-such-charset", "8bit", cp1251))));
    assertEquals(
        Map.of(DecodeCounters.PARTS_CHARSET_UNKNOWN, 1L, DecodeCounters.PARTS_CHARSET_GUESSED, 1L),
        counted());
  }

  @Test
  void invalidBytesBecomeReplacementCharactersAndAreCounted() {
    assertEquals(
        "s\n\ncaf\uFFFD ok",
        text(parse(singlePart("utf-8", "8bit", message("caf", new byte[] {(byte) 0xE9}, " ok")))));
    assertEquals(Map.of(DecodeCounters.PARTS_INVALID_BYTES, 1L), counted());
  }

  @Test
  void aByteOrderMarkOverridesTheLabel() {
    byte[] body =
        message(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            FRENCH.getBytes(StandardCharsets.UTF_8));
    assertEquals("s\n\n" + FRENCH, text(parse(singlePart("windows-1252", "8bit", body))));
    byte[] utf16 =
        message(new byte[] {(byte) 0xFF, (byte) 0xFE}, RUSSIAN.getBytes(StandardCharsets.UTF_16LE));
    assertEquals(
        "s\n\n" + RUSSIAN,
        text(parse(singlePart("koi8-r", "base64", Base64.getMimeEncoder().encode(utf16)))));
    assertEquals(Map.of(), counted());
  }

  @Test
  void rawEightBitHeadersAreUtf8WhenValidElseTheBodysCharset() {
    byte[] koi8 =
        message(
            "Subject: ",
            RUSSIAN.getBytes(Charset.forName("koi8-r")),
            "\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
            RUSSIAN.getBytes(Charset.forName("koi8-r")),
            "\r\n");
    assertEquals(RUSSIAN + "\n\n" + RUSSIAN, text(parse(koi8)));
    assertEquals(Map.of(DecodeCounters.HEADERS_RAW_8BIT, 1L), counted());

    byte[] utf8 =
        message(
            "Subject: ",
            FRENCH.getBytes(StandardCharsets.UTF_8),
            "\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\nx\r\n");
    assertEquals(FRENCH + "\n\nx", text(parse(utf8)));
    assertEquals(Map.of(), counted());

    byte[] latin =
        message(
            "From: ",
            "Ren\u00E9e <r@example.org>".getBytes(StandardCharsets.ISO_8859_1),
            "\r\nSubject: s\r\n\r\nx\r\n");
    assertEquals("Ren\u00E9e <r@example.org>", parse(latin).document().getMeta().get("From"));
    assertEquals(Map.of(DecodeCounters.HEADERS_RAW_8BIT, 1L), counted());
  }

  @Test
  void foldedHeadersAreUnfoldedAndAdjacentWordsJoined() {
    byte[] message =
        message(
            "Subject: =?utf-8?Q?caf=C3=A9?=\r\n =?utf-8?Q?_cr=C3=A8me?=\r\n\tand more\r\n\r\nbody\r\n");
    ParsedRecord record = parse(message);
    assertEquals("caf\u00E9 cr\u00E8me\tand more", record.document().getMeta().get("Subject"));
    assertEquals("caf\u00E9 cr\u00E8me\tand more\n\nbody", text(record));
  }

  @Test
  void countsAreThoseOfTheLastParse() throws IOException {
    parse(resource("field-cases/encoded-words/unknown_charset.eml"));
    assertEquals(1, parser.count(DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK));
    parse(singlePart("utf-8", null, "fine".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Map.of(), counted());
  }

  @Test
  void unparseableAndEmptyMessagesAreRejected() {
    ParsedRecord empty = parse(message("Content-Type: text/plain\r\n\r\n  \r\n"));
    assertTrue(empty.isRejected());
    assertEquals("EMPTY_TEXT", empty.reject().getReason());
    ParsedRecord emptyText = parser.parseText("Subject:\n\n", "m", null, "src", 7);
    assertEquals("EMPTY_TEXT", emptyText.reject().getReason());
    assertEquals("Subject:\n\n", emptyText.reject().getExcerpt());
    assertEquals(7, emptyText.reject().getOffset());
  }

  @Test
  void utf8ValidationFollowsRfc3629() {
    assertTrue(TextDecoder.isUtf8(new byte[0], 0, 0));
    assertTrue(
        TextDecoder.isUtf8("a\u00E9\u20AC\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), 0, 10));
    byte[][] invalid = {
      {(byte) 0xC0, (byte) 0x80},
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0x80},
      {'a', (byte) 0xE9, 'b'},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };
    for (byte[] bytes : invalid) {
      assertFalse(TextDecoder.isUtf8(bytes, 0, bytes.length), java.util.Arrays.toString(bytes));
    }
    byte[] slice = {(byte) 0xE9, 'o', 'k', (byte) 0xE9};
    assertTrue(TextDecoder.isUtf8(slice, 1, 2));
  }

  @Test
  void quotedOrOddlyCasedLabelsAndEmptyCharsetParameters() {
    byte[] koi8 = RUSSIAN.getBytes(Charset.forName("koi8-r"));
    assertEquals("s\n\n" + RUSSIAN, text(parse(singlePart("\"KOI8-R\"", "8bit", koi8))));
    assertEquals(
        "s\n\n" + FRENCH,
        text(parse(singlePart("\"\"", "8bit", FRENCH.getBytes(StandardCharsets.UTF_8)))));
    assertEquals(Map.of(), counted(), "an empty charset parameter is no declaration");
  }

  @Test
  void malformedMessagesNeverThrow() {
    List<byte[]> messages =
        new java.util.ArrayList<>(
            List.of(
                message(
                    "Subject: =?utf-8?B?=?= =?=?= =??=\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
                        + "Content-Type: text/plain; charset=\"\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@=\r\n"),
                message(
                    "Content-Type: text/plain; charset=utf-16\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=F",
                    "\r\n"),
                message(
                    "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n"),
                message(
                    "Content-Type: text/plain; charset=x-user-defined\r\n\r\n",
                    new byte[] {(byte) 0x80, (byte) 0xFF}),
                message(":\r\n\r\n"),
                new byte[0]));
    java.util.Random random = new java.util.Random(16);
    for (int i = 0; i < 200; i++) {
      byte[] noise = new byte[random.nextInt(400)];
      random.nextBytes(noise);
      messages.add(
          message(
              "Subject: =?gb2312?B?",
              Base64.getEncoder().encode(noise),
              "?=\r\nContent-Type: text/plain\r\n\r\n",
              noise));
    }
    for (byte[] message : messages) {
      ParsedRecord record = parse(message);
      assertTrue(record.isRejected() || record.document().getText() != null);
    }
    assertEquals(
        "\uF780\uF7FF", text(parse(messages.get(3))), "x-user-defined, a charset Java lacks");
  }
}
