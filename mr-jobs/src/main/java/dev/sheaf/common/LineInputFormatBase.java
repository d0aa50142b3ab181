package dev.sheaf.common;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/** Line-based inputs: uncompressed files split like text files, compressed ones are read whole. */
abstract class LineInputFormatBase extends FileInputFormat<NullWritable, ParsedRecord> {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
  }
}
