package dev.sheaf.dedupe;

import java.nio.ByteBuffer;

/**
 * Bottom-k sketches of shingle sets: the k smallest distinct 64-bit shingle hashes, ascending. The
 * Jaccard similarity of two sets is estimated from the k smallest values of the union of their
 * sketches (the bottom-k of the union of the sets): the fraction of those in both. When both sets
 * have at most k shingles the sketches are the sets and the similarity is exact; otherwise its
 * standard error is about {@code sqrt(J(1-J)/k)}.
 */
public final class ShingleSketch {
  /**
   * The sketch size behind the similarity {@code _duplicates/} reports. The k smallest values of a
   * bottom-K sketch (k < K) are its bottom-k sketch, so the labels carry only this prefix of each
   * representative's sketch, and the last job computes a near duplicate's bottom-k from its text:
   * verification uses the whole sketch; the last job does not move every document's again.
   */
  static final int REPORTED_SIZE = 256;

  private ShingleSketch() {}

  /** The Jaccard similarity of the sets behind two sketches, exact when both are whole sets. */
  public static float similarity(long[] a, int aLength, long[] b, int bLength, int k) {
    int i = 0;
    int j = 0;
    int union = 0;
    int both = 0;
    while (union < k && (i < aLength || j < bLength)) {
      if (j >= bLength || (i < aLength && a[i] < b[j])) {
        i++;
      } else if (i >= aLength || b[j] < a[i]) {
        j++;
      } else {
        both++;
        i++;
        j++;
      }
      union++;
    }
    return union == 0 ? 1f : both / (float) union;
  }

  /** Writes {@code sketch[0, length)} as big-endian bytes, reusing {@code reuse} when it fits. */
  static ByteBuffer toBytes(long[] sketch, int length, ByteBuffer reuse) {
    ByteBuffer bytes =
        reuse != null && reuse.capacity() >= length * 8 ? reuse : ByteBuffer.allocate(length * 8);
    bytes.clear();
    bytes.asLongBuffer().put(sketch, 0, length);
    bytes.limit(length * 8);
    return bytes;
  }

  /** Reads a sketch into {@code into} (grown when short); returns its length. */
  static int fromBytes(ByteBuffer bytes, long[][] into) {
    int length = bytes.remaining() / 8;
    if (into[0] == null || into[0].length < length) {
      into[0] = new long[Math.max(length, 16)];
    }
    bytes.duplicate().asLongBuffer().get(into[0], 0, length);
    return length;
  }
}
