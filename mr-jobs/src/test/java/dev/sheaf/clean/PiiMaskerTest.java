package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.TextBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {
  private final long[] masked = new long[PiiType.values().length];
  private final PiiMasker masker =
      new PiiMasker(EnumSet.allOf(PiiType.class), PhoneFinder.DEFAULT_REGIONS, masked);

  /** The regions of the phone tests: the look-alikes must survive every one of them. */
  private static final List<String> EUROPE_AND_US = List.of("US", "GB", "DE", "FR");

  private String mask(String text) {
    return mask(masker, text);
  }

  private static String mask(PiiMasker masker, String text) {
    TextBuffer out = new TextBuffer();
    masker.mask(text, out);
    return out.toString();
  }

  private String mask(List<String> phoneRegions, String text) {
    return mask(new PiiMasker(EnumSet.allOf(PiiType.class), phoneRegions, masked), text);
  }

  private long count(PiiType type) {
    return masked[type.ordinal()];
  }

  @Test
  void masksEmailAddresses() {
    assertEquals(
        "Write to <EMAIL> or <<EMAIL>>.",
        mask(
            "Write to joe.bloggs+list@mail.example.co.uk or <ann_o'@ex-ample.org>."
                .replace("'", "")));
    assertEquals(2, count(PiiType.EMAIL));
    assertEquals(
        "user@localhost and @handle and a@b.c stay",
        mask("user@localhost and @handle and a@b.c stay"));
  }

  @Test
  void masksIpAddresses() {
    assertEquals(
        "from <IP_ADDRESS> ([<IP_ADDRESS>]) via <IP_ADDRESS> and <IP_ADDRESS>",
        mask(
            "from 66.218.66.102 ([127.0.0.1]) via 2001:db8:85a3::8a2e:370:7334 and fe80:0:0:0:200:f8ff:fe21:67cf"));
    assertEquals(2, count(PiiType.IPV4));
    assertEquals(2, count(PiiType.IPV6));
  }

  @Test
  void masksPhoneNumbers() {
    assertEquals(
        "Call <PHONE>, <PHONE>, <PHONE> or <PHONE>; UK <PHONE>.",
        mask(
            "Call (555) 123-4567, 555-123-4567, 1-800-555-0199 or 555.123.4567; UK +44 20 7946 0958."));
    assertEquals(5, count(PiiType.PHONE));
  }

  @Test
  void masksLuhnValidCardNumbersOnly() {
    assertEquals(
        "card <CREDIT_CARD> and <CREDIT_CARD>, not 4111 1111 1111 1112",
        mask("card 4111 1111 1111 1111 and 5500-0000-0000-0004, not 4111 1111 1111 1112"));
    assertEquals(2, count(PiiType.CREDIT_CARD));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version 1.2.3 and kernel 2.4.19-pre3, rpm 7.3.92",
        "dotted 1.2.3.4.5 run",
        "IP-like 999.1.1.1",
        "on 2002-08-22 at 10:30:00 +0100",
        "dated 22/08/2002 and 08.22.2002",
        "price $1,299.99 or 12,000,000 EUR",
        "order 1234567890123456 (not Luhn)",
        "ISBN 978-3-16-148410-0",
        "std::vector and a::b",
        "ratio 16:9, 4:3:2",
        "call 555-1234 locally",
        "Message 0.11.31 relased",
        "tel: 12345678",
        "mac 00:1A:2B:3C:4D:5E",
        "hex deadbeef cafe",
        "session ID 1034567890 saved"
      })
  void leavesLookAlikesAlone(String text) {
    assertEquals(text, mask(text));
  }

  @Test
  void masksOnlyTheChosenTypes() {
    long[] counts = new long[PiiType.values().length];
    PiiMasker emailOnly =
        new PiiMasker(EnumSet.of(PiiType.EMAIL), PhoneFinder.DEFAULT_REGIONS, counts);
    TextBuffer out = new TextBuffer();
    emailOnly.mask("joe@example.com at 10.0.0.1", out);
    assertEquals("<EMAIL> at 10.0.0.1", out.toString());
  }

  // --- the field case /work/shared/field-cases/pii-lookalikes/pii.jsonl, all 16 lines

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p01|The record shows LinkedAccountId: 215805592 for this tenant.",
        "p02|The job started at 2024-01-15 12 and ended later.",
        "p03|Current system time: Tue Jun 02 20:17:00 CST 2026 on the host.",
        "p04|Exit 137 alone does not prove OOM; the service is listening on port 8080 since v2.5.",
        "p05|Order number 10023456 shipped with build number 2024 1130 0917 today.",
        "p06|The timestamp 2026-06-02T20:17:00Z and the date 12/05/2023 and 2023.12.05 appear.",
        "p07|We upgraded the library from 4.19.2.1 to 4.20.0.3 last week.",
        "p08|The meeting is at 12:30:45 and uses std::vector and the type foo :: Int here.",
        "p09|The MAC address 00:1A:2B:3C:4D:5E belongs to the printer.",
        "p10|The ISBN 978-3-16-148410-0 and the id 550e8400-e29b-41d4-a716-446655440000 are listed.",
        "p11|Population grew to 1,234,567,890 people by 2020 according to the report.",
        "p12|Coordinates 48.8584, 2.2945 mark the tower; pi is 3.14159265358979."
      })
  void fieldCaseLookAlikesStayInEveryRegion(String id, String text) {
    assertEquals(text, mask(text), id + " with the default regions");
    assertEquals(text, mask(EUROPE_AND_US, text), id + " with " + EUROPE_AND_US);
    assertEquals(0, Arrays.stream(masked).sum(), id + " counted nothing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "t01|Call me on +44 20 7946 0958 or (555) 010-4477 tomorrow.|Call me on <PHONE> or <PHONE> tomorrow.|0|0|2|0",
        "t02|Write to jo.bloggs@example.org or visit 192.168.10.24 and 2001:db8::1 today."
            + "|Write to <EMAIL> or visit <IP_ADDRESS> and <IP_ADDRESS> today.|1|2|0|0",
        "t03|My card is 4111 1111 1111 1111 and expires soon.|My card is <CREDIT_CARD> and expires soon.|0|0|0|1",
        "t04|Phone 555-010-4477 or 555.010.4477 works after noon.|Phone <PHONE> or <PHONE> works after noon.|0|0|2|0"
      })
  void fieldCasePersonalDataIsAllMasked(
      String id, String text, String expected, int emails, int ips, int phones, int cards) {
    assertEquals(expected, mask(text), id + " with the default regions");
    assertEquals(expected, mask(EUROPE_AND_US, text), id + " with " + EUROPE_AND_US);
    assertEquals(2 * emails, count(PiiType.EMAIL), id);
    assertEquals(2 * ips, count(PiiType.IPV4) + count(PiiType.IPV6), id);
    assertEquals(2 * phones, count(PiiType.PHONE), id);
    assertEquals(2 * cards, count(PiiType.CREDIT_CARD), id);
  }

  // --- phone numbers through libphonenumber

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GB|020 7946 0958",
        "GB|0207 946 0958",
        "GB|07911 123456",
        "GB|0161 496 0000",
        "GB|0800 555 1234",
        "GB|(020) 7946 0958",
        "GB|0044 20 7946 0958",
        "DE|030 12345678",
        "DE|(030) 12345678",
        "DE|030/12345678",
        "DE|0171 1234567",
        "DE|0049 (0)30 12345678",
        "FR|01 23 45 67 89",
        "FR|01.23.45.67.89",
        "FR|06 12 34 56 78",
        "FR|06-12-34-56-78",
        "US|011 44 20 7946 0958",
        "US|1 202 555 0143"
      })
  void masksNationalPhonesInTheirRegion(String region, String number) {
    assertEquals(
        "Tel. <PHONE>, after six.", mask(List.of(region), "Tel. " + number + ", after six."));
    assertEquals(1, count(PiiType.PHONE));
    assertEquals(
        "Tel. <PHONE>, after six.",
        mask(EUROPE_AND_US, "Tel. " + number + ", after six."),
        "one region of several");
  }

  @ParameterizedTest
  @ValueSource(strings = {"020 7946 0958", "030 12345678", "01 23 45 67 89", "06.12.34.56.78"})
  void leavesForeignNationalFormatsToTheirRegion(String number) {
    String text = "Tel. " + number + " now";
    assertEquals(text, mask(text), "not a US number");
    assertEquals(text, mask(List.of(), text), "no region");
    assertEquals(0, count(PiiType.PHONE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+44 20 7946 0958", "+44 (0)20 7946 0958", "+442079460958", "+49 30 12345678",
            "+49 (0)30 12345678",
        "+33 1 23 45 67 89", "+33 6 12 34 56 78", "+1 202 555 0143", "+1 (202) 555-0143",
            "+1 555 010 4477",
        "+81 3-1234-5678"
      })
  void masksInternationalPhonesWhateverTheRegion(String number) {
    for (List<String> regions :
        List.of(List.<String>of(), List.of("US"), List.of("DE"), EUROPE_AND_US)) {
      assertEquals(
          "ring <PHONE> today", mask(regions, "ring " + number + " today"), regions.toString());
    }
    assertEquals(4, count(PiiType.PHONE));
  }

  @Test
  void masksThePhoneAndLeavesTheNumberAfterIt() {
    assertEquals(
        "call <PHONE> 24/7, or <PHONE> 2 times",
        mask(List.of("GB"), "call +44 20 7946 0958 24/7, or 020 7946 0958 2 times"));
    assertEquals(
        "(<PHONE>) and (<PHONE>)", mask(List.of("GB"), "(020 7946 0958) and (+44 20 7946 0958)"));
    assertEquals(4, count(PiiType.PHONE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ISBN 978-3-16-148410-0 and 0-306-40615-2",
        "ISBN-13: 978 0 306 40615 7",
        "Order number 10023456 shipped",
        "order #1234 5678 and order # 2024 1130",
        "ids 20240115 and 02079460958 and 03012345678",
        "in the years 1999 2004 2010 and 2019 2020",
        "price $1 299 000 or 12 000 000 EUR or 1.234.567,89 or 20 24%",
        "dated 2024-01-15 12:30, 2024-01-15 12, 12.05.2023, 08.22.2002, 2023.12.05, 12/05/2023 and 05-12-2023",
        "at 12:30:45 or 20:17:00 or 2024 01 15 12:30",
        "build number 2024 1130 0917",
        "account 12345678 and 87654321",
        "pi 3.14159265358979 and 0.2079460958",
        "the table 0201 7946 0958 0123 4567 8901 2345 6789 0123 4567",
        "versions 10.2.0.45 and 0.2079.46.0958",
        "numbers 1,234,567,890 and 1,020 7946 0958",
        "from python (80-24-132-206.uc.nombres.ttd.es) by",
        "mail 020-7946-0958@example"
      })
  void leavesNumbersThatAreNotPhones(String text) {
    assertEquals(text, mask(EUROPE_AND_US, text));
    assertEquals(0, count(PiiType.PHONE));
  }

  @Test
  void checksThePhoneRegions() {
    assertEquals(List.of("GB", "DE"), PiiMasker.phoneRegions(List.of("gb", " DE", "GB")));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> PiiMasker.phoneRegions(List.of("US", "UK")));
    assertTrue(unknown.getMessage().contains("'UK'"), unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new PiiMasker(EnumSet.allOf(PiiType.class), List.of("ZZ"), masked));
    assertEquals(List.of("US"), PhoneFinder.DEFAULT_REGIONS);
    assertEquals(
        "dial <PHONE>",
        mask("dial 011 44 20 7946 0958"),
        "US by default: 011 is its international prefix");
    assertEquals("dial 011 44 20 7946 0958", mask(List.of(), "dial 011 44 20 7946 0958"));
  }

  // --- versions, OIDs and addresses

  @ParameterizedTest
  @ValueSource(
      strings = {
        "We upgraded the library from 4.19.2.1 to 4.20.0.3 last week.",
        "Firmware 10.2.0.45 is out.",
        "Release 2.4.1.0 fixes it.",
        "It went from v4.19 to 4.20.0.3 here.",
        "the 1.0.0.12 build passed",
        "Kernel\n3.10.0.1160 runs",
        "OID 2.5.4.3 is the common name",
        "the OIDs 1.3.6.1.4.1 and 1.3.6.1.4.1.311.21.20",
        "the arc 1.3.6.1 itself",
        "rust 0.11.31.2 is old",
        "the package is at 6.1.7.601 (see CHANGELOG)",
        "urn:oid:2.5.4.3 and v4.19.2.1"
      })
  void leavesVersionsAndOids(String text) {
    assertEquals(text, mask(text));
    assertEquals(0, count(PiiType.IPV4));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "visit 192.168.10.24|visit <IP_ADDRESS>",
        "ping 10.0.0.1 after the upgrade|ping <IP_ADDRESS> after the upgrade",
        "Server 10.0.0.1 runs version 4.20.0.3.|Server <IP_ADDRESS> runs version 4.20.0.3.",
        "after the update the proxy moved to 10.1.2.3|after the update the proxy moved to <IP_ADDRESS>",
        "the update moved it to 10.1.2.3:8080|the update moved it to <IP_ADDRESS>:8080",
        "release 5 adds subnet 10.20.0.0/16 routes|release 5 adds subnet <IP_ADDRESS>/16 routes",
        "It is the latest release. 10.1.2.3 answers.|It is the latest release. <IP_ADDRESS> answers.",
        "Did you upgrade? 10.1.2.3 is down.|Did you upgrade? <IP_ADDRESS> is down.",
        "listen on 0.0.0.0 since release 2|listen on <IP_ADDRESS> since release 2",
        "Received: from [66.218.66.102] by mail|Received: from [<IP_ADDRESS>] by mail",
        "after the upgrade [10.1.2.3] answers|after the upgrade [<IP_ADDRESS>] answers"
      })
  void masksAddressesInContext(String text, String expected) {
    assertEquals(expected, mask(text));
    assertEquals(1, count(PiiType.IPV4));
  }

  @Test
  void readsMailHeaders() {
    assertEquals(
        "MIME-Version: 1.0\nReceived: from win2kpro ([<IP_ADDRESS>] [<IP_ADDRESS>]) by",
        mask("MIME-Version: 1.0\nReceived: from win2kpro ([192.168.100.11] [192.168.100.11]) by"),
        "in brackets, whatever the words");
    assertEquals(
        "Received: from <IP_ADDRESS> by\n    air-in01.mx.aol.com (v86.11) with",
        mask("Received: from 64.12.184.129 by\n    air-in01.mx.aol.com (v86.11) with"),
        "received is nearer than v86.11");
    assertEquals(3, count(PiiType.IPV4));
    String versions =
        "X-Antivirus: OK! AntiVir MailGate Version 2.0.0.6 at lserv4\nretrieving revision 1.15.4.1\n"
            + "    WinNT/2000, Version 1.61 (1.6.1.9)); Fri, 17 May 2002 00:48:18 -0400";
    assertEquals(versions, mask(versions));
    assertEquals(3, count(PiiType.IPV4));
  }

  @Test
  void endsTheContextAtABlankLine() {
    assertEquals(
        "build notes:\n\n<IP_ADDRESS> resolves it",
        mask("build notes:\n\n192.168.4.4 resolves it"),
        "past the blank line no word speaks; a private prefix is an address");
    assertEquals(
        "build notes:\n192.168.4.4 resolves it",
        mask("build notes:\n192.168.4.4 resolves it"),
        "a wrapped line goes on");
    assertEquals(1, count(PiiType.IPV4));
  }

  /** With no word either way, a dotted number is not an address unless its shape is one. */
  @Test
  void aQuadNoWordExplainsIsAnAddressOnlyByItsShape() {
    for (String kept :
        new String[] {
          "Bump to 4.19.2.1 now",
          "Try 8.8.4.4 first",
          "Then 1.2.3.4 and 2.0.0.1 follow",
          "Then 17.32.1.1 or 9.9.9.9"
        }) {
      assertEquals(kept, mask(kept));
    }
    assertEquals(
        "Call from <IP_ADDRESS> or <IP_ADDRESS> today",
        mask("Call from 203.0.113.7 or 10.0.0.5 today"),
        "a part of 100 or more; a private prefix");
    assertEquals(
        "Then <IP_ADDRESS> and <IP_ADDRESS> and <IP_ADDRESS>",
        mask("Then 172.20.1.1 and 127.0.0.1 and 169.254.3.3"));
    assertEquals(5, count(PiiType.IPV4));
  }

  @Test
  void readsTheWordsAroundAQuad() {
    String text = "We upgraded the library from 4.19.2.1 to 4.20.0.3 last week.";
    int second = text.indexOf("4.20.0.3");
    assertTrue(
        PiiMasker.versionNotAddress(text, second, second + 8), "upgraded is the 6th word before");
    String far = "upgraded one two three four five six seven eight 4.20.0.3";
    assertEquals(far, mask(far), "9 words before is too far, and then its shape is no address's");
    String farAddress = "upgraded one two three four five six seven eight 4.20.0.103";
    assertEquals(
        farAddress.replace("4.20.0.103", "<IP_ADDRESS>"),
        mask(farAddress),
        "a part of 100 or more");
    String near = "one two three four five six seven upgraded 4.20.0.3";
    assertEquals(near, mask(near));
    String after = "4.20.0.3 is our newest release";
    assertEquals(after, mask(after));
  }
}
