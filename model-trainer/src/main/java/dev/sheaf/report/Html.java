package dev.sheaf.report;

import java.util.Base64;

/**
 * A self-contained HTML page being written: title and style, headings, paragraphs, tables and
 * inline PNGs.
 */
final class Html {
  private final StringBuilder page = new StringBuilder();

  Html(String title) {
    page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append(
            "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em;color:#222}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}"
                + "table{border-collapse:collapse;margin:.6em 0}th,td{padding:3px 10px;border-bottom:1px solid #e4e4e4;"
                + "text-align:right}th{text-align:left}td.text{text-align:left;font-size:.9em}"
                + "img{max-width:100%;display:block;margin:.6em 0}code{font-size:.9em}</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
  }

  void heading(String text) {
    page.append("<h2>").append(escape(text)).append("</h2>\n");
  }

  void paragraph(String trustedHtml) {
    page.append("<p>").append(trustedHtml).append("</p>\n");
  }

  void raw(String trustedHtml) {
    page.append(trustedHtml).append('\n');
  }

  void image(byte[] png, String alt) {
    page.append("<img alt=\"")
        .append(escape(alt))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\">\n");
  }

  String finish() {
    return page.append("</body></html>\n").toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
