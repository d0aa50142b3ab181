package dev.sheaf.dedupe;

import java.nio.ByteBuffer;
import java.util.stream.LongStream;

/** Sketches with known overlaps, for the verification and filter tests. */
final class SketchFixtures {
  private SketchFixtures() {}

  /** The sketch of the set {from, ..., to - 1}. */
  static ByteBuffer range(long from, long to) {
    long[] values = LongStream.range(from, to).toArray();
    return ShingleSketch.toBytes(values, values.length, null);
  }

  /** The set {0..size-1} with its last {@code replaced} values swapped for others. */
  static ByteBuffer overlapping(int size, int replaced) {
    long[] values =
        LongStream.range(0, size).map(v -> v < size - replaced ? v : 1_000_000 + v).toArray();
    return ShingleSketch.toBytes(values, values.length, null);
  }
}
