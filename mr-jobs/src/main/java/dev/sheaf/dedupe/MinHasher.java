package dev.sheaf.dedupe;

import dev.sheaf.common.Hashes;
import dev.sheaf.common.Scripts;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures of k-shingles of a {@link TextNormalizer} form's tokens, hashed to 64 bits.
 * A text's tokens are its space-separated words, or, when most of its letters are of a script
 * written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar,
 * Tibetan), its characters (code points, spaces skipped): a Chinese paragraph is otherwise one
 * "word", and one changed character makes it a different text. A shingle is k consecutive tokens
 * (a text of fewer than k is one shingle), so a changed token changes at most k shingles in either
 * form and the threshold means the same edit rate per token (NeMo Curator shingles characters for
 * every text; datatrove and text-dedup words). Permutation i maps a shingle hash x to the top 32 bits of
 * {@code a_i * x + b_i} (multiply-add-shift universal hashing, a_i odd); the signature keeps the
 * unsigned minimum per permutation. The coefficients come from a fixed seed, so signatures are
 * the same on every task. No allocation per shingle; one instance per task.
 */
public final class MinHasher {
  /** The seed of the permutation coefficients: part of the format of signatures, never changed. */
  static final long SEED = 0x5EAF_D0C5L;
  /** FNV-1a's 64-bit offset basis and prime (words' hashes; the prime also chains a shingle's words). */
  private static final long FNV_OFFSET = Hashes.FNV_OFFSET;
  private static final long FNV_PRIME = Hashes.FNV_PRIME;

  private final int numPerm;
  private final int shingleSize;
  private final long[] multipliers;
  private final long[] increments;
  private long[] wordHashes = new long[1024];
  private long[] shingleHashes = new long[1024];
  private int shingleCount;
  private boolean characters;

  public MinHasher(int numPerm, int shingleSize) {
    if (numPerm < 1 || shingleSize < 1) {
      throw new IllegalArgumentException("numPerm and shingleSize must be positive");
    }
    this.numPerm = numPerm;
    this.shingleSize = shingleSize;
    SplittableRandom random = new SplittableRandom(SEED);
    multipliers = new long[numPerm];
    increments = new long[numPerm];
    for (int i = 0; i < numPerm; i++) {
      multipliers[i] = random.nextLong() | 1L;
      increments[i] = random.nextLong();
    }
  }

  public int numPerm() {
    return numPerm;
  }

  /**
   * Writes the signature of {@code normalized} into {@code signature} (length numPerm).
   * Returns the number of shingles, 0 for an empty text (signature then all 0xFFFFFFFF).
   */
  public int signature(CharSequence normalized, int[] signature) {
    shingleCount = 0;
    characters = Scripts.writtenWithoutSpaces(normalized);
    int words = characters ? hashCharacters(normalized) : hashWords(normalized);
    if (words == 0) {
      Arrays.fill(signature, -1);
      return 0;
    }
    Arrays.fill(signature, Integer.MAX_VALUE);
    int width = Math.min(shingleSize, words);
    int shingles = words - width + 1;
    if (shingleHashes.length < shingles) {
      shingleHashes = new long[Math.max(shingles, shingleHashes.length * 2)];
    }
    shingleCount = shingles;
    for (int start = 0; start < shingles; start++) {
      long shingle = 0x9E3779B97F4A7C15L;
      for (int w = start; w < start + width; w++) {
        shingle = Hashes.fmix64(shingle * FNV_PRIME + wordHashes[w]);
      }
      shingleHashes[start] = shingle;
      // signed minimum of sign-flipped values = unsigned minimum; Math.min lets the JIT vectorise
      for (int p = 0; p < numPerm; p++) {
        int value = (int) ((multipliers[p] * shingle + increments[p]) >>> 32);
        signature[p] = Math.min(signature[p], value ^ Integer.MIN_VALUE);
      }
    }
    for (int p = 0; p < numPerm; p++) {
      signature[p] ^= Integer.MIN_VALUE;
    }
    return shingles;
  }

  /**
   * The bottom-k sketch of the last text's shingles (see {@link ShingleSketch}): its at most
   * {@code k} smallest distinct shingle hashes, ascending, into {@code into}; returns how many.
   */
  public int sketch(int k, long[] into) {
    Arrays.sort(shingleHashes, 0, shingleCount);
    int length = 0;
    for (int i = 0; i < shingleCount && length < k; i++) {
      if (length == 0 || shingleHashes[i] != into[length - 1]) {
        into[length++] = shingleHashes[i];
      }
    }
    return length;
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

  /** Hashes each word (FNV-1a over its chars, then mixed) into wordHashes; returns the count. */
  private int hashWords(CharSequence text) {
    int count = 0;
    long hash = FNV_OFFSET;
    boolean inWord = false;
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
        inWord = true;
      }
    }
    return count;
  }

}
