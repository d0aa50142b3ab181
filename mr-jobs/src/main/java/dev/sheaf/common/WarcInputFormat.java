package dev.sheaf.common;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageHeaders;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * {@code --format warc}: web archives (WARC/1.0 and WARC/1.1, ISO 28500; each record gzipped on its
 * own, as crawlers write {@code .warc.gz}, or plain), read with jwarc. Two record types make
 * documents:
 *
 * <ul>
 *   <li>{@code response} records holding an HTTP response with a 2xx status and a text payload
 *       ({@code text/*}, {@code application/xhtml+xml}): the payload after its transfer and content
 *       encodings (chunked, gzip, ...), decoded with the charset of its {@code Content-Type} as
 *       e-mail parts are ({@link PartDecoder}: a byte order mark first, WHATWG labels, ICU4J's
 *       guess when none is declared; counted in {@link DecodeCounters}). HTML stays HTML: {@code
 *       clean} turns it into text ({@code meta["Content-Type"]} carries the payload's type);
 *   <li>{@code conversion} records (Common Crawl's WET text): the block, decoded the same way.
 * </ul>
 *
 * The id is the record's {@code WARC-Target-URI} ({@code <file>:<offset>} without one); the source
 * is the file; {@code meta} keeps {@code WARC-Target-URI}, {@code WARC-Date}, {@code
 * WARC-Record-ID}, {@code WARC-Type} and the payload's {@code Content-Type}. No label.
 *
 * <p>Other records are not documents and are counted by kind in {@link WarcCounters}: {@code
 * request}, {@code metadata}, {@code warcinfo} and other record types, and responses that are not
 * HTTP, not successful or not text. Rejects: {@link RejectReason#MALFORMED_HTTP} (a response whose
 * HTTP header or content encoding cannot be read), {@link RejectReason#EMPTY_TEXT}, {@link
 * RejectReason#RECORD_TOO_LARGE} (a payload over {@code --max-record-bytes}). A file that breaks
 * (truncated gzip, a record header that cannot be parsed after the first) is an {@link
 * RejectReason#UNREADABLE_FILE} reject after its records before the break; a file whose first
 * record is no WARC record is the wrong input: the stage fails in one line naming it.
 *
 * <p>Not split: a record's start cannot be found from the middle of a file (gzip members and WARC
 * headers have no sync marker), so each file is one split, as a {@code .warc.gz} from Common Crawl
 * (about 1 GB) is one task.
 */
public final class WarcInputFormat extends DocumentInputFormat {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new WarcRecordReader();
  }

  private static final class WarcRecordReader extends ParsedRecordReader {
    private static final DecodeCounters[] DECODE_COUNTERS = DecodeCounters.values();
    private final long[] decodeCounts = new long[DECODE_COUNTERS.length];
    private final PartDecoder decoder = new PartDecoder(decodeCounts);
    private FSDataInputStream stream;
    private long fileLength;
    private WarcReader warc;
    private String source;
    private int maxRecordBytes;
    private TaskAttemptContext context;
    private boolean anyRecord;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext taskContext) throws IOException {
      context = taskContext;
      Configuration conf = context.getConfiguration();
      Path file = ((FileSplit) split).getPath();
      source = SourceNames.of(conf, file);
      maxRecordBytes =
          conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
      stream = SourceNames.open(conf, file);
      fileLength = file.getFileSystem(conf).getFileStatus(file).getLen();
      warc = new WarcReader(stream);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      current = null;
      while (true) {
        Optional<WarcRecord> next;
        try {
          next = warc.next();
        } catch (ParsingException e) {
          if (!anyRecord) {
            // the wrong input, not a broken file: thrown without its cause, so it fails the stage
            throw new IOException(
                source + " is not a WARC file (" + e.getBaseMessage() + "): check --format");
          }
          throw new DocumentInputFormat.BrokenDataException("a record header cannot be parsed", e);
        }
        if (next.isEmpty()) {
          return false;
        }
        anyRecord = true;
        WarcRecord record = next.get();
        if (record instanceof WarcResponse response) {
          current = fromResponse(response);
        } else if (record instanceof WarcConversion conversion) {
          current =
              toRecord(
                  conversion,
                  conversion.contentType(),
                  contentType(conversion.headers()),
                  conversion.body().stream());
        } else {
          context.getCounter(skipped(record.type())).increment(1);
        }
        if (current != null) {
          return true;
        }
      }
    }

    private static WarcCounters skipped(String type) {
      return switch (type) {
        case "request" -> WarcCounters.REQUEST_RECORDS_SKIPPED;
        case "metadata" -> WarcCounters.METADATA_RECORDS_SKIPPED;
        case "warcinfo" -> WarcCounters.WARCINFO_RECORDS_SKIPPED;
        default -> WarcCounters.OTHER_RECORDS_SKIPPED;
      };
    }

    /** A document, a reject, or null for a response that holds no page text (counted). */
    private ParsedRecord fromResponse(WarcResponse response) throws IOException {
      if (!response.contentType().base().equals(MediaType.HTTP)) {
        context.getCounter(WarcCounters.RESPONSES_NOT_HTTP).increment(1);
        return null;
      }
      HttpResponse http;
      InputStream body;
      try {
        http = response.http();
        if (http.status() < 200 || http.status() > 299) {
          context.getCounter(WarcCounters.RESPONSES_NOT_SUCCESSFUL).increment(1);
          return null;
        }
        if (!isText(http.contentType())) {
          context.getCounter(WarcCounters.RESPONSES_NOT_TEXT).increment(1);
          return null;
        }
        body = http.bodyDecoded().stream();
      } catch (ParsingException | IllegalArgumentException e) {
        return ParsedRecord.rejected(
            RejectReason.MALFORMED_HTTP,
            source,
            response.position(),
            "the HTTP response cannot be parsed: " + e.getMessage(),
            "");
      }
      return toRecord(response, http.contentType(), contentType(http.headers()), body);
    }

    private static boolean isText(MediaType type) {
      String base = type.base().toString().toLowerCase(Locale.ROOT);
      return base.startsWith("text/") || base.equals("application/xhtml+xml");
    }

    /** The Content-Type as the message states it, for {@code meta} and clean's HTML test. */
    private static String contentType(MessageHeaders headers) {
      return headers.first("Content-Type").orElse("");
    }

    /** {@code type}: the payload's parsed content type; {@code contentType}: as written. */
    private ParsedRecord toRecord(
        WarcTargetRecord record, MediaType type, String contentType, InputStream body)
        throws IOException {
      long offset = record.position();
      String uri = record.headers().first("WARC-Target-URI").orElse("");
      String id = uri.isEmpty() ? source + ":" + offset : uri;
      byte[] bytes;
      try {
        bytes = body.readNBytes(maxRecordBytes + 1);
      } catch (ZipException e) {
        // a content encoding (gzip, deflate) that does not decode: this record's fault, not the
        // file's
        return ParsedRecord.rejected(
            RejectReason.MALFORMED_HTTP,
            source,
            offset,
            "the payload's content encoding cannot be decoded: " + e.getMessage(),
            "");
      }
      if (bytes.length > maxRecordBytes) {
        return ParsedRecord.rejected(
            RejectReason.RECORD_TOO_LARGE,
            source,
            offset,
            "payload of " + id + " longer than --max-record-bytes",
            new String(
                bytes, 0, Math.min(bytes.length, Utf8Text.EXCERPT_CHARS), StandardCharsets.UTF_8));
      }
      String text =
          decoder.decode(
              bytes,
              bytes.length,
              null,
              type.parameters().get("charset"),
              type.base().equals(MediaType.HTML),
              false);
      for (DecodeCounters counter : DECODE_COUNTERS) {
        if (decodeCounts[counter.ordinal()] > 0) {
          context.getCounter(counter).increment(decodeCounts[counter.ordinal()]);
          decodeCounts[counter.ordinal()] = 0;
        }
      }
      if (text.isBlank()) {
        return ParsedRecord.rejected(
            RejectReason.EMPTY_TEXT, source, offset, "the payload of " + id + " is empty", "");
      }
      Map<String, String> meta = new HashMap<>();
      if (!contentType.isEmpty()) {
        meta.put("Content-Type", contentType);
      }
      meta.put("WARC-Type", record.type());
      meta.put("WARC-Record-ID", record.id().toString());
      record.headers().first("WARC-Date").ifPresent(date -> meta.put("WARC-Date", date));
      if (!uri.isEmpty()) {
        meta.put("WARC-Target-URI", uri);
      }
      return ParsedRecord.document(id, text, null, source, meta, false);
    }

    @Override
    public float getProgress() throws IOException {
      return fileLength == 0 ? 1f : Math.min(1f, stream.getPos() / (float) fileLength);
    }

    @Override
    public void close() throws IOException {
      // the WARC reader, then the file under it (try-with-resources skips a null one)
      try (Closeable file = stream;
          Closeable reader = warc) {
        // closed on leaving
      }
    }
  }
}
