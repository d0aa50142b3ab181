package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertTrue(HtmlText.looksLikeHtml("one <p> tag", Map.of("Content-Type", "text/html; charset=utf-8")));
    assertFalse(HtmlText.looksLikeHtml("a text/html part without tags is text",
        Map.of("Content-Type", "text/html; charset=utf-8")));
    assertFalse(HtmlText.looksLikeHtml("if a < b and c > d then <foo> is not a tag", Map.of()));
    assertFalse(HtmlText.looksLikeHtml("one <p> alone is not enough", Map.of()));
    assertFalse(HtmlText.looksLikeHtml("mail me at <joe@example.com> or <ann@example.com>", Map.of()));
  }

  @Test
  void keepsTextAndParagraphsDropsScriptsStylesAndHead() {
    String html = "<html><head><title>T</title><style>p{color:red}</style></head><body>"
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
    assertEquals("", text("<html><head><style>x{}</style></head><body><img src=x><br><hr></body></html>"));
  }
}
