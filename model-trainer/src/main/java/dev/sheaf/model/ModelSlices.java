package dev.sheaf.model;

import dev.sheaf.common.TextFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Parameters (and optimizer state) on disk as slice files {@code *.slice}: a run of parameter rows
 * each, written by the reducer that owns them. A file: the magic {@code SHEAFSL1}, the first row,
 * the row count, the columns per row, the number of state arrays (big-endian ints), then the rows'
 * parameters and each state array's rows as little-endian floats. Any set of files that covers
 * every row once is a model, so the slice count may change between epochs.
 */
public final class ModelSlices {
  public static final String SUFFIX = ".slice";
  private static final byte[] MAGIC = {'S', 'H', 'E', 'A', 'F', 'S', 'L', '1'};
  private static final int CHUNK_FLOATS = 1 << 16;

  private ModelSlices() {}

  /** Parameters and state of all rows, in memory. */
  public record Weights(float[] params, float[] state) {
    /** Zeros: {@code length} parameters and {@code stateArrays} state arrays of that length. */
    static Weights zeros(int length, int stateArrays) {
      return new Weights(new float[length], new float[stateArrays * length]);
    }
  }

  /**
   * Writes rows {@code [rowStart, rowStart + rowCount)} of {@code params} and of each of {@code
   * stateArrays} state arrays (parameter-count long, one after another in {@code state}). {@code
   * params}/{@code state} may also hold only these rows ({@code offset} says where row {@code
   * rowStart} begins in them).
   */
  public static void write(
      OutputStream stream,
      int rowStart,
      int rowCount,
      int columns,
      int stateArrays,
      float[] params,
      float[] state,
      int offset,
      int stride)
      throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
    out.write(MAGIC);
    out.writeInt(rowStart);
    out.writeInt(rowCount);
    out.writeInt(columns);
    out.writeInt(stateArrays);
    int length = rowCount * columns;
    writeFloats(out, params, offset, length);
    for (int j = 0; j < stateArrays; j++) {
      writeFloats(out, state, j * stride + offset, length);
    }
    out.flush();
  }

  /** Writes every row of {@code weights} into {@code file}, as one slice. */
  public static void writeAll(
      Configuration conf, Path file, SparseModel model, int stateArrays, Weights weights)
      throws IOException {
    int count = (int) model.parameterCount();
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      write(
          out,
          0,
          model.rows(),
          model.columns(),
          stateArrays,
          weights.params(),
          weights.state(),
          0,
          count);
    }
  }

  /**
   * Reads rows {@code [rowFrom, rowTo)} from the slice files in {@code dir}: parameters, and the
   * state arrays when {@code stateArrays > 0}. Fails unless the files cover each of those rows.
   */
  public static Weights read(
      Configuration conf, Path dir, SparseModel model, int rowFrom, int rowTo, int stateArrays)
      throws IOException {
    int columns = model.columns();
    int length = (rowTo - rowFrom) * columns;
    Weights weights = Weights.zeros(length, stateArrays);
    float[] params = weights.params();
    float[] state = weights.state();
    SliceBody range =
        (in, start, rows) -> {
          int from = Math.max(start, rowFrom);
          int to = Math.min(start + rows, rowTo);
          if (from >= to) {
            return 0;
          }
          for (int j = 0; j <= stateArrays; j++) {
            skipFully(in, 4L * (from - start) * columns);
            readFloats(
                in,
                j == 0 ? params : state,
                (j == 0 ? 0 : (j - 1) * length) + (from - rowFrom) * columns,
                (to - from) * columns);
            skipFully(in, 4L * (start + rows - to) * columns);
          }
          return to - from;
        };
    long covered = forEachSlice(conf, dir, model, stateArrays, range);
    if (covered != rowTo - rowFrom) {
      throw new IOException(
          dir
              + " covers "
              + covered
              + " of the rows "
              + rowFrom
              + ".."
              + rowTo
              + " (a missing or repeated slice file)");
    }
    return weights;
  }

  /**
   * Reads only {@code rows} (ascending) of every slice file in {@code dir}, parameters and {@code
   * stateArrays} state arrays, into whole-model arrays whose other rows stay zero: what a map task
   * needs when its examples touch few of the model's rows. Seeks past the rest.
   *
   * @throws IOException when a file is not a slice file or the files do not cover every row
   */
  public static Weights readRows(
      Configuration conf, Path dir, SparseModel model, int stateArrays, int[] rows)
      throws IOException {
    int columns = model.columns();
    int length = (int) model.parameterCount();
    Weights weights = Weights.zeros(length, stateArrays);
    float[] params = weights.params();
    float[] state = weights.state();
    SliceBody touched =
        (in, start, count) -> {
          int first = lowerBound(rows, start);
          int last = lowerBound(rows, start + count);
          for (int j = 0; j <= stateArrays; j++) {
            long at = 0;
            for (int i = first; i < last; i++) {
              long offset = 4L * (rows[i] - start) * columns;
              skipFully(in, offset - at);
              readFloats(
                  in,
                  j == 0 ? params : state,
                  (j == 0 ? 0 : (j - 1) * length) + rows[i] * columns,
                  columns);
              at = offset + 4L * columns;
            }
            skipFully(in, 4L * count * columns - at);
          }
          return count;
        };
    long covered = forEachSlice(conf, dir, model, stateArrays, touched);
    if (covered != model.rows()) {
      throw new IOException(
          dir
              + " covers "
              + covered
              + " of the model's "
              + model.rows()
              + " rows (a missing or repeated slice file)");
    }
    return weights;
  }

  /** What to read of one slice file, positioned after its header; returns the rows it took. */
  private interface SliceBody {
    int read(DataInputStream in, int start, int rows) throws IOException;
  }

  /**
   * Opens every slice file in {@code dir}, checks its header and reads its body; the rows taken in
   * all.
   */
  private static long forEachSlice(
      Configuration conf, Path dir, SparseModel model, int stateArrays, SliceBody body)
      throws IOException {
    long covered = 0;
    for (FileStatus file : TextFiles.matching(conf, new Path(dir, "*" + SUFFIX))) {
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(
                  file.getPath().getFileSystem(conf).open(file.getPath()), 1 << 16))) {
        int[] header = header(in, file.getPath(), model, stateArrays);
        covered += body.read(in, header[0], header[1]);
      }
    }
    return covered;
  }

  /**
   * Reads and checks a slice file's header: its first row and row count, as {@code {start, rows}}.
   *
   * @throws IOException when the file is not a slice file or not a slice of {@code model} with at
   *     least {@code stateArrays} state arrays
   */
  private static int[] header(DataInputStream in, Path file, SparseModel model, int stateArrays)
      throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(file + " is not a Sheaf parameter slice");
    }
    int start = in.readInt();
    int rows = in.readInt();
    int columns = in.readInt();
    int states = in.readInt();
    if (columns != model.columns()
        || start < 0
        || start + rows > model.rows()
        || states < stateArrays) {
      throw new IOException(
          file
              + " holds rows "
              + start
              + "+"
              + rows
              + " of "
              + columns
              + " columns and "
              + states
              + " state arrays; the model needs "
              + model.rows()
              + " rows of "
              + model.columns()
              + " and "
              + stateArrays);
    }
    return new int[] {start, rows};
  }

  private static int lowerBound(int[] sorted, int value) {
    int index = Arrays.binarySearch(sorted, value);
    return index >= 0 ? index : -index - 1;
  }

  private static void skipFully(DataInputStream in, long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new java.io.EOFException("a slice file ends early");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values, int offset, int length)
      throws IOException {
    ByteBuffer buffer =
        ByteBuffer.allocate(4 * Math.min(length, CHUNK_FLOATS)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < length; i += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, length - i);
      buffer.clear();
      buffer.asFloatBuffer().put(values, offset + i, n);
      out.write(buffer.array(), 0, 4 * n);
    }
  }

  private static void readFloats(InputStream in, float[] values, int offset, int length)
      throws IOException {
    byte[] bytes = new byte[4 * Math.min(Math.max(length, 1), CHUNK_FLOATS)];
    DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
    for (int i = 0; i < length; i += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, length - i);
      data.readFully(bytes, 0, 4 * n);
      ByteBuffer.wrap(bytes, 0, 4 * n)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(values, offset + i, n);
    }
  }
}
