package dev.sheaf.common;

/** Bit mixing and string hashing shared by the stages' hash tables and sketches. */
public final class Hashes {
  /** FNV-1a's 64-bit offset basis and prime (Fowler, Noll, Vo; the IETF draft's parameters). */
  public static final long FNV_OFFSET = 0xcbf29ce484222325L;

  public static final long FNV_PRIME = 0x100000001b3L;

  private Hashes() {}

  /** FNV-1a over the chars {@code text[from, to)}, one UTF-16 unit at a time, with no copy. */
  public static long fnv1a64(CharSequence text, int from, int to) {
    long hash = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return hash;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  public static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
