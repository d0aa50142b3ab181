package dev.sheaf.vectorize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How text becomes a sparse vector: the tokeniser's settings, the feature space and the weighting,
 * and the number of documents the idf was counted over. Stored as {@code vectorizer.json} in {@code
 * _vectorizer/}; with the vocabulary, idf and label files next to it, everything {@code predict}
 * needs to vectorise new text exactly as training did.
 */
public record VectorizerSpec(
    String features,
    int dim,
    int ngramMin,
    int ngramMax,
    String stopwords,
    String stem,
    String tf,
    String idf,
    String norm,
    int hashSeed,
    long documents) {
  public static final String HASHING = "hashing";
  public static final String VOCAB = "vocab";
  public static final String FILE_NAME = "vectorizer.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  boolean hashing() {
    return features.equals(HASHING);
  }

  boolean usesIdf() {
    return idf.equals("smooth");
  }

  VectorizerSpec withDocuments(long count, int dimension) {
    return new VectorizerSpec(
        features, dimension, ngramMin, ngramMax, stopwords, stem, tf, idf, norm, hashSeed, count);
  }

  void write(Configuration conf, Path directory) throws IOException {
    Path file = new Path(directory, FILE_NAME);
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      JSON.writeValue(out, this);
    }
  }

  static VectorizerSpec read(Configuration conf, Path directory) throws IOException {
    Path file = new Path(directory, FILE_NAME);
    FileSystem fs = file.getFileSystem(conf);
    try (InputStream in = fs.open(file)) {
      return JSON.readValue(in, VectorizerSpec.class);
    }
  }
}
