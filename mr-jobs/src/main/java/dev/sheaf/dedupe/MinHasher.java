package dev.sheaf.dedupe;

import dev.sheaf.common.Hashes;
import dev.sheaf.common.Scripts;
import java.util.Arrays;

/**
 * MinHash signatures of k-shingles of a {@link TextNormalizer} form's tokens, hashed to 64 bits. A
 * text's tokens are its space-separated words, or, when most of its letters are of a script written
 * without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan), its
 * characters (code points, spaces skipped): a Chinese paragraph is otherwise one "word", and one
 * changed character makes it a different text. A shingle is k consecutive tokens (a text of fewer
 * than k is one shingle), so a changed token changes at most k shingles in either form and the
 * threshold means the same edit rate per token (NeMo Curator shingles characters for every text;
 * datatrove and text-dedup words).
 *
 * <p>The signature is a one-permutation hash (Li, Owen and Zhang, "One Permutation Hashing", NIPS
 * 2012) with optimal densification (Shrivastava, "Optimal Densification for Fast and Accurate
 * Minwise Hashing", ICML 2017): the top 32 bits of a shingle's 64-bit hash pick one of {@code
 * numPerm} bins (multiply-shift range reduction), the low 32 bits are its value, and a bin keeps
 * the unsigned minimum. A bin no shingle reached copies the value of the first non-empty bin in a
 * sequence of bins that depends only on the bin's index and the attempt (a fixed hash), so two
 * texts densify alike and, as with {@code numPerm} independent permutations, two signatures agree
 * in a position with probability equal to the Jaccard similarity of the shingle sets. One hash per
 * shingle instead of one per shingle and permutation: the same estimator for a fraction of the
 * work. A shingle's hash is a rolling polynomial hash of its tokens' 64-bit hashes (Karp and Rabin
 * 1987; mod 2^64, base odd) finished with MurmurHash3's fmix64, one multiply-add and one mix per
 * shingle whatever k. The bin sequence comes from a fixed seed, so signatures are the same on every
 * task. No allocation per shingle; one instance per task.
 */
public final class MinHasher {
  /** The seed of the densification's bin sequences: part of the format of signatures. */
  static final long SEED = 0x5EAF_D0C5L;

  /**
   * FNV-1a's 64-bit offset basis and prime (words' hashes; the prime is also a shingle's polynomial
   * base).
   */
  private static final long FNV_OFFSET = Hashes.FNV_OFFSET;

  private static final long FNV_PRIME = Hashes.FNV_PRIME;

  private final int numPerm;
  private final int shingleSize;

  /** Whether the last text's shingles reached bin i. */
  private final boolean[] filled;

  private final BottomK bottomK = new BottomK();
  private long[] wordHashes = new long[1024];
  private long[] shingleHashes = new long[1024];
  private int shingleCount;
  private boolean characters;

  /** Whether the last text {@link #hashWords} read had a char beyond ASCII. */
  private boolean nonAscii;

  public MinHasher(int numPerm, int shingleSize) {
    if (numPerm < 1 || shingleSize < 1) {
      throw new IllegalArgumentException("numPerm and shingleSize must be positive");
    }
    this.numPerm = numPerm;
    this.shingleSize = shingleSize;
    filled = new boolean[numPerm];
  }

  public int numPerm() {
    return numPerm;
  }

