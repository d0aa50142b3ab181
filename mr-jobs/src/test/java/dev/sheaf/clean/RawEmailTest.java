package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.DecodeCounters;
import dev.sheaf.common.ParsedRecord;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawEmailTest {
  @Test
  void recognisesAHeaderBlockFollowedByABlankLine() throws IOException {
    assertTrue(RawEmail.looksLikeMessage(TextCleanerTest.eml("ham/easy-ham-1-00014.eml")));
    assertTrue(RawEmail.looksLikeMessage("From: a\r\nSubject: hi\r\n  continued\r\n\r\nbody"));
    assertTrue(
        RawEmail.looksLikeMessage(
            "From joe Thu Aug 22 2002\nX-Custom: 1\nDate: today\nTo: b\n\nbody"));
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertFalse(RawEmail.looksLikeMessage("Subject: one header only\n\nbody"));
    assertFalse(
        RawEmail.looksLikeMessage("Note: this is prose.\nFrom: me\nTo: you\nand no blank line"));
    assertFalse(RawEmail.looksLikeMessage("Dear friend,\nSubject: x\nFrom: y\n\nbody"));
    assertFalse(RawEmail.looksLikeMessage(""));
  }

  @Test
  void parsesTransferEncodingsAndKeepsHeadersAsMeta() {
    String message =
        "From: Ann <ann@example.com>\nSubject: =?UTF-8?Q?Caf=C3=A9?=\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString("Grüße aus Köln".getBytes(StandardCharsets.UTF_8));
    ParsedRecord parsed = new RawEmail().parse(message, "m1");
    assertEquals("Caf\u00E9\n\nGr\u00FC\u00DFe aus K\u00F6ln", parsed.document().getText());
    assertEquals("Ann <ann@example.com>", parsed.document().getMeta().get("From"));
  }

  private static final String RUSSIAN =
      "\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440! \u0401\u0436";
  private static final String FRENCH =
      "Caf\u00E9 cr\u00E8me \u00E0 2 \u20AC, na\u00EFve fa\u00E7ade";

  private static String body(String text, String charset, String transferEncoding) {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    if (transferEncoding.equals("base64")) {
      return java.util.Base64.getMimeEncoder().encodeToString(bytes);
    }
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xFF;
      out.append(
          c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c) : String.format("=%02X", c));
    }
    return out.toString();
  }

  /**
   * The SpamAssassin JSON holds characters: 8-bit parts are not decoded again; base64 and QP parts
   * are bytes.
   */
  @Test
  void legacyCharsetBodiesComeOutRightInEveryTransferEncoding() {
    RawEmail email = new RawEmail();
    java.util.Map<String, String> texts =
        java.util.Map.of("koi8-r", RUSSIAN, "iso-8859-1", FRENCH, "windows-1251", RUSSIAN);
    texts.forEach(
        (charset, text) -> {
          String headers =
              "From: a@example.org\nSubject: s\nMIME-Version: 1.0\nContent-Type: text/plain; charset="
                  + charset
                  + "\n";
          assertEquals(
              "s\n\n" + text,
              email
                  .parse(headers + "Content-Transfer-Encoding: 8bit\n\n" + text + "\n", "m")
                  .document()
                  .getText(),
              charset + " 8bit");
          assertEquals(
              "s\n\n" + text,
              email.parse(headers + "\n" + text + "\n", "m").document().getText(),
              charset + " none");
          // iso-8859-1 is read as windows-1252 (WHATWG), so the euro sign's byte 0x80 decodes
          String encodeAs = charset.equals("iso-8859-1") ? "windows-1252" : charset;
          for (String transferEncoding : new String[] {"base64", "quoted-printable"}) {
            String message =
                headers
                    + "Content-Transfer-Encoding: "
                    + transferEncoding
                    + "\n\n"
                    + body(text, encodeAs, transferEncoding);
            assertEquals(
                "s\n\n" + text,
                email.parse(message, "m").document().getText(),
                charset + " " + transferEncoding);
          }
        });
    assertEquals(0, java.util.Arrays.stream(email.counts()).sum());
  }

  @Test
  void anEmptyPlainAlternativeGivesTheHtmlPart() {
    String message =
        "From: a@example.org\nSubject: Statement\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/alternative; boundary=B\n\n--B\nContent-Type: text/plain\n\n\n"
            + "--B\nContent-Type: text/html\n\n<p>Your statement is ready.</p>\n--B--\n";
    RawEmail email = new RawEmail();
    assertEquals(
        "Statement\n\n<p>Your statement is ready.</p>",
        email.parse(message, "m").document().getText());
    assertEquals(1, email.counts()[DecodeCounters.BODY_FROM_HTML.ordinal()]);
  }

  @Test
  void decodeCountsAddUpOverMessages() {
    RawEmail email = new RawEmail();
    String message =
        "From: =?utf-8?b?invalid#?= <oops@example.com>\nSubject: =?x-no-such-charset?Q?caf=E9?=\n"
            + "Content-Type: text/plain; charset=utf-8\n\nbody\n";
    assertEquals("caf\u00E9\n\nbody", email.parse(message, "m1").document().getText());
    email.parse(message, "m2");
    assertEquals(2, email.counts()[DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK.ordinal()]);
    assertEquals(2, email.counts()[DecodeCounters.ENCODED_WORDS_LEFT_RAW.ordinal()]);
    assertEquals(0, email.counts()[DecodeCounters.PARTS_CHARSET_GUESSED.ordinal()]);
  }
}
