package dev.sheaf.clean;

import dev.sheaf.common.EmailParser;
import dev.sheaf.common.TextBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Step 1 of clean for HTML: jsoup parses the markup (as browsers do, forgiving broken HTML); the
 * text of the body is kept, script, style and other non-content elements are dropped, and block
 * elements ({@code p}, {@code div}, {@code li}, {@code br}, headings, table rows) become line and
 * paragraph breaks so the paragraph structure survives for the line and quality rules.
 */
final class HtmlText {
  /** The elements whose markup makes a text HTML in {@code auto} mode. */
  private static final Set<String> TELLTALE_TAGS =
      Set.of(
          "html",
          "head",
          "body",
          "p",
          "br",
          "div",
          "span",
          "table",
          "tr",
          "td",
          "font",
          "a",
          "b",
          "i",
          "img",
          "center",
          "style",
          "script",
          "meta",
          "ul",
          "ol",
          "li",
          "h1",
          "h2",
          "h3",
          "h4",
          "title",
          "!doctype",
          "!--",
          "strong",
          "em",
          "hr");

  private static final Set<String> SKIPPED =
      Set.of(
          "script",
          "style",
          "noscript",
          "head",
          "template",
          "svg",
          "object",
          "iframe",
          "select",
          "button");
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p",
          "div",
          "table",
          "ul",
          "ol",
          "dl",
          "blockquote",
          "pre",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "section",
          "article",
          "header",
          "footer",
          "form",
          "hr",
          "address",
          "center",
          "fieldset");
  private static final Set<String> LINES =
      Set.of("br", "li", "tr", "dt", "dd", "option", "caption");
  private static final Set<String> VOID_TAGS = Set.of("br", "hr", "img", "meta");
  private static final int MAX_TAG_NAME = 8;

  private HtmlText() {}

  /**
   * True when {@code text} has real markup, not only tag names mentioned in prose ("the {@code <b>}
   * tag", {@code List<String>}): at least two pieces of markup. A piece of markup is a closing tag
   * of an HTML element ({@code </p>}), an opening tag with an attribute ({@code <a href=...>}), a
   * void element ({@code <br>}, {@code <hr>}, {@code <img>}), a self-closed tag ({@code <p/>}), a
   * comment or a doctype. With an HTML content type (the message's, or an e-mail body taken from
   * its HTML parts: {@link EmailParser#BODY_TYPE}) one tag of an HTML element is enough.
   */
  static boolean looksLikeHtml(CharSequence text, Map<String, String> meta) {
    boolean declared =
        meta != null
            && (isHtmlType(meta.get("Content-Type"))
                || isHtmlType(meta.get(EmailParser.BODY_TYPE)));
    int needed = declared ? 1 : 2;
    int markup = 0;
    StringBuilder name = new StringBuilder(MAX_TAG_NAME);
    for (int i = 0, n = text.length(); i < n - 1; i++) {
      if (text.charAt(i) != '<') {
        continue;
      }
      int j = i + 1;
      boolean closing = text.charAt(j) == '/';
      if (closing) {
        j++;
      }
      name.setLength(0);
      while (j < n && name.length() <= MAX_TAG_NAME) {
        char c = text.charAt(j);
        if (!(Character.isLetterOrDigit(c) || c == '!' || c == '-')) {
          break;
        }
        name.append(Character.toLowerCase(c));
        j++;
        if (name.length() == 3
            && name.charAt(0) == '!'
            && name.charAt(1) == '-'
            && name.charAt(2) == '-') {
          break;
        }
      }
      String tag = name.toString();
      boolean element =
          TELLTALE_TAGS.contains(tag)
              && j < n
              && (text.charAt(j) == '>'
                  || text.charAt(j) == '/'
                  || Character.isWhitespace(text.charAt(j)));
      boolean evidence =
          tag.equals("!--")
              || tag.equals("!doctype")
              || (element
                  && (declared
                      || closing
                      || VOID_TAGS.contains(tag)
                      || text.charAt(j) == '/'
                      || hasAttribute(text, j, n)));
      if (evidence && ++markup == needed) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHtmlType(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
  }

  /** Whether an attribute ({@code name=}) follows white space at {@code at}. */
  private static boolean hasAttribute(CharSequence text, int at, int n) {
    if (at >= n || !Character.isWhitespace(text.charAt(at))) {
      return false;
    }
    int i = at;
    while (i < n && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    int nameStart = i;
    while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
      i++;
    }
    return i > nameStart && i < n && text.charAt(i) == '=';
  }

  /**
   * Writes the text of {@code html} to {@code out} (cleared first), with line and paragraph breaks.
   */
  static void toText(String html, TextBuffer out) {
    out.clear();
    Element body = Jsoup.parse(html).body();
    NodeTraversor.traverse(new TextCollector(out), body);
  }

  private static final class TextCollector implements NodeVisitor {
    private final TextBuffer out;
    private Node skipping;
    private int preDepth;

    TextCollector(TextBuffer out) {
      this.out = out;
    }

    @Override
    public void head(Node node, int depth) {
      if (skipping != null) {
        return;
      }
      if (node instanceof TextNode text) {
        appendText(text.getWholeText());
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          preDepth++;
        }
        if (SKIPPED.contains(tag)) {
          skipping = node;
        } else if (PARAGRAPHS.contains(tag)) {
          out.append("\n\n");
        } else if (LINES.contains(tag)) {
          out.append('\n');
        } else if (tag.equals("td") || tag.equals("th")) {
          out.append(' ');
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (skipping == node) {
        skipping = null;
      } else if (skipping == null
          && node instanceof Element element
          && PARAGRAPHS.contains(element.normalName())) {
        if (element.normalName().equals("pre")) {
          preDepth--;
        }
        out.append("\n\n");
      }
    }

    /** Source line breaks are white space in HTML, except inside {@code pre}. */
    private void appendText(String text) {
      if (preDepth > 0) {
        out.append(text);
        return;
      }
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
      }
    }
  }
}