  /**
   * Writes the signature of {@code normalized} into {@code signature} (length numPerm). Returns the
   * number of shingles, 0 for an empty text (signature then all 0xFFFFFFFF).
   */
  public int signature(CharSequence normalized, int[] signature) {
    shingleCount = 0;
    int words = hashWords(normalized);
    // only a text with a character beyond ASCII can be in a script written without spaces
    characters = nonAscii && Scripts.writtenWithoutSpaces(normalized);
    if (characters) {
      words = hashCharacters(normalized);
    }
    if (words == 0) {
      Arrays.fill(signature, -1);
      return 0;
    }
    Arrays.fill(signature, Integer.MAX_VALUE);
    Arrays.fill(filled, false);
    int width = Math.min(shingleSize, words);
    int shingles = words - width + 1;
    if (shingleHashes.length < shingles) {
      shingleHashes = new long[Math.max(shingles, shingleHashes.length * 2)];
    }
    shingleCount = shingles;
    // a shingle's hash: the polynomial sum of its word hashes (base FNV_PRIME, mod 2^64), rolled
    // from one shingle to the next, then mixed once: one mix per shingle, not one per word of it
    long top = 1;
    long rolling = 0;
    for (int w = 0; w < width; w++) {
      top = w == 0 ? 1 : top * FNV_PRIME;
      rolling = rolling * FNV_PRIME + wordHashes[w];
    }
    for (int start = 0; start < shingles; start++) {
      if (start > 0) {
        rolling =
            (rolling - wordHashes[start - 1] * top) * FNV_PRIME + wordHashes[start + width - 1];
      }
      long shingle = Hashes.fmix64(rolling ^ 0x9E3779B97F4A7C15L);
      shingleHashes[start] = shingle;
      int bin = bin(shingle >>> 32);
      // signed minimum of sign-flipped values = unsigned minimum
      signature[bin] = Math.min(signature[bin], (int) shingle ^ Integer.MIN_VALUE);
      filled[bin] = true;
    }
    for (int p = 0; p < numPerm; p++) {
      signature[p] ^= Integer.MIN_VALUE;
    }
    densify(signature);
    return shingles;
  }

  /** Bin {@code [0, numPerm)} of a 32-bit value: multiply-shift range reduction (Lemire 2019). */
  private int bin(long unsigned32) {
    return (int) ((unsigned32 * numPerm) >>> 32);
  }

  /**
   * Optimal densification: each empty bin copies the first non-empty bin of its own sequence (bin,
   * attempt) -> fmix64(seed, bin, attempt); at least one bin is non-empty.
   */
  private void densify(int[] signature) {
    for (int p = 0; p < numPerm; p++) {
      if (filled[p]) {
        continue;
      }
      for (long attempt = 0; ; attempt++) {
        int donor = bin(Hashes.fmix64(SEED ^ ((long) p << 32 | attempt)) >>> 32);
        if (filled[donor]) {
          signature[p] = signature[donor];
          break;
        }
      }
    }
  }

  /**
   * The bottom-k sketch of the last text's shingles (see {@link ShingleSketch}): the at most {@code
   * k} smallest distinct top halves of its shingle hashes, ascending, into {@code into}; returns
   * how many.
   */
  public int sketch(int k, long[] into) {
    return bottomK.select(shingleHashes, shingleCount, k, into);
  }

  /** Whether the last text's tokens were characters (a script without spaces), not words. */
  public boolean characterShingles() {
    return characters;
  }

  /**
   * Hashes each code point but spaces into wordHashes, as {@link #hashWords} hashes a word of that
   * one character (a BMP one); returns the count.
   */
  private int hashCharacters(CharSequence text) {
    int count = 0;
    for (int i = 0, n = text.length(); i < n; ) {
      int codePoint = Character.codePointAt(text, i);
      i += Character.charCount(codePoint);
      if (codePoint == ' ') {
        continue;
      }
      if (count == wordHashes.length) {
        wordHashes = Arrays.copyOf(wordHashes, count * 2);
      }
      wordHashes[count++] = Hashes.fmix64((FNV_OFFSET ^ codePoint) * FNV_PRIME);
    }
    return count;
  }

  /**
   * Hashes each word (FNV-1a over its chars, then mixed) into wordHashes; returns the count. Sets
   * {@link #nonAscii} when a char is beyond ASCII.
   */
  private int hashWords(CharSequence text) {
    int count = 0;
    long hash = FNV_OFFSET;
    boolean inWord = false;
    char any = 0;
    for (int i = 0, n = text.length(); i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (c == ' ') {
        if (inWord) {
          if (count == wordHashes.length) {
            wordHashes = Arrays.copyOf(wordHashes, count * 2);
          }
          wordHashes[count++] = Hashes.fmix64(hash);
          hash = FNV_OFFSET;
          inWord = false;
        }
      } else {
        hash = (hash ^ c) * FNV_PRIME;
        any |= c;
        inWord = true;
      }
    }
    nonAscii = any >= 0x80;
    return count;
  }
}
