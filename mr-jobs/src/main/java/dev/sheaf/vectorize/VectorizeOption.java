package dev.sheaf.vectorize;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;
import dev.sheaf.shard.SplitRule;

/** The settings of {@code sheaf vectorize}: one constant per option. */
enum VectorizeOption implements StageOption {
  FEATURES(
      OptionSpec.valued("features", "KIND", "hashing or vocab")
          .withDefault(VectorizerSpec.HASHING)),
  DIM(
      OptionSpec.valued("dim", "N", "hashing: the dimension, e.g. 1048576 or 2^20")
          .withDefault("2^" + Integer.numberOfTrailingZeros(VectorizeOptions.DEFAULT_DIM))),
  MAX_VOCAB(
      OptionSpec.valued("max-vocab", "N", "vocab: keep the N most frequent terms (ties by term)")
          .withDefault(VectorizeOptions.DEFAULT_MAX_VOCAB)),
  MIN_DF(
      OptionSpec.valued("min-df", "N", "vocab: drop terms in fewer than N documents")
          .withDefault(VectorizeOptions.DEFAULT_MIN_DF)),
  MAX_DF(
      OptionSpec.valued("max-df", "F", "vocab: drop terms in more than this fraction of documents")
          .withDefault(VectorizeOptions.DEFAULT_MAX_DF)),
  NGRAMS(
      OptionSpec.valued("ngrams", "MIN-MAX", "word n-grams, e.g. 1 or 1-2")
          .withDefault(VectorizeOptions.DEFAULT_NGRAMS)),
  STOPWORDS(
      OptionSpec.valued(
              "stopwords",
              "LIST",
              "en (Lucene's English list), none, or a FILE of words, one a line")
          .withDefault(VectorizeOptions.DEFAULT_STOPWORDS)),
  STEM(
      OptionSpec.valued("stem", "STEMMER", "porter or none")
          .withDefault(VectorizeOptions.DEFAULT_STEM)),
  TF(OptionSpec.valued("tf", "TF", "raw, log or binary").withDefault(VectorizeOptions.DEFAULT_TF)),
  IDF(OptionSpec.valued("idf", "IDF", "smooth or none").withDefault(VectorizeOptions.DEFAULT_IDF)),
  NORM(OptionSpec.valued("norm", "NORM", "l2 or none").withDefault(VectorizeOptions.DEFAULT_NORM)),
  FIT_ON(
      OptionSpec.valued(
              "fit-on",
              "SPLIT",
              "fit the vocabulary, document frequencies and idf on train (the documents sheaf"
                  + " shard will put in the train split, by --split and --seed) or all documents")
          .withDefault(VectorizeOptions.DEFAULT_FIT_ON)),
  SPLIT(
      OptionSpec.valued(
              "split",
              "T/V/T",
              "with --fit-on train: the split shard will use (shard refuses another)")
          .withDefault(SplitRule.DEFAULT_SPLIT)),
  SEED(
      OptionSpec.valued("seed", "S", "with --fit-on train: shard's split seed")
          .withDefault(SplitRule.DEFAULT_SEED)),
  LABELS(
      OptionSpec.valued(
          "labels",
          "FILE",
          "the label names, one a line, in index order (default: the sorted labels of the input)"));

  private final OptionSpec spec;

  VectorizeOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
