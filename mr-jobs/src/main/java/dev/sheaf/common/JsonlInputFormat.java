package dev.sheaf.common;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordReader;

/** {@code --format jsonl}: one JSON object a line, fields named by {@link InputOptions}. */
public final class JsonlInputFormat extends LineInputFormatBase {
  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new LineRecordReaderBase() {
      private JsonDocumentParser parser;

      @Override
      protected void configure(Configuration conf) {
        parser =
            new JsonDocumentParser(
                conf.get(InputOptions.ID_FIELD, InputOptions.DEFAULT_ID_FIELD),
                conf.get(InputOptions.TEXT_FIELD, InputOptions.DEFAULT_TEXT_FIELD),
                conf.get(InputOptions.LABEL_FIELD, InputOptions.DEFAULT_LABEL_FIELD));
      }

      @Override
      protected ParsedRecord parse(String line, boolean invalidUtf8, String source, long offset) {
        return parser.parse(line, source, offset, invalidUtf8);
      }
    };
  }
}
