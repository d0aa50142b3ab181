package dev.sheaf.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheaf.avro.Document;
import dev.sheaf.clean.CleanSettings;
import dev.sheaf.clean.FilterRule;
import dev.sheaf.clean.TextCleaner;
import dev.sheaf.common.UsageException;
import dev.sheaf.model.ShardSet;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.TrainedModel;
import dev.sheaf.vectorize.Vectorizer;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The text pipeline a model was trained through, rebuilt from its directory: clean with the
 * settings its clean run recorded ({@code model.json} → {@code clean.settings}), then its own
 * vectorizer ({@code _vectorizer/}). The same text gets the same features as in training. The clean
 * rules drop a document only when asked ({@code --filter}); otherwise the rule it fails is noted
 * and it is scored.
 */
final class ModelFeatures implements AutoCloseable {
  /** A document with no feature left after vectorizing (scored on the bias alone). */
  static final String NO_FEATURES = "NO_FEATURES";

  private final TextCleaner cleaner;
  private final Vectorizer vectorizer;
  private String failedRule;

  private ModelFeatures(TextCleaner cleaner, Vectorizer vectorizer) {
    this.cleaner = cleaner;
    this.vectorizer = vectorizer;
  }

  static ModelFeatures load(Configuration conf, Path modelDir, TrainedModel model, boolean filter)
      throws IOException {
    Path vectorizerDir = new Path(modelDir, ShardSet.VECTORIZER);
    if (!vectorizerDir.getFileSystem(conf).exists(vectorizerDir)) {
      throw new UsageException(
          "--model "
              + modelDir
              + " has no "
              + ShardSet.VECTORIZER
              + "/ (its shard set had none), so raw text cannot be turned into its features");
    }
    return new ModelFeatures(
        cleaner(modelDir, model.info().path("clean"), filter),
        Vectorizer.load(conf, vectorizerDir));
  }

  /**
   * The clean step the model's data went through, dropping what it drops when {@code filter}; null
   * when its chain had none.
   */
  static TextCleaner cleaner(Path modelDir, JsonNode clean, boolean filter) {
    if (clean.isMissingNode() || clean.isNull()) {
      return null;
    }
    JsonNode recorded = clean.path("settings");
    if (!recorded.isObject()) {
      throw new UsageException(
          "--model "
              + modelDir
              + " records a clean run without its settings (cleaned by an"
              + " older sheaf); run clean, vectorize, shard and train again to predict from raw text");
    }
    Map<String, String> entries = new TreeMap<>();
    recorded
        .fields()
        .forEachRemaining(entry -> entries.put(entry.getKey(), entry.getValue().asText()));
    return new TextCleaner(CleanSettings.fromEntries(entries), filter);
  }

  /**
   * Fills {@code into} with the features of {@code document} (label -1, weight 1; possibly none)
   * and returns null, or, with --filter, the name of the {@link FilterRule} that drops it.
   */
  String features(Document document, SparseExample into) {
    CharSequence text = document.getText();
    failedRule = null;
    if (cleaner != null) {
      FilterRule rule = cleaner.clean(document);
      if (rule != null) {
        return rule.name();
      }
      text = cleaner.text();
      failedRule = cleaner.wouldFail() == null ? null : cleaner.wouldFail().name();
    }
    int n = vectorizer.vectorize(text.toString());
    if (n == 0 && failedRule == null) {
      failedRule = NO_FEATURES;
    }
    into.set(-1, 1f, vectorizer.indices(), vectorizer.values(), n);
    return null;
  }

  /** The rule the last scored document fails (not applied), {@link #NO_FEATURES}, or null. */
  String failedRule() {
    return failedRule;
  }

  @Override
  public void close() {
    vectorizer.close();
  }
}
