package dev.sheaf.vectorize;

import dev.sheaf.avro.Document;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.shard.SplitRule;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;

/**
 * The dictionary job's map: per document, one count for each distinct term (vocab), or each
 * distinct hashed index (hashing with idf), and one for its label, summed in the task's memory
 * (flushed every {@value #FLUSH_ENTRIES} distinct keys, so memory stays bounded) before a combiner
 * and the reducers sum them: far fewer records to sort than one per term and document. Keys carry
 * their kind in the first character: {@code T} term, {@code H} hashed index, {@code L} label. With
 * a fit split, terms are counted on the documents its train split holds (labels on every document).
 */
public class DictionaryMapper extends DocumentMapper<Text, LongWritable> {
  static final char TERM = 'T';
  static final char HASHED = 'H';
  static final char LABEL = 'L';
  static final int FLUSH_ENTRIES = 200_000;

  private VectorizeJob.Plan plan;
  private TextTokenizer tokenizer;
  private TermHasher hasher;
  private final Set<String> distinct = new HashSet<>();
  private final Map<String, long[]> counts = new HashMap<>();
  private final Text key = new Text();
  private final LongWritable count = new LongWritable();
  private Counter withFeatures;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    plan = VectorizeJob.Plan.from(context.getConfiguration());
    tokenizer = Vectorizer.tokenizer(plan.spec(), plan.stopwords());
    hasher = new TermHasher(plan.spec().hashSeed());
    withFeatures = context.getCounter(VectorizeCounters.DOCUMENTS_WITH_FEATURES);
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    String label = document.getLabel();
    if (plan.collectLabels() && label != null && LabelNames.valid(label)) {
      emit(LABEL, label, context);
    }
    // terms of valid and test documents shape no feature: counted on the train split only
    if (!plan.countTerms()
        || plan.fitSplit() != null && plan.fitSplit().split(document.getId()) != SplitRule.TRAIN) {
      return;
    }
    distinct.clear();
    VectorizerSpec spec = plan.spec();
    for (String term : tokenizer.terms(document.getText())) {
      if (spec.hashing()) {
        distinct.add(Integer.toString(Vectorizer.hashedIndex(hasher.hash(term), spec.dim())));
      } else {
        distinct.add(term);
      }
    }
    if (!distinct.isEmpty()) {
      withFeatures.increment(1);
    }
    for (String term : distinct) {
      emit(spec.hashing() ? HASHED : TERM, term, context);
    }
  }

  private void emit(char kind, String value, Context context)
      throws IOException, InterruptedException {
    counts.computeIfAbsent(kind + value, k -> new long[1])[0]++;
    if (counts.size() >= FLUSH_ENTRIES) {
      flush(context);
    }
  }

  private void flush(Context context) throws IOException, InterruptedException {
    for (Map.Entry<String, long[]> entry : counts.entrySet()) {
      key.set(entry.getKey());
      count.set(entry.getValue()[0]);
      context.write(key, count);
    }
    counts.clear();
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    flush(context);
    tokenizer.close();
    super.cleanup(context);
  }
}
