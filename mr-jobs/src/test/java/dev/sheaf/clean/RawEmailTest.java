package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.ParsedRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RawEmailTest {
  @Test
  void recognisesAHeaderBlockFollowedByABlankLine() throws IOException {
    assertTrue(RawEmail.looksLikeMessage(TextCleanerTest.eml("ham/easy-ham-1-00014.eml")));
    assertTrue(RawEmail.looksLikeMessage("From: a\r\nSubject: hi\r\n  continued\r\n\r\nbody"));
    assertTrue(RawEmail.looksLikeMessage("From joe Thu Aug 22 2002\nX-Custom: 1\nDate: today\nTo: b\n\nbody"));
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertFalse(RawEmail.looksLikeMessage("Subject: one header only\n\nbody"));
    assertFalse(RawEmail.looksLikeMessage("Note: this is prose.\nFrom: me\nTo: you\nand no blank line"));
    assertFalse(RawEmail.looksLikeMessage("Dear friend,\nSubject: x\nFrom: y\n\nbody"));
    assertFalse(RawEmail.looksLikeMessage(""));
  }

  @Test
  void parsesTransferEncodingsAndKeepsHeadersAsMeta() {
    String message = "From: Ann <ann@example.com>\nSubject: =?UTF-8?Q?Caf=C3=A9?=\nMIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + java.util.Base64.getMimeEncoder().encodeToString("Grüße aus Köln".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ParsedRecord parsed = new RawEmail().parse(message, "m1");
    assertEquals("Caf\u00E9\n\nGr\u00FC\u00DFe aus K\u00F6ln", parsed.document().getText());
    assertEquals("Ann <ann@example.com>", parsed.document().getMeta().get("From"));
  }
}
