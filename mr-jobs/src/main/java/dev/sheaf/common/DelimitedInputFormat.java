package dev.sheaf.common;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Base of {@code --format csv} and {@code --format tsv}: delimited text with RFC 4180 quoting
 * (fields may be quoted with {@code "}, {@code ""} is a quote inside one, a quoted field may hold
 * delimiters and line breaks; records end at CR LF, LF or CR), a header row first. The columns
 * named by {@code --text-field}, {@code --id-field} and {@code --label-field} (defaults {@code
 * text}, {@code id}, {@code label}) give the document's text, id and label; an empty id is {@code
 * <file>:<byte offset>}, an empty label none; every other non-empty column goes to {@code meta}
 * under its header name. Fields are parsed by Apache Commons CSV ({@link CSVFormat#RFC4180} with
 * the format's delimiter), record by record as {@link CsvRecordSplitter} cuts them, so offsets are
 * exact and a malformed record is one reject.
 *
 * <p>Not split: a line break inside a quoted field cannot be told from a record's end without
 * reading from the file's start (a split starting mid-file cannot know whether it is inside
 * quotes), so each file is one split. Compressed files are decompressed. Bytes are decoded as the
 * line formats decode theirs ({@link TextEncoding}, {@link RecordTextDecoder}): byte order marks,
 * UTF-16/32, legacy charsets, broken UTF-8 kept as U+FFFD.
 *
 * <p>Rejects: {@link RejectReason#MALFORMED_CSV} (text after a closing quote, a quote never
 * closed), {@link RejectReason#WRONG_COLUMN_COUNT} (not as many fields as the header), {@link
 * RejectReason#EMPTY_TEXT}, {@link RejectReason#RECORD_TOO_LARGE}. A header that has no text
 * column, names the text, id or label column twice, or cannot be parsed makes the whole file one
 * {@link RejectReason#BAD_HEADER} reject at offset 0 (its records are not read): the other files
 * and the stage go on, and the reject names the file, the column and the header's columns. Blank
 * records are not records ({@link StageCounters#BLANK_LINES_SKIPPED}).
 */
abstract class DelimitedInputFormat extends DocumentInputFormat {
  /** The field delimiter, an ASCII character. */
  protected abstract char delimiter();

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new DelimitedRecordReader(delimiter());
  }

  private static final class DelimitedRecordReader extends ParsedRecordReader {
    private final CSVFormat format;
    private final char delimiter;
    private FSDataInputStream fileStream;
    private long fileLength;
    private InputStream stream;
    private CsvRecordSplitter splitter;
    private RecordTextDecoder decoder;
    private String source;
    private String textColumn;
    private String idColumn;
    private String labelColumn;
    // named in full: FileInputFormat.Counter (an enum) shadows the name in this nested class
    // the full name: FileInputFormat.Counter, inherited, shadows the simple one
    private org.apache.hadoop.mapreduce.Counter blankRecords;
    private org.apache.hadoop.mapreduce.Counter guessed;
    private List<String> header;
    private int textIndex;
    private int idIndex;
    private int labelIndex;

    /** Set once the file is done: after a header reject, or at its end. */
    private boolean done;

    DelimitedRecordReader(char delimiter) {
      this.delimiter = delimiter;
      this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).build();
    }

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      Configuration conf = context.getConfiguration();
      Path file = ((FileSplit) genericSplit).getPath();
      source = SourceNames.of(conf, file);
      textColumn = conf.get(InputOptions.TEXT_FIELD, InputOptions.DEFAULT_TEXT_FIELD);
      idColumn = conf.get(InputOptions.ID_FIELD, InputOptions.DEFAULT_ID_FIELD);
      labelColumn = conf.get(InputOptions.LABEL_FIELD, InputOptions.DEFAULT_LABEL_FIELD);
      blankRecords = context.getCounter(StageCounters.BLANK_LINES_SKIPPED);
      guessed = context.getCounter(StageCounters.CHARSET_GUESSED);
      fileStream = SourceNames.open(conf, file);
      fileLength = file.getFileSystem(conf).getFileStatus(file).getLen();
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
      TextEncoding encoding = TextEncoding.of(fileStream, codec);
      fileStream.seek(0);
      if (encoding.byteOrderMarkLength() > 0) {
        context.getCounter(StageCounters.BYTE_ORDER_MARKS_SKIPPED).increment(1);
      }
      decoder = new RecordTextDecoder(encoding.guessed());
      stream = encoding.decoded(codec == null ? fileStream : codec.createInputStream(fileStream));
      splitter =
          new CsvRecordSplitter(
              stream,
              delimiter,
              conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES),
              encoding.byteOrderMarkLength());
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      current = null;
      while (!done && splitter.next()) {
        long offset = splitter.offset();
        String text = decoder.decode(splitter.bytes(), splitter.length());
        if (decoder.lastWasGuessed()) {
          guessed.increment(1);
        }
        if (text.isBlank() && !splitter.tooLarge()) {
          blankRecords.increment(1);
          continue;
        }
        current = header == null ? readHeader(text, offset) : toRecord(text, offset);
        if (current != null) {
          return true;
        }
      }
      done = true;
      return false;
    }

    /**
     * Reads the header row; null when it is usable, else the reject that stands for the whole file.
     */
    private ParsedRecord readHeader(String text, long offset) {
      if (splitter.tooLarge()) {
        return badHeader("the header is longer than --max-record-bytes", text);
      }
      List<String> names;
      try {
        names = parse(text);
      } catch (UncheckedIOException e) {
        return badHeader("the header cannot be parsed: " + firstLine(e), text);
      }
      textIndex = uniqueIndex(names, textColumn);
      idIndex = uniqueIndex(names, idColumn);
      labelIndex = uniqueIndex(names, labelColumn);
      if (textIndex == -1) {
        return badHeader(
            "the header has no column '"
                + textColumn
                + "' (--text-field); its columns: "
                + String.join(", ", names),
            text);
      }
      for (String column : new String[] {textColumn, idColumn, labelColumn}) {
        if (uniqueIndex(names, column) == -2) {
          return badHeader("the header names column '" + column + "' twice", text);
        }
      }
      header = names;
      return null;
    }

    private ParsedRecord badHeader(String detail, String text) {
      done = true;
      return ParsedRecord.rejected(
          RejectReason.BAD_HEADER, source, 0, detail + "; the file's records are not read", text);
    }

    private ParsedRecord toRecord(String text, long offset) {
      if (splitter.tooLarge()) {
        return ParsedRecord.rejected(
            RejectReason.RECORD_TOO_LARGE,
            source,
            offset,
            "record of " + splitter.recordBytes() + " bytes, longer than --max-record-bytes",
            text);
      }
      List<String> fields;
      try {
        fields = parse(text);
      } catch (UncheckedIOException e) {
        return ParsedRecord.rejected(
            RejectReason.MALFORMED_CSV, source, offset, firstLine(e), text);
      }
      if (fields.size() != header.size()) {
        return ParsedRecord.rejected(
            RejectReason.WRONG_COLUMN_COUNT,
            source,
            offset,
            fields.size() + " fields, the header has " + header.size(),
            text);
      }
      String body = fields.get(textIndex);
      if (body.isBlank()) {
        return ParsedRecord.rejected(
            RejectReason.EMPTY_TEXT, source, offset, "column '" + textColumn + "' is empty", text);
      }
      String id =
          idIndex >= 0 && !fields.get(idIndex).isEmpty()
              ? fields.get(idIndex)
              : source + ":" + offset;
      String label =
          labelIndex >= 0 && !fields.get(labelIndex).isEmpty() ? fields.get(labelIndex) : null;
      Map<String, String> meta = new HashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        if (i != textIndex && i != idIndex && i != labelIndex && !fields.get(i).isEmpty()) {
          meta.put(header.get(i), fields.get(i));
        }
      }
      return ParsedRecord.document(id, body, label, source, meta, decoder.lastHadInvalidUtf8());
    }

    /**
     * The fields of one record's text, parsed by Commons CSV.
     *
     * @throws UncheckedIOException when the quoting is malformed (Commons CSV's message), or the
     *     text is not one record (which {@link CsvRecordSplitter}'s cut rules out)
     */
    private List<String> parse(String text) {
      List<CSVRecord> records;
      try (CSVParser parser = CSVParser.parse(text, format)) {
        records = parser.getRecords();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (records.size() != 1) {
        throw new UncheckedIOException(
            new IOException("the text parses as " + records.size() + " records"));
      }
      return records.get(0).toList();
    }

    /**
     * The index of {@code column} in {@code names}: -1 when absent, -2 when named more than once.
     */
    private static int uniqueIndex(List<String> names, String column) {
      int first = names.indexOf(column);
      return first >= 0 && names.lastIndexOf(column) != first ? -2 : first;
    }

    private static String firstLine(UncheckedIOException e) {
      return String.valueOf(e.getCause().getMessage()).strip().lines().findFirst().orElse("");
    }

    @Override
    public float getProgress() throws IOException {
      return done || fileLength == 0 ? 1f : Math.min(1f, fileStream.getPos() / (float) fileLength);
    }

    @Override
    public void close() throws IOException {
      // the decoding stream, then the file under it (try-with-resources skips a null one)
      try (Closeable file = fileStream;
          Closeable decoding = stream) {
        // closed on leaving
      }
    }
  }
}
