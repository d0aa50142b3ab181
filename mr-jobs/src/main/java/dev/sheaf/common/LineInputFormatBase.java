package dev.sheaf.common;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.JobContext;

/** Line-based inputs: uncompressed files split like text files, compressed ones are read whole. */
abstract class LineInputFormatBase extends DocumentInputFormat {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
  }
}
