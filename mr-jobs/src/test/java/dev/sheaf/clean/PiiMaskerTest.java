package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {
  private final long[] masked = new long[PiiType.values().length];
  private final PiiMasker masker = new PiiMasker(EnumSet.allOf(PiiType.class), masked);

  private String mask(String text) {
    TextBuffer out = new TextBuffer();
    masker.mask(text, out);
    return out.toString();
  }

  private long count(PiiType type) {
    return masked[type.ordinal()];
  }

  @Test
  void masksEmailAddresses() {
    assertEquals("Write to <EMAIL> or <<EMAIL>>.", mask("Write to joe.bloggs+list@mail.example.co.uk or <ann_o'@ex-ample.org>.".replace("'", "")));
    assertEquals(2, count(PiiType.EMAIL));
    assertEquals("user@localhost and @handle and a@b.c stay", mask("user@localhost and @handle and a@b.c stay"));
  }

  @Test
  void masksIpAddresses() {
    assertEquals("from <IP_ADDRESS> ([<IP_ADDRESS>]) via <IP_ADDRESS> and <IP_ADDRESS>",
        mask("from 66.218.66.102 ([127.0.0.1]) via 2001:db8:85a3::8a2e:370:7334 and fe80:0:0:0:200:f8ff:fe21:67cf"));
    assertEquals(2, count(PiiType.IPV4));
    assertEquals(2, count(PiiType.IPV6));
  }

  @Test
  void masksPhoneNumbers() {
    assertEquals("Call <PHONE>, <PHONE>, <PHONE> or <PHONE>; UK <PHONE>.",
        mask("Call (555) 123-4567, 555-123-4567, 1-800-555-0199 or 555.123.4567; UK +44 20 7946 0958."));
    assertEquals(5, count(PiiType.PHONE));
  }

  @Test
  void masksLuhnValidCardNumbersOnly() {
    assertEquals("card <CREDIT_CARD> and <CREDIT_CARD>, not 4111 1111 1111 1112",
        mask("card 4111 1111 1111 1111 and 5500-0000-0000-0004, not 4111 1111 1111 1112"));
    assertEquals(2, count(PiiType.CREDIT_CARD));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "version 1.2.3 and kernel 2.4.19-pre3, rpm 7.3.92", "dotted 1.2.3.4.5 run", "IP-like 999.1.1.1",
      "on 2002-08-22 at 10:30:00 +0100", "dated 22/08/2002 and 08.22.2002", "price $1,299.99 or 12,000,000 EUR",
      "order 1234567890123456 (not Luhn)", "ISBN 978-3-16-148410-0", "std::vector and a::b", "ratio 16:9, 4:3:2",
      "call 555-1234 locally", "Message 0.11.31 relased", "tel: 12345678", "mac 00:1A:2B:3C:4D:5E",
      "hex deadbeef cafe", "session ID 1034567890 saved"})
  void leavesLookAlikesAlone(String text) {
    assertEquals(text, mask(text));
  }

  @Test
  void masksOnlyTheChosenTypes() {
    long[] counts = new long[PiiType.values().length];
    PiiMasker emailOnly = new PiiMasker(EnumSet.of(PiiType.EMAIL), counts);
    TextBuffer out = new TextBuffer();
    emailOnly.mask("joe@example.com at 10.0.0.1", out);
    assertEquals("<EMAIL> at 10.0.0.1", out.toString());
  }
}
