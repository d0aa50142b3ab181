package dev.sheaf.common;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Base of the Sheaf input formats: their readers' I/O failures (an unreadable or truncated file)
 * name the file and split, so the stage's one-line error says which input broke.
 */
public abstract class DocumentInputFormat extends FileInputFormat<NullWritable, ParsedRecord> {
  /** The format's own reader. */
  protected abstract RecordReader<NullWritable, ParsedRecord> newReader();

  @Override
  public final RecordReader<NullWritable, ParsedRecord> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    RecordReader<NullWritable, ParsedRecord> reader = newReader();
    return new RecordReader<>() {
      private InputSplit current;

      @Override
      public void initialize(InputSplit split, TaskAttemptContext context) throws IOException, InterruptedException {
        current = split;
        try {
          reader.initialize(split, context);
        } catch (IOException | RuntimeException e) {
          throw new InputFailureException(current, e);
        }
      }

      @Override
      public boolean nextKeyValue() throws IOException, InterruptedException {
        try {
          return reader.nextKeyValue();
        } catch (IOException | RuntimeException e) {
          throw new InputFailureException(current, e);
        }
      }

      @Override
      public NullWritable getCurrentKey() throws IOException, InterruptedException {
        return reader.getCurrentKey();
      }

      @Override
      public ParsedRecord getCurrentValue() throws IOException, InterruptedException {
        return reader.getCurrentValue();
      }

      @Override
      public float getProgress() throws IOException, InterruptedException {
        return reader.getProgress();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  /** An input that could not be read at all: names the split and the cause. */
  public static final class InputFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    InputFailureException(InputSplit split, Throwable cause) {
      super("cannot read " + split + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
      StringBuilder text = new StringBuilder(cause.getClass().getSimpleName());
      for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
          return text.append(": ").append(t.getMessage().strip().lines().findFirst().orElse("")).toString();
        }
      }
      return text.toString();
    }
  }
}
