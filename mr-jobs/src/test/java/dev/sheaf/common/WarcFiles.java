package dev.sheaf.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * A small crawl written by jwarc's {@link WarcWriter}: one record of every kind the WARC format
 * reads or skips.
 */
final class WarcFiles {
  static final String HTML_URI = "http://example.com/cafe";
  static final String HTML =
      "<html><head><title>Caf\u00e9</title></head><body><p>Un caf\u00e9 cr\u00e8me, s'il vous pla\u00eet.</p></body></html>";
  static final String GZIPPED_URI = "https://example.org/plain.txt";
  static final String GZIPPED_TEXT = "plain text sent with Content-Encoding: gzip";
  static final String WET_URI = "http://example.com/wet";
  static final String WET_TEXT =
      "Extracted text of a page, as Common Crawl's WET files hold it.\nSecond line.";

  private WarcFiles() {}

  /** Writes the crawl to {@code file}: 10 records, 3 of them documents and 2 rejects. */
  static void write(Path file, WarcCompression compression) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        WarcWriter writer = new WarcWriter(channel, compression)) {
      writer.write(
          new Warcinfo.Builder()
              .fields(java.util.Map.of("software", java.util.List.of("sheaf test")))
              .build());
      writer.write(
          new WarcRequest.Builder(HTML_URI)
              .body(new HttpRequest.Builder("GET", "/cafe").build())
              .build());
      writer.write(
          new WarcResponse.Builder(HTML_URI)
              .body(
                  new HttpResponse.Builder(200, "OK")
                      .body(
                          MediaType.parse("text/html; charset=windows-1252"),
                          HTML.getBytes(Charset.forName("windows-1252")))
                      .build())
              .build());
      writer.write(
          new WarcMetadata.Builder()
              .addHeader("WARC-Target-URI", HTML_URI)
              .body(
                  MediaType.parse("application/warc-fields"),
                  "fetchTimeMs: 12\r\n".getBytes(StandardCharsets.UTF_8))
              .build());
      writer.write(
          new WarcResponse.Builder(GZIPPED_URI)
              .version(MessageVersion.WARC_1_0)
              .body(
                  new HttpResponse.Builder(200, "OK")
                      .addHeader("Content-Encoding", "gzip")
                      .body(MediaType.parse("text/plain; charset=utf-8"), gzip(GZIPPED_TEXT))
                      .build())
              .build());
      writer.write(
          new WarcResponse.Builder("http://example.com/missing")
              .body(
                  new HttpResponse.Builder(404, "Not Found")
                      .body(MediaType.HTML, "<p>not here</p>".getBytes(StandardCharsets.UTF_8))
                      .build())
              .build());
      writer.write(
          new WarcResponse.Builder("http://example.com/logo.png")
              .body(
                  new HttpResponse.Builder(200, "OK")
                      .body(MediaType.parse("image/png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                      .build())
              .build());
      writer.write(
          new WarcResponse.Builder("http://example.com/empty")
              .body(
                  new HttpResponse.Builder(200, "OK")
                      .body(MediaType.HTML_UTF8, new byte[0])
                      .build())
              .build());
      writer.write(
          new WarcResponse.Builder("http://example.com/garbled")
              .body(
                  MediaType.HTTP_RESPONSE,
                  "this is no HTTP status line\r\n\r\n".getBytes(StandardCharsets.UTF_8))
              .build());
      writer.write(
          new WarcConversion.Builder()
              .addHeader("WARC-Target-URI", WET_URI)
              .body(MediaType.PLAIN_TEXT, WET_TEXT.getBytes(StandardCharsets.UTF_8))
              .build());
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
