package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.common.EmailParser;
import dev.sheaf.common.TextBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
  private static String text(String html) {
    TextBuffer out = new TextBuffer();
    HtmlText.toText(html, out);
    TextBuffer normalized = new TextBuffer();
    new UnicodeNormalizer(true, new long[CleanCounters.values().length]).normalize(out, normalized);
    return normalized.toString();
  }

  @Test
  void recognisesHtmlByTagsOrContentType() {
    assertTrue(HtmlText.looksLikeHtml("<html><body><p>Hi</p></body></html>", Map.of()));
    assertTrue(HtmlText.looksLikeHtml("Hello <br>\nthere<br/>", Map.of()));
    assertTrue(
        HtmlText.looksLikeHtml("one <p> tag", Map.of("Content-Type", "text/html; charset=utf-8")));
    assertFalse(
        HtmlText.looksLikeHtml(
            "a text/html part without tags is text",
            Map.of("Content-Type", "text/html; charset=utf-8")));
    assertFalse(HtmlText.looksLikeHtml("if a < b and c > d then <foo> is not a tag", Map.of()));
    assertFalse(HtmlText.looksLikeHtml("one <p> alone is not enough", Map.of()));
    assertFalse(
        HtmlText.looksLikeHtml("mail me at <joe@example.com> or <ann@example.com>", Map.of()));
  }

  /**
   * An e-mail body taken from its HTML parts is HTML even with one tag: the message's type is
   * multipart.
   */
  @Test
  void aBodyFromTheHtmlPartIsHtml() {
    assertFalse(
        HtmlText.looksLikeHtml(
            "<p>Hi</p>", Map.of("Content-Type", "multipart/alternative; boundary=x")));
    assertTrue(
        HtmlText.looksLikeHtml(
            "<p>Hi</p>",
            Map.of(
                "Content-Type",
                "multipart/alternative; boundary=x",
                EmailParser.BODY_TYPE,
                "text/html")));
  }

  /**
   * The field case's kind: tag names mentioned in prose, generics, comparisons and placeholders are
   * not markup.
   */
  @Test
  void plainTextMentioningTagsIsNotHtml() {
    for (String prose :
        new String[] {
          "In Java a List<String> is not a List<Object>, and Map<K,V> takes two type parameters.",
          "So when x <4 and y> 9 we set z = 10, and when a<b and c>d we stop.",
          "All coffee is best served cold <3 and the <b> tag makes text bold while <i> makes it italic.",
          "Run ./test.sh -U <id> < input.txt and replace <id> with your <user name>.",
          "Use <p> for paragraphs, <div> for blocks and <span> inline; <table> for tables.",
          "The <html> element is the root, and <body> holds the content."
        }) {
      assertFalse(HtmlText.looksLikeHtml(prose, Map.of()), prose);
    }
    for (String markup :
        new String[] {
          "<p>Hello</p><p>World</p>",
          "Our <b>best</b> offer: <a href=\"http://x.example\">here</a>",
          "<!DOCTYPE html><title>t</title> text",
          "<font color=\"red\">SALE</font> today",
          "<!-- comment --> and <br> a break"
        }) {
      assertTrue(HtmlText.looksLikeHtml(markup, Map.of()), markup);
    }
  }

  @Test
  void keepsTextAndParagraphsDropsScriptsStylesAndHead() {
    String html =
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<h1>Big   offer</h1><p>First\nparagraph &amp; more.</p><script>alert('x')</script>"
            + "<ul><li>one</li><li>two</li></ul><div>Last<br>line</div><noscript>enable js</noscript></body></html>";
    assertEquals("Big offer\n\nFirst paragraph & more.\n\none\ntwo\n\nLast\nline", text(html));
  }

  @Test
  void keepsLineBreaksInsidePre() {
    assertEquals("code:\n\na = 1\nb = 2", text("<p>code:</p><pre>a = 1\nb = 2</pre>"));
  }

  @Test
  void onlyMarkupGivesNoText() {
    assertEquals(
        "", text("<html><head><style>x{}</style></head><body><img src=x><br><hr></body></html>"));
  }
}
