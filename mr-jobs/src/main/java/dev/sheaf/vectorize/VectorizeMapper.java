package dev.sheaf.vectorize;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Example;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.StageCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;

/**
 * The vectorize job's map: each document through the {@link Vectorizer} loaded from {@code
 * _vectorizer/}; an {@code Example} out, or a count under the reason it was dropped.
 */
public class VectorizeMapper extends DocumentMapper<AvroKey<Example>, NullWritable> {
  private Vectorizer vectorizer;
  private final Example example = new Example();
  private final AvroKey<Example> out = new AvroKey<>(example);
  private final List<Integer> indices = new ArrayList<>();
  private final List<Float> values = new ArrayList<>();
  private Counter examples;
  private Counter recordsOut;
  private Counter nonzeros;
  private Counter unlabeled;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    vectorizer =
        Vectorizer.load(
            context.getConfiguration(),
            new Path(context.getConfiguration().get(VectorizeJob.ARTIFACTS)));
    examples = context.getCounter(VectorizeCounters.EXAMPLES);
    recordsOut = context.getCounter(StageCounters.RECORDS_OUT);
    nonzeros = context.getCounter(VectorizeCounters.NONZEROS);
    unlabeled = context.getCounter(VectorizeCounters.UNLABELED);
    example.setIndices(indices);
    example.setValues(values);
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    String label = document.getLabel();
    if (label != null && !LabelNames.valid(label)) {
      context.getCounter(VectorizeCounters.INVALID_LABEL).increment(1);
      return;
    }
    int labelIndex = vectorizer.labelIndex(label);
    if (labelIndex == Vectorizer.UNKNOWN_LABEL) {
      context.getCounter(VectorizeCounters.UNKNOWN_LABEL).increment(1);
      return;
    }
    int n = vectorizer.vectorize(document.getText());
    if (n == 0) {
      context.getCounter(VectorizeCounters.NO_FEATURES).increment(1);
      return;
    }
    indices.clear();
    values.clear();
    int[] featureIndices = vectorizer.indices();
    float[] featureValues = vectorizer.values();
    for (int i = 0; i < n; i++) {
      indices.add(featureIndices[i]);
      values.add(featureValues[i]);
    }
    example.setId(document.getId());
    example.setLabel(labelIndex);
    example.setWeight(1f);
    context.write(out, NullWritable.get());
    examples.increment(1);
    recordsOut.increment(1);
    nonzeros.increment(n);
    if (labelIndex < 0) {
      unlabeled.increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    vectorizer.close();
    super.cleanup(context);
  }
}
