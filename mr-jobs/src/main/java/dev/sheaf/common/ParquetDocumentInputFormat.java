package dev.sheaf.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetRecordReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * {@code --format parquet}: Parquet files (Hive and Spark tables, Hugging Face datasets), read with
 * parquet-mr. Columns are chosen as JSON fields are: {@code --text-field} (default {@code text}),
 * {@code --id-field} ({@code id}; a missing or null id is {@code <file>:<row index>}, the row's
 * index in its file) and {@code --label-field} ({@code label}); every other top-level primitive
 * column that is not null goes to {@code meta} as its text. A number or boolean id or label is its
 * text. The text's bytes are decoded as a JSON line's are ({@link RecordTextDecoder}: broken UTF-8
 * kept as U+FFFD and counted). Files not ending in {@code .parquet} (a {@code _SUCCESS}, a {@code
 * .crc}) are skipped.
 *
 * <p>Split as parquet-mr splits: a split reads the row groups whose middle lies in it.
 *
 * <p>Rejects: {@link RejectReason#MISSING_TEXT} (the text is null, or the file has no text column:
 * every row), {@link RejectReason#TEXT_NOT_STRING} (a text column that is not a string: every row),
 * {@link RejectReason#ID_NOT_SCALAR} / {@link RejectReason#LABEL_NOT_SCALAR} (a repeated or nested
 * id or label column), {@link RejectReason#EMPTY_TEXT}, {@link RejectReason#RECORD_TOO_LARGE}.
 * Rejects carry offset -1 (a row has no byte offset of its own) and the row's index in their detail
 * where the row is known. A truncated or corrupt file is an {@link RejectReason#UNREADABLE_FILE}
 * reject; a file that does not start with Parquet's magic {@code PAR1} is the wrong input: the
 * stage fails in one line.
 */
public final class ParquetDocumentInputFormat extends DocumentInputFormat {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return super.listStatus(job).stream()
        .filter(status -> status.getPath().getName().endsWith(".parquet"))
        .toList();
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new ParquetDocumentReader();
  }

  private static final class ParquetDocumentReader extends ParsedRecordReader {
    private final ParquetRecordReader<Group> parquet =
        new ParquetRecordReader<>(new GroupReadSupport());
    private final RecordTextDecoder decoder = new RecordTextDecoder(null);
    // named in full: FileInputFormat.Counter (an enum) shadows the name in this nested class
    // the full name: FileInputFormat.Counter, inherited, shadows the simple one
    private org.apache.hadoop.mapreduce.Counter guessed;
    private String source;
    private String textColumn;
    private String idColumn;
    private String labelColumn;
    private int maxRecordBytes;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context)
        throws IOException, InterruptedException {
      Configuration conf = context.getConfiguration();
      Path file = ((FileSplit) split).getPath();
      source = SourceNames.of(conf, file);
      try (InputStream in = SourceNames.open(conf, file)) {
        if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
          throw new IOException(source + " is not a Parquet file: check --format");
        }
      }
      textColumn = conf.get(InputOptions.TEXT_FIELD, InputOptions.DEFAULT_TEXT_FIELD);
      idColumn = conf.get(InputOptions.ID_FIELD, InputOptions.DEFAULT_ID_FIELD);
      labelColumn = conf.get(InputOptions.LABEL_FIELD, InputOptions.DEFAULT_LABEL_FIELD);
      maxRecordBytes =
          conf.getInt(InputOptions.MAX_RECORD_BYTES, InputOptions.DEFAULT_MAX_RECORD_BYTES);
      guessed = context.getCounter(StageCounters.CHARSET_GUESSED);
      parquet.initialize(split, context);
    }

    @Override
    public boolean nextKeyValue() throws IOException, InterruptedException {
      if (!parquet.nextKeyValue()) {
        current = null;
        return false;
      }
      current = toRecord(parquet.getCurrentValue(), parquet.getCurrentRowIndex());
      return true;
    }

    private ParsedRecord toRecord(Group row, long rowIndex) {
      GroupType schema = row.getType();
      String fallbackId = source + ":" + rowIndex;
      if (!schema.containsField(textColumn) || row.getFieldRepetitionCount(textColumn) == 0) {
        return ParsedRecord.rejected(
            RejectReason.MISSING_TEXT,
            source,
            -1,
            "row " + rowIndex + " has no column '" + textColumn + "' (--text-field) or it is null",
            row.toString());
      }
      Type textType = schema.getType(textColumn);
      if (!isScalar(textType)
          || textType.asPrimitiveType().getPrimitiveTypeName()
              != PrimitiveType.PrimitiveTypeName.BINARY) {
        return ParsedRecord.rejected(
            RejectReason.TEXT_NOT_STRING,
            source,
            -1,
            "column '" + textColumn + "' is " + textType,
            row.toString());
      }
      if (schema.containsField(idColumn) && !isScalar(schema.getType(idColumn))) {
        return ParsedRecord.rejected(
            RejectReason.ID_NOT_SCALAR,
            source,
            -1,
            "column '" + idColumn + "' is " + schema.getType(idColumn),
            row.toString());
      }
      if (schema.containsField(labelColumn) && !isScalar(schema.getType(labelColumn))) {
        return ParsedRecord.rejected(
            RejectReason.LABEL_NOT_SCALAR,
            source,
            -1,
            "column '"
                + labelColumn
                + "' is "
                + schema.getType(labelColumn)
                + "; a label is one class name",
            row.toString());
      }
      byte[] textBytes = row.getBinary(textColumn, 0).getBytesUnsafe();
      if (textBytes.length > maxRecordBytes) {
        return ParsedRecord.rejected(
            RejectReason.RECORD_TOO_LARGE,
            source,
            -1,
            "row "
                + rowIndex
                + ": text of "
                + textBytes.length
                + " bytes, longer than --max-record-bytes",
            "");
      }
      String text = decoder.decode(textBytes, textBytes.length);
      if (decoder.lastWasGuessed()) {
        guessed.increment(1);
      }
      if (text.isBlank()) {
        return ParsedRecord.rejected(
            RejectReason.EMPTY_TEXT,
            source,
            -1,
            "row " + rowIndex + ": column '" + textColumn + "' is empty",
            row.toString());
      }
      String id = value(row, idColumn);
      Map<String, String> meta = new HashMap<>();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        String name = schema.getFieldName(i);
        if (!name.equals(textColumn)
            && !name.equals(idColumn)
            && !name.equals(labelColumn)
            && isScalar(schema.getType(i))
            && row.getFieldRepetitionCount(i) > 0) {
          meta.put(name, row.getValueToString(i, 0));
        }
      }
      return ParsedRecord.document(
          id == null || id.isEmpty() ? fallbackId : id,
          text,
          value(row, labelColumn),
          source,
          meta,
          decoder.lastHadInvalidUtf8());
    }

    /** A primitive column holding at most one value (required or optional, not repeated). */
    private static boolean isScalar(Type type) {
      return type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED);
    }

    /** The text of a scalar column's value; null when the column is absent or null. */
    private static String value(Group row, String column) {
      if (!row.getType().containsField(column) || row.getFieldRepetitionCount(column) == 0) {
        return null;
      }
      return row.getValueToString(row.getType().getFieldIndex(column), 0);
    }

    @Override
    public float getProgress() throws IOException, InterruptedException {
      return parquet.getProgress();
    }

    @Override
    public void close() throws IOException {
      parquet.close();
    }
  }
}
