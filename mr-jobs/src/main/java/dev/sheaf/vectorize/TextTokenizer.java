package dev.sheaf.vectorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text to feature terms, the one tokeniser of training and serving: Lucene's StandardTokenizer
 * (Unicode word breaks: URLs split at punctuation, CJK one ideograph a token), lower case, an
 * optional stop-word list and Porter stemmer, then word n-grams from {@code minN} to {@code maxN}
 * joined by a space (stop words are removed before n-grams are formed, as scikit-learn does). One
 * instance per thread: it reuses Lucene's token stream and its lists.
 */
public final class TextTokenizer implements AutoCloseable {
  /** Lucene's limit is 255; longer tokens (base64 runs, URLs without breaks) are split there. */
  static final int MAX_TOKEN_LENGTH = 255;

  private final Analyzer analyzer;
  private final int minN;
  private final int maxN;
  private final List<String> words = new ArrayList<>();
  private final List<String> terms = new ArrayList<>();
  private final StringBuilder gram = new StringBuilder();

  /** {@code stopWords} may be null (none). */
  public TextTokenizer(CharArraySet stopWords, boolean porterStem, int minN, int maxN) {
    if (minN < 1 || maxN < minN) {
      throw new IllegalArgumentException("n-grams " + minN + "-" + maxN);
    }
    this.minN = minN;
    this.maxN = maxN;
    this.analyzer =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            source.setMaxTokenLength(MAX_TOKEN_LENGTH);
            TokenStream stream = new LowerCaseFilter(source);
            if (stopWords != null) {
              stream = new StopFilter(stream, stopWords);
            }
            if (porterStem) {
              stream = new PorterStemFilter(stream);
            }
            return new TokenStreamComponents(source, stream);
          }
        };
  }

  /**
   * The feature terms of {@code text}, in order, with repeats; the list is reused by the next call.
   */
  public List<String> terms(String text) {
    words.clear();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        words.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    terms.clear();
    for (int n = minN; n <= maxN; n++) {
      for (int i = 0; i + n <= words.size(); i++) {
        if (n == 1) {
          terms.add(words.get(i));
          continue;
        }
        gram.setLength(0);
        for (int k = 0; k < n; k++) {
          if (k > 0) {
            gram.append(' ');
          }
          gram.append(words.get(i + k));
        }
        terms.add(gram.toString());
      }
    }
    return terms;
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
