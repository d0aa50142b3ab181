package dev.sheaf.common;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Base of the Sheaf input formats. A file whose data breaks (a 0-byte, truncated or corrupt
 * compressed, Avro or SequenceFile file) yields the records read before the break and one {@link
 * RejectReason#UNREADABLE_FILE} reject naming the file and the fault, and the stage goes on (what
 * Spark's {@code ignoreCorruptFiles} does, but counted); with {@code --strict-files}, and for
 * failures to reach the file at all, the stage fails with a one-line error naming the file and
 * split.
 */
public abstract class DocumentInputFormat extends FileInputFormat<NullWritable, ParsedRecord> {
  /** The format's own reader. */
  protected abstract RecordReader<NullWritable, ParsedRecord> newReader();

  @Override
  public final RecordReader<NullWritable, ParsedRecord> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new FaultTolerantReader(newReader());
  }

  /**
   * The format's reader, with its whole-file faults turned into one {@link
   * RejectReason#UNREADABLE_FILE} reject after the records read before the break, unless {@code
   * --strict-files}. Any other failure (an I/O error of the file system, which a task retry may
   * cure) fails the task, naming the file.
   */
  private static final class FaultTolerantReader extends RecordReader<NullWritable, ParsedRecord> {
    /** Where a fault in the file's data (not in reaching it) is raised. */
    private static final String[] DATA_PACKAGES = {
      "org.apache.hadoop.io.compress.",
      "java.util.zip.",
      "org.apache.avro.file.",
      "org.apache.avro.io.",
      "org.xerial.snappy.",
      "com.github.luben.zstd.",
      "io.airlift.compress.",
      "org.apache.commons.compress.",
      "org.apache.hadoop.io.SequenceFile",
      "org.netpreserve.jwarc.",
      "org.apache.parquet."
    };

    private final RecordReader<NullWritable, ParsedRecord> reader;
    private InputSplit current;
    private boolean strict;
    private String source;
    private long records;

    /** Set once the file broke: the reject to hand out, then nothing. */
    private ParsedRecord fault;

    private boolean faultHandedOut;

    FaultTolerantReader(RecordReader<NullWritable, ParsedRecord> reader) {
      this.reader = reader;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context)
        throws IOException, InterruptedException {
      current = split;
      strict = context.getConfiguration().getBoolean(InputOptions.STRICT_FILES, false);
      source =
          split instanceof FileSplit file
              ? SourceNames.of(context.getConfiguration(), file.getPath())
              : String.valueOf(split);
      try {
        reader.initialize(split, context);
      } catch (IOException | RuntimeException e) {
        broke(e);
      }
    }

    @Override
    public boolean nextKeyValue() throws IOException, InterruptedException {
      if (fault == null) {
        try {
          if (reader.nextKeyValue()) {
            records++;
            return true;
          }
          return false;
        } catch (IOException | RuntimeException e) {
          broke(e);
        }
      }
      if (faultHandedOut) {
        return false;
      }
      faultHandedOut = true;
      return true;
    }

    private void broke(Exception e) throws InputFailureException {
      if (strict || !inData(e)) {
        throw new InputFailureException(current, e);
      }
      fault =
          ParsedRecord.rejected(
              RejectReason.UNREADABLE_FILE,
              source,
              -1,
              "the file breaks after "
                  + records
                  + " records of "
                  + current
                  + ": "
                  + InputFailureException.describe(e),
              "");
    }

    /**
     * Whether the failure is in the file's bytes: a truncated or corrupt compressed, Avro,
     * SequenceFile, WARC or Parquet file, raised by a decompressor or the format's own reader. Not
     * a file that is no Avro file at all (the wrong {@code --format}: a usage error), and not the
     * file system's own I/O errors (a premature end of a block transfer, a checksum error) that a
     * task retry may cure.
     */
    static boolean inData(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof BrokenDataException) {
          return true;
        }
        // Avro 1.9+ throws InvalidAvroMagicException, older ones "Not a data file." (named, not
        // referenced: the class is missing where a cluster's older Avro wins)
        if (t.getClass().getName().equals("org.apache.avro.InvalidAvroMagicException")
            || String.valueOf(t.getMessage()).startsWith("Not a data file")) {
          return false;
        }
        if (t instanceof ZipException || t instanceof DataFormatException) {
          return true;
        }
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(3, frames.length); i++) {
          for (String prefix : DATA_PACKAGES) {
            if (frames[i].getClassName().startsWith(prefix)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    @Override
    public NullWritable getCurrentKey() throws IOException, InterruptedException {
      return NullWritable.get();
    }

    @Override
    public ParsedRecord getCurrentValue() throws IOException, InterruptedException {
      return fault != null ? fault : reader.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException, InterruptedException {
      return fault != null ? 1f : reader.getProgress();
    }

    @Override
    public void close() throws IOException {
      try {
        reader.close();
      } catch (IOException | RuntimeException e) {
        if (fault == null) {
          throw e;
        }
      }
    }
  }

  /**
   * Raised by a format's reader that has itself found the fault in the file's data (a file that
   * ends inside a record), where the library that met it cannot be told from a failure to reach the
   * file.
   */
  static final class BrokenDataException extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenDataException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An input that could not be read at all: names the split and the cause. */
  public static final class InputFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    InputFailureException(InputSplit split, Throwable cause) {
      super("cannot read " + split + ": " + describe(cause), cause);
    }

    static String describe(Throwable cause) {
      StringBuilder text = new StringBuilder(cause.getClass().getSimpleName());
      for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
          return text.append(": ")
              .append(t.getMessage().strip().lines().findFirst().orElse(""))
              .toString();
        }
      }
      return text.toString();
    }
  }
}
