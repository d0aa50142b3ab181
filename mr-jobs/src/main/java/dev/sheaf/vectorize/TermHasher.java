package dev.sheaf.vectorize;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * {@link Vectorizer#termHash} without allocating per term: ASCII terms (nearly all of them) are
 * copied into a reused buffer; others are encoded as usual. One instance per thread.
 */
final class TermHasher {
  private final int seed;
  private byte[] buffer = new byte[64];

  TermHasher(int seed) {
    this.seed = seed;
  }

  int hash(String term) {
    int length = term.length();
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      char c = term.charAt(i);
      if (c >= 0x80) {
        byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, seed);
      }
      buffer[i] = (byte) c;
    }
    return MurmurHash3.hash32x86(buffer, 0, length, seed);
  }
}
