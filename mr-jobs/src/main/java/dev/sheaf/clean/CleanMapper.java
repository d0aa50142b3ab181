package dev.sheaf.clean;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Filtered;
import dev.sheaf.common.DecodeCounters;
import dev.sheaf.common.DocumentMapper;
import dev.sheaf.common.StageCounters;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Job;

/**
 * The map-only clean task: each document through {@link TextCleaner}; kept ones to the output,
 * dropped ones counted by rule and, with {@code --keep-filtered}, written to {@code _filtered/}
 * (the excerpt with personal data masked, the document as read, so a changed rule can replay it).
 * What the steps changed is added to the counters when the task ends.
 */
public class CleanMapper extends DocumentMapper<AvroKey<Document>, NullWritable> {
  static final String FILTERED_OUTPUT = "filtered";
  static final String FILTERED_DIRECTORY = "_filtered";
  private static final String FILTERED_BASE_PATH = FILTERED_DIRECTORY + "/part";

  private TextCleaner cleaner;
  private boolean keepFiltered;
  private final AvroKey<Document> outKey = new AvroKey<>();
  private final AvroKey<Filtered> filteredKey = new AvroKey<>();
  private final Filtered filtered = new Filtered();
  private Counter kept;
  private Counter recordsOut;
  private Counter filteredCount;

  /** Declares the filtered output on a job. */
  static void declare(Job job) {
    AvroMultipleOutputs.addNamedOutput(
        job, FILTERED_OUTPUT, AvroKeyOutputFormat.class, Filtered.getClassSchema());
  }

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    CleanSettings settings = CleanSettings.from(context.getConfiguration());
    cleaner = new TextCleaner(settings);
    keepFiltered = settings.keepFiltered();
    kept = context.getCounter(CleanCounters.KEPT);
    recordsOut = context.getCounter(StageCounters.RECORDS_OUT);
    filteredCount = context.getCounter(CleanCounters.FILTERED);
  }

  @Override
  protected void mapDocument(Document document, Context context)
      throws IOException, InterruptedException {
    FilterRule rule = cleaner.clean(document);
    if (rule == null) {
      document.setText(cleaner.text());
      document.setMeta(cleaner.meta());
      outKey.datum(document);
      context.write(outKey, NullWritable.get());
      kept.increment(1);
      recordsOut.increment(1);
      return;
    }
    filteredCount.increment(1);
    context.getCounter(rule).increment(1);
    if (keepFiltered) {
      filtered.setId(document.getId());
      filtered.setRule(rule.name());
      filtered.setDetail(cleaner.detail());
      filtered.setSource(document.getSource());
      filtered.setExcerpt(cleaner.excerpt());
      filtered.setDocument(document);
      filteredKey.datum(filtered);
      multipleOutputs().write(FILTERED_OUTPUT, filteredKey, NullWritable.get(), FILTERED_BASE_PATH);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    long[] counts = cleaner.counts();
    for (CleanCounters counter : CleanCounters.values()) {
      if (counts[counter.ordinal()] > 0) {
        context.getCounter(counter).increment(counts[counter.ordinal()]);
      }
    }
    long[] decoded = cleaner.decodeCounts();
    for (DecodeCounters counter : DecodeCounters.values()) {
      if (decoded[counter.ordinal()] > 0) {
        context.getCounter(counter).increment(decoded[counter.ordinal()]);
      }
    }
    long[] masked = cleaner.masked();
    for (PiiType type : PiiType.values()) {
      if (masked[type.ordinal()] > 0) {
        context.getCounter(type).increment(masked[type.ordinal()]);
      }
    }
    super.cleanup(context);
  }
}
