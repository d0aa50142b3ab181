package dev.sheaf.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.LabelProbability;
import dev.sheaf.avro.Prediction;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.StageCounters;
import dev.sheaf.model.SparseExample;
import dev.sheaf.model.SparseModel;
import dev.sheaf.model.TrainedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The map-only predict task: each raw document through the model's own clean and vectorize steps
 * ({@link ModelFeatures}), then the model; a {@code Prediction} out (and a JSON line with {@code
 * --jsonl}) saying which clean rule the document fails, if any. With {@code --filter} a document a
 * rule drops is written to {@code _dropped/} as a JSON line {@code {"id", "reason"}} instead, so
 * every id in is accounted for.
 */
public class PredictMapper extends DocumentMapper<AvroKey<Prediction>, NullWritable> {
  static final String DROPPED_GROUP = "sheaf predict dropped";
  static final String DROPPED_DIRECTORY = "_dropped";

  /**
   * Scored documents by the clean rule they fail (not applied without --filter), or NO_FEATURES.
   */
  static final String FAILED_RULE_GROUP = "sheaf predict scored but failing";

  private PredictOptions.Settings settings;
  private SparseModel model;
  private SparseModel.Scorer scorer;
  private List<String> labels;
  private ModelFeatures features;
  private final SparseExample example = new SparseExample();
  private double[] z;
  private double[] p;
  private Integer[] order;
  private final Prediction prediction = new Prediction();
  private final AvroKey<Prediction> out = new AvroKey<>(prediction);
  private final List<LabelProbability> probabilities = new ArrayList<>();
  private static final JsonFactory JSON = new JsonFactory();
  private JsonGenerator jsonl;
  private JsonGenerator dropped;
  private long predicted;
  private long belowThreshold;
  private final Map<String, Long> drops = new TreeMap<>();
  private final Map<String, Long> failedRules = new TreeMap<>();

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    Configuration conf = context.getConfiguration();
    settings = PredictOptions.Settings.from(conf);
    Path modelDir = new Path(settings.model());
    TrainedModel trained = TrainedModel.load(conf, modelDir);
    model = trained.model();
    scorer = model.scorer(trained.params());
    labels = trained.labels();
    features = ModelFeatures.load(conf, modelDir, trained, settings.filter());
    z = new double[model.outputs()];
    p = new double[labels.size()];
    order = new Integer[labels.size()];
    if (settings.jsonl()) {
      jsonl = writer(context, "part", ".jsonl");
    }
  }

  /** JSON lines into a task work file (committed with the task's output). */
  private static JsonGenerator writer(Context context, String name, String extension)
      throws IOException, InterruptedException {
    Path file = FileOutputFormat.getPathForWorkFile(context, name, extension);
    OutputStream stream = file.getFileSystem(context.getConfiguration()).create(file, false);
    return JSON.createGenerator(stream).setRootValueSeparator(null);
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    String reason = features.features(document, example);
    if (reason != null) {
      drops.merge(reason, 1L, Long::sum);
      if (dropped == null) {
        dropped = writer(context, DROPPED_DIRECTORY + "/part", ".jsonl");
      }
      dropped.writeStartObject();
      dropped.writeStringField("id", document.getId().toString());
      dropped.writeStringField("reason", reason);
      dropped.writeEndObject();
      dropped.writeRaw('\n');
      return;
    }
    scorer.scores(example, z);
    model.probabilities(z, p);
    int label = settings.threshold() == null ? model.predict(z) : thresholded();
    int top = label >= 0 ? label : argmax();
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    // most probable first; equal probabilities in label order
    java.util.Arrays.sort(
        order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    probabilities.clear();
    int k = Math.min(settings.topK(), order.length);
    for (int i = 0; i < k; i++) {
      probabilities.add(new LabelProbability(labels.get(order[i]), (float) p[order[i]]));
    }
    prediction.setId(document.getId());
    prediction.setLabel(label >= 0 ? labels.get(label) : null);
    prediction.setScore((float) p[top]);
    prediction.setProbabilities(probabilities);
    prediction.setInputLabel(document.getLabel());
    prediction.setFailedRule(features.failedRule());
    context.write(out, NullWritable.get());
    predicted++;
    if (features.failedRule() != null) {
      failedRules.merge(features.failedRule(), 1L, Long::sum);
    }
    if (label < 0) {
      belowThreshold++;
    }
    if (jsonl != null) {
      writeJson();
    }
  }

  /**
   * {@code {"id", "label", "score", "probabilities": {label: p, ...}, "inputLabel"}}, probabilities
   * most probable first.
   */
  private void writeJson() throws IOException {
    jsonl.writeStartObject();
    jsonl.writeStringField("id", prediction.getId().toString());
    jsonl.writeStringField(
        "label", prediction.getLabel() == null ? null : prediction.getLabel().toString());
    jsonl.writeNumberField("score", prediction.getScore());
    jsonl.writeObjectFieldStart("probabilities");
    for (LabelProbability probability : probabilities) {
      jsonl.writeNumberField(probability.getLabel().toString(), probability.getProbability());
    }
    jsonl.writeEndObject();
    if (prediction.getInputLabel() != null) {
      jsonl.writeStringField("inputLabel", prediction.getInputLabel().toString());
    }
    if (prediction.getFailedRule() != null) {
      jsonl.writeStringField("failedRule", prediction.getFailedRule().toString());
    }
    jsonl.writeEndObject();
    jsonl.writeRaw('\n');
  }

  /**
   * Two labels: the second when its probability reaches the threshold. More: the most probable if
   * it does, else -1.
   */
  private int thresholded() {
    double threshold = settings.threshold();
    if (p.length == 2) {
      return p[1] >= threshold ? 1 : 0;
    }
    int best = argmax();
    return p[best] >= threshold ? best : -1;
  }

  private int argmax() {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    features.close();
    if (jsonl != null) {
      jsonl.close();
    }
    if (dropped != null) {
      dropped.close();
    }
    context.getCounter(PredictCounters.PREDICTED).increment(predicted);
    context.getCounter(StageCounters.RECORDS_OUT).increment(predicted);
    context.getCounter(PredictCounters.BELOW_THRESHOLD).increment(belowThreshold);
    long droppedCount = 0;
    for (Map.Entry<String, Long> drop : drops.entrySet()) {
      context.getCounter(DROPPED_GROUP, drop.getKey()).increment(drop.getValue());
      droppedCount += drop.getValue();
    }
    context.getCounter(PredictCounters.DROPPED).increment(droppedCount);
    for (Map.Entry<String, Long> failed : failedRules.entrySet()) {
      context.getCounter(FAILED_RULE_GROUP, failed.getKey()).increment(failed.getValue());
    }
    super.cleanup(context);
  }
}
