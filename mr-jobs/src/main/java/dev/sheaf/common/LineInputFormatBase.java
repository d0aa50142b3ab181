package dev.sheaf.common;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.JobContext;

/**
 * Line-based inputs: uncompressed files split like text files; compressed files and UTF-16/32 files
 * (whose lines a newline byte does not mark) are read whole.
 */
abstract class LineInputFormatBase extends DocumentInputFormat {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    if (new CompressionCodecFactory(context.getConfiguration()).getCodec(file) != null) {
      return false;
    }
    try (InputStream in = SourceNames.open(context.getConfiguration(), file)) {
      byte[] head = in.readNBytes(4);
      return !TextEncoding.of(head, head.length).wholeFile();
    } catch (IOException e) {
      // one split: its reader meets the same failure and reports it as a reject or a task failure
      return false;
    }
  }
}
