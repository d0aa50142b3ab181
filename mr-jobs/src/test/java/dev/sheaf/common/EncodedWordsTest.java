package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {
  private final EncodedWords words = new EncodedWords();
  private long[] counts = new long[DecodeCounters.values().length];

  private String decode(String text) {
    counts = new long[DecodeCounters.values().length];
    return words.decode(text, counts);
  }

  private Map<DecodeCounters, Long> counted() {
    Map<DecodeCounters, Long> map = new EnumMap<>(DecodeCounters.class);
    for (DecodeCounters counter : DecodeCounters.values()) {
      if (counts[counter.ordinal()] != 0) {
        map.put(counter, counts[counter.ordinal()]);
      }
    }
    return map;
  }

  @Test
  void wellFormedWordsAreDecoded() {
    assertEquals("Caf\u00E9 meeting", decode("=?UTF-8?B?Q2Fmw6kgbWVldGluZw==?="));
    assertEquals("Vos coordonn\u00E9es", decode("=?utf-8?B?Vm9zIGNvb3Jkb25uw6llcw==?="));
    assertEquals("caf\u00E9 menu", decode("=?iso-8859-1?q?caf=e9_menu?="));
    assertEquals(
        "Ren\u00E9e <renee@example.org>", decode("=?UTF-8?Q?Ren=C3=A9e?= <renee@example.org>"));
    assertEquals("\u041F\u0440\u0438\u0432\u0435\u0442", decode("=?koi8-r?B?8NLJ18XU?="));
    // RFC 2231 language suffix; WHATWG labels (gb2312 is GBK)
    assertEquals("\u00E9t\u00E9", decode("=?ISO-8859-1*fr?Q?=E9t=E9?="));
    assertEquals("\u6731\u9555\u57FA", decode("=?gb2312?B?1uzpRrv5?="));
    assertEquals(Map.of(), counted());
  }

  /** A raw character outside the alphabet of a Q word is kept whole, an astral one as its pair. */
  @Test
  void rawCharactersInAQWordAreKeptWhole() {
    assertEquals("party \uD83C\uDF89 time", decode("=?utf-8?Q?party_\uD83C\uDF89_time?="));
    assertEquals("caf\u00E9", decode("=?utf-8?Q?caf\u00E9?="));
  }

  @Test
  void whiteSpaceBetweenAdjacentWordsIsDroppedAndOtherTextKept() {
    assertEquals("ab", decode("=?utf-8?Q?a?= =?utf-8?Q?b?="));
    assertEquals(
        "ab",
        decode("=?utf-8?Q?a?=\t =?iso-8859-1?Q?b?="),
        "different charsets are still adjacent");
    assertEquals("Re: a b", decode("Re: =?utf-8?Q?a?= b"));
    assertEquals("[list] caf\u00E9 now", decode("[list] =?utf-8?Q?caf=C3=A9?= now"));
    // a character split between two words (RFC 2047 forbids it; mailers do it) survives
    assertEquals("caf\u00E9", decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?="));
    assertEquals(Map.of(), counted());
  }

  @Test
  void textWithoutWordsIsLeftAlone() {
    String text = "What =? is this ?= about";
    assertSame(text, words.decode(text, null));
    assertEquals(
        "=?utf-8?X?abc?= and =?utf-8?Q?no end", decode("=?utf-8?X?abc?= and =?utf-8?Q?no end"));
    assertEquals("=?utf 8?Q?a?=", decode("=?utf 8?Q?a?="));
    assertEquals(Map.of(), counted());
  }

  /** Field case encoded-words/empty_charset.eml and unknown_charset.eml: the fallback, counted. */
  @Test
  void emptyOrUnknownCharsetFallsBackToUtf8ThenWindows1252() {
    assertEquals("Sans titre.eml (1,20 Mo)", decode("=??Q?Sans_titre=2Eeml_=281=2C20_Mo=29?="));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK, 1L), counted());
    assertEquals("caf\u00E9 menu", decode("=?x-no-such-charset?Q?caf=E9_menu?="));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK, 1L), counted());
    assertEquals(
        "caf\u00E9 \u20AC", decode("=?x-unknown?B?Y2Fmw6kg4oKs?="), "valid UTF-8 is read as UTF-8");
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK, 1L), counted());
  }

  /** Field case encoded-words/bad_padding.eml: decoded anyway, counted. */
  @Test
  void wrongBase64PaddingIsRepaired() {
    assertEquals(
        "\"La Poste Mobile\" <sender@example.org>",
        decode("\"=?utf-8?B?TGEgUG9zdGUgTW9iaWxl==?=\" <sender@example.org>"));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_REPAIRED, 1L), counted());
    assertEquals("caf\u00E9", decode("=?utf-8?B?Y2Fmw6k?="), "missing padding");
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_REPAIRED, 1L), counted());
    assertEquals("a=b", decode("=?utf-8?Q?a=b?="), "a stray = in Q is kept");
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_REPAIRED, 1L), counted());
  }

  /** Field case encoded-words/invalid_b64_word.eml: kept as written, counted; no exception. */
  @Test
  void undecodableWordsAreKeptAsWritten() {
    assertEquals(
        "=?utf-8?b?invalid#?= <oops@example.com>",
        decode("=?utf-8?b?invalid#?= <oops@example.com>"));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_LEFT_RAW, 1L), counted());
    // the white space beside a raw word is kept; its neighbours are still decoded
    assertEquals("a =?utf-8?B?**?= b", decode("=?utf-8?Q?a?= =?utf-8?B?**?= =?utf-8?Q?b?="));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_LEFT_RAW, 1L), counted());
    // repaired (no padding) yet not UTF-8: garbage is not passed off as text
    assertEquals("=?utf-8?B?invalid?=", decode("=?utf-8?B?invalid?="));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_LEFT_RAW, 1L), counted());
  }

  @Test
  void bytesInvalidInAKnownCharsetBecomeReplacementCharacters() {
    assertEquals("caf\uFFFD", decode("=?utf-8?Q?caf=E9?="));
    assertEquals(Map.of(DecodeCounters.ENCODED_WORDS_INVALID_BYTES, 1L), counted());
  }
}
