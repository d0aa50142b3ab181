package dev.sheaf.vectorize;

import dev.sheaf.common.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * A loaded {@code _vectorizer/}: turns text into a sorted sparse vector (term frequencies by {@code
 * tf}, times idf, L2-normalised) and label names into indices. Vectorize's tasks and {@code
 * predict} use this one class, so training and serving see identical features.
 *
 * <ul>
 *   <li>{@code hashing}: MurmurHash3 (32-bit, x86) of the term's UTF-8 bytes; index = |h| mod dim,
 *       sign = sign of h, so collisions cancel in expectation (Weinberger et al. 2009, as
 *       scikit-learn's HashingVectorizer with alternate_sign);
 *   <li>{@code vocab}: the index of the term in {@code vocabulary.tsv}; other terms are dropped.
 * </ul>
 *
 * Smooth idf is scikit-learn's: ln((1 + n) / (1 + df)) + 1.
 */
public final class Vectorizer implements AutoCloseable {
  public static final String DIRECTORY = "_vectorizer";
  static final String VOCABULARY = "vocabulary.tsv";
  static final String DOCUMENT_FREQUENCIES = "df.tsv";
  static final String LABELS = "labels.txt";
  static final String STOPWORDS = "stopwords.txt";

  /** What {@link #labelIndex} returns for a label not in the dictionary. */
  public static final int UNKNOWN_LABEL = -2;

  private final VectorizerSpec spec;
  private final TextTokenizer tokenizer;
  private final Map<String, Integer> vocabulary;
  private final float[] idf;
  private final Map<String, Integer> labels = new HashMap<>();
  private final SparseAccumulator accumulator = new SparseAccumulator();
  private final TermHasher hasher;

  Vectorizer(
      VectorizerSpec spec,
      List<String> stopwords,
      Map<String, Integer> vocabulary,
      float[] idf,
      List<String> labelNames) {
    this.spec = spec;
    this.tokenizer = tokenizer(spec, stopwords);
    this.hasher = new TermHasher(spec.hashSeed());
    this.vocabulary = vocabulary;
    this.idf = idf;
    for (int i = 0; i < labelNames.size(); i++) {
      labels.put(labelNames.get(i), i);
    }
  }

  static TextTokenizer tokenizer(VectorizerSpec spec, List<String> stopwords) {
    CharArraySet stop = stopwords == null ? null : new CharArraySet(stopwords, false);
    return new TextTokenizer(stop, spec.stem().equals("porter"), spec.ngramMin(), spec.ngramMax());
  }

  /** The built-in English stop words (Lucene's), sorted. */
  static List<String> englishStopwords() {
    List<String> words = new ArrayList<>();
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      words.add(new String((char[]) word));
    }
    words.sort(null);
    return words;
  }

  /**
   * MurmurHash3 (x86, 32-bit) of the term's UTF-8 bytes: the definition {@link TermHasher} computes
   * faster.
   */
  static int termHash(String term, int seed) {
    byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash32x86(bytes, 0, bytes.length, seed);
  }

  /** |hash| mod dim. */
  static int hashedIndex(int hash, int dim) {
    return (int) (Math.abs((long) hash) % dim);
  }

  /**
   * Vectorises {@code text}; returns the number of non-zero features, then in {@link
   * #indices()}/{@link #values()}.
   */
  public int vectorize(String text) {
    accumulator.clear();
    for (String term : tokenizer.terms(text)) {
      if (spec.hashing()) {
        int h = hasher.hash(term);
        accumulator.add(hashedIndex(h, spec.dim()), h >= 0 ? 1f : -1f);
      } else {
        Integer index = vocabulary.get(term);
        if (index != null) {
          accumulator.add(index, 1f);
        }
      }
    }
    int n = accumulator.sort();
    int[] indices = accumulator.indices();
    float[] values = accumulator.values();
    double squares = 0;
    for (int i = 0; i < n; i++) {
      float v = values[i];
      float tf =
          switch (spec.tf()) {
            case "log" -> Math.signum(v) * (1f + (float) Math.log(Math.abs(v)));
            case "binary" -> Math.signum(v);
            default -> v;
          };
      if (idf != null) {
        tf *= idf[indices[i]];
      }
      values[i] = tf;
      squares += (double) tf * tf;
    }
    if (spec.norm().equals("l2") && squares > 0) {
      float scale = (float) (1 / Math.sqrt(squares));
      for (int i = 0; i < n; i++) {
        values[i] *= scale;
      }
    }
    return n;
  }

  /**
   * After {@link #vectorize}: the feature indices, ascending (the array is longer; read the first
   * n).
   */
  public int[] indices() {
    return accumulator.indices();
  }

  /** After {@link #vectorize}: the values aligned with {@link #indices()}. */
  public float[] values() {
    return accumulator.values();
  }

  /**
   * The index of a label name, -1 for null (unlabeled), {@link #UNKNOWN_LABEL} when not in the
   * dictionary.
   */
  public int labelIndex(String label) {
    if (label == null) {
      return -1;
    }
    Integer index = labels.get(label);
    return index == null ? UNKNOWN_LABEL : index;
  }

  /** Smooth idf from a document frequency, over {@code documents} documents. */
  static float smoothIdf(long documents, long df) {
    return (float) (Math.log((1.0 + documents) / (1.0 + df)) + 1.0);
  }

  // --- the artifacts on a file system

  /** Loads {@code directory} (a {@code _vectorizer/}). */
  public static Vectorizer load(Configuration conf, Path directory) throws IOException {
    VectorizerSpec spec = VectorizerSpec.read(conf, directory);
    FileSystem fs = directory.getFileSystem(conf);
    List<String> stopwords =
        fs.exists(new Path(directory, STOPWORDS))
            ? TextFiles.readLines(conf, new Path(directory, STOPWORDS))
            : null;
    List<String> labelNames = TextFiles.readLines(conf, new Path(directory, LABELS));
    Map<String, Integer> vocabulary = null;
    float[] idf = null;
    if (spec.hashing()) {
      if (spec.usesIdf()) {
        idf = new float[spec.dim()];
        Arrays.fill(idf, smoothIdf(spec.documents(), 0));
        for (String line : TextFiles.readLines(conf, new Path(directory, DOCUMENT_FREQUENCIES))) {
          int tab = line.indexOf('\t');
          idf[Integer.parseInt(line.substring(0, tab))] =
              smoothIdf(spec.documents(), Long.parseLong(line.substring(tab + 1)));
        }
      }
    } else {
      List<String> lines = TextFiles.readLines(conf, new Path(directory, VOCABULARY));
      vocabulary = new HashMap<>(lines.size() * 2);
      idf = spec.usesIdf() ? new float[lines.size()] : null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int tab = line.lastIndexOf('\t');
        vocabulary.put(line.substring(0, tab), i);
        if (idf != null) {
          idf[i] = smoothIdf(spec.documents(), Long.parseLong(line.substring(tab + 1)));
        }
      }
    }
    return new Vectorizer(spec, stopwords, vocabulary, idf, labelNames);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
