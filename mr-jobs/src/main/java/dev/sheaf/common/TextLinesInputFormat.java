package dev.sheaf.common;

import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordReader;

/** {@code --format text}: one document a line, id {@code <file>:<byte offset>}, no label. */
public final class TextLinesInputFormat extends LineInputFormatBase {
  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new LineRecordReaderBase() {
      @Override
      protected void configure(Configuration conf) {}

      @Override
      protected ParsedRecord parse(String line, boolean invalidUtf8, String source, long offset) {
        return ParsedRecord.document(
            source + ":" + offset, line, null, source, new HashMap<>(), invalidUtf8);
      }
    };
  }
}
