package dev.sheaf.common;

/** Bit mixing shared by the stages' hash tables and sketches. */
public final class Hashes {
  private Hashes() {}

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
