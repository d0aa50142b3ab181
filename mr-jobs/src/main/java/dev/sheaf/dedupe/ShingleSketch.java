package dev.sheaf.dedupe;

import java.nio.ByteBuffer;

/**
 * Bottom-k sketches of shingle sets: the k smallest distinct 32-bit shingle hashes (the top halves
 * of their 64-bit hashes, held in longs, 4 bytes each on disk), ascending. 32 bits suffice: two of
 * a text's n shingles share a value with probability about n^2 / 2^33 (one in 8,600 texts of 1,000
 * shingles), and the sketch crosses the shuffle once per document, half the bytes of 64. The
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

  /**
   * The Jaccard similarity of the sets behind two sketches: exact when both are whole sets (up to
   * 32-bit collisions, see above), else the bottom-k estimate.
   */
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

  /**
   * Writes {@code sketch[0, length)} (32-bit values) as big-endian 4-byte ints, reusing {@code
   * reuse} when it fits.
   */
  static ByteBuffer toBytes(long[] sketch, int length, ByteBuffer reuse) {
    int size = length * Integer.BYTES;
    ByteBuffer bytes =
        reuse != null && reuse.capacity() >= size ? reuse : ByteBuffer.allocate(size);
    bytes.clear();
    for (int i = 0; i < length; i++) {
      bytes.putInt(Math.toIntExact(sketch[i]));
    }
    bytes.flip();
    return bytes;
  }

  /** Reads a sketch into {@code into} (grown when short); returns its length. */
  static int fromBytes(ByteBuffer bytes, long[][] into) {
    int length = bytes.remaining() / Integer.BYTES;
    if (into[0] == null || into[0].length < length) {
      into[0] = new long[Math.max(length, 16)];
    }
    for (int i = 0, at = bytes.position(); i < length; i++, at += Integer.BYTES) {
      into[0][i] = bytes.getInt(at);
    }
    return length;
  }
}
