package dev.sheaf.common;

import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordReader;

/** Base of the Sheaf record readers: no key, the current {@link ParsedRecord} as value. */
abstract class ParsedRecordReader extends RecordReader<NullWritable, ParsedRecord> {
  /** The record {@link #nextKeyValue} made current; null before the first and after the last. */
  protected ParsedRecord current;

  @Override
  public final NullWritable getCurrentKey() {
    return NullWritable.get();
  }

  @Override
  public final ParsedRecord getCurrentValue() {
    return current;
  }
}
