package dev.sheaf.clean;

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
  /** Tags whose presence makes a text HTML in {@code auto} mode. */
  private static final Set<String> TELLTALE_TAGS = Set.of("html", "head", "body", "p", "br", "div", "span",
      "table", "tr", "td", "font", "a", "b", "i", "img", "center", "style", "script", "meta", "ul", "ol", "li",
      "h1", "h2", "h3", "h4", "title", "!doctype", "!--", "strong", "em", "hr");
  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "head", "template", "svg",
      "object", "iframe", "select", "button");
  private static final Set<String> PARAGRAPHS = Set.of("p", "div", "table", "ul", "ol", "dl", "blockquote",
      "pre", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "form", "hr",
      "address", "center", "fieldset");
  private static final Set<String> LINES = Set.of("br", "li", "tr", "dt", "dd", "option", "caption");
  private static final int MAX_TAG_NAME = 8;

  private HtmlText() {}

  /**
   * True when {@code text} has at least two tags that HTML uses, or one with an HTML content type
   * (a "text/html" part without a single tag is plain text, and is kept as such).
   */
  static boolean looksLikeHtml(CharSequence text, Map<String, String> meta) {
    String contentType = meta == null ? null : meta.get("Content-Type");
    int needed = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html") ? 1 : 2;
    int tags = 0;
    StringBuilder name = new StringBuilder(MAX_TAG_NAME);
    for (int i = 0, n = text.length(); i < n - 1; i++) {
      if (text.charAt(i) != '<') {
        continue;
      }
      int j = i + 1;
      if (text.charAt(j) == '/') {
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
        if (name.length() == 3 && name.charAt(0) == '!' && name.charAt(1) == '-' && name.charAt(2) == '-') {
          break;
        }
      }
      boolean closed = j < n && (text.charAt(j) == '>' || text.charAt(j) == ' ' || text.charAt(j) == '/'
          || text.charAt(j) == '\n' || name.toString().equals("!--"));
      if (closed && TELLTALE_TAGS.contains(name.toString()) && ++tags == needed) {
        return true;
      }
    }
    return false;
  }

  /** Writes the text of {@code html} to {@code out} (cleared first), with line and paragraph breaks. */
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
      } else if (skipping == null && node instanceof Element element && PARAGRAPHS.contains(element.normalName())) {
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
