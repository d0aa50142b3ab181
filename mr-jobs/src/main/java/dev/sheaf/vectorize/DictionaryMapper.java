package dev.sheaf.vectorize;

import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;

/**
 * The dictionary job's map: per document, one count for each distinct term (vocab), or each
 * distinct hashed index (hashing with idf), and one for its label; a combiner and the reducers sum
 * them. Keys carry their kind in the first character: {@code T} term, {@code H} hashed index,
 * {@code L} label.
 */
public class DictionaryMapper extends DocumentMapper<Text, LongWritable> {
  static final char TERM = 'T';
  static final char HASHED = 'H';
  static final char LABEL = 'L';
  private static final LongWritable ONE = new LongWritable(1);

  private VectorizeJob.Plan plan;
  private TextTokenizer tokenizer;
  private final Set<String> distinct = new HashSet<>();
  private final Text key = new Text();
  private final StringBuilder keyText = new StringBuilder();
  private Counter withFeatures;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    plan = VectorizeJob.Plan.from(context.getConfiguration());
    tokenizer = Vectorizer.tokenizer(plan.spec(), plan.stopwords());
    withFeatures = context.getCounter(VectorizeCounters.DOCUMENTS_WITH_FEATURES);
  }

  @Override
  protected void mapDocument(Document document, Context context) throws IOException, InterruptedException {
    String label = document.getLabel();
    if (plan.collectLabels() && label != null && LabelNames.valid(label)) {
      emit(LABEL, label, context);
    }
    distinct.clear();
    VectorizerSpec spec = plan.spec();
    for (String term : tokenizer.terms(document.getText())) {
      if (spec.hashing()) {
        distinct.add(Integer.toString(Vectorizer.hashedIndex(Vectorizer.termHash(term, spec.hashSeed()), spec.dim())));
      } else {
        distinct.add(term);
      }
    }
    if (!distinct.isEmpty()) {
      withFeatures.increment(1);
    }
    if (plan.countTerms()) {
      for (String term : distinct) {
        emit(spec.hashing() ? HASHED : TERM, term, context);
      }
    }
  }

  private void emit(char kind, String value, Context context) throws IOException, InterruptedException {
    keyText.setLength(0);
    keyText.append(kind).append(value);
    key.set(keyText.toString());
    context.write(key, ONE);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    tokenizer.close();
    super.cleanup(context);
  }
}
