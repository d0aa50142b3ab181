package dev.sheaf.vectorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Example;
import dev.sheaf.common.Conservation;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageCounters;
import dev.sheaf.common.StageEnding;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageInputs;
import dev.sheaf.common.StageJobs;
import dev.sheaf.common.StageOutput;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import dev.sheaf.shard.SplitRule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;

/**
 * {@code sheaf vectorize}: {@code Document}s to sparse {@code Example}s. A dictionary job (when the
 * vocabulary, the idf or the label names must come from the data) counts document frequencies and
 * labels with a combiner; the driver picks the vocabulary and writes {@code _vectorizer/}; a
 * map-only job vectorises every document with it.
 *
 * <p>It does one thing: drives the vectorize stage (its two jobs and the {@code _vectorizer/}
 * written between them).
 */
public final class VectorizeJob extends SheafCommand {
  public static final String NAME = "vectorize";
  static final String PLAN = "sheaf.vectorize.plan";
  static final String ARTIFACTS = "sheaf.vectorize.artifacts";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the dictionary job's tasks need: the tokeniser's settings, and what to count. */
  /**
   * @param fitSplit the split whose train documents the terms are counted on; null: every document
   */
  record Plan(
      VectorizerSpec spec,
      List<String> stopwords,
      boolean countTerms,
      boolean collectLabels,
      SplitRule fitSplit) {
    static Plan from(Configuration conf) {
      try {
        return JSON.readValue(conf.get(PLAN), Plan.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(PLAN + " is not a plan", e);
      }
    }

    void applyTo(Configuration conf) {
      try {
        conf.set(PLAN, JSON.writeValueAsString(this));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public VectorizeJob() {
    super(NAME, "Turn documents into sparse feature vectors (hashing or vocabulary, tf-idf).");
  }

  @Override
  protected Options options() {
    return VectorizeOptions.options();
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Instant start = Instant.now();
    VectorizeOptions options = VectorizeOptions.parse(line);
    Configuration conf = getConf();
    List<String> stopwords = stopwords(options, conf);
    List<String> givenLabels =
        options.labelsFile() == null ? null : readLabels(options.labelsFile(), conf);
    StageInputs inputs = StageInputs.check(conf, options.input().inputs());
    StageOutput output =
        StageOutput.prepare(conf, options.output(), inputs.paths(), options.overwrite());
    FileSystem fs = output.path().getFileSystem(conf);
    fs.delete(output.work(), true);

    Fitted fitted = fit(conf, options, inputs, output.work(), stopwords, givenLabels);
    Path artifacts = fs.makeQualified(fitted.artifacts());
    Counters counters = runVectorize(conf, options, inputs, artifacts, output);
    inputs.checkRecordsRead(NAME, counters, options.input().describe());
    if (!fs.rename(artifacts, new Path(output.path(), Vectorizer.DIRECTORY))) {
      throw new StageFailedException(NAME + ": could not move " + artifacts + " into " + output);
    }
    fs.delete(output.work(), true);
    finish(conf, start, options, inputs, output, counters, fitted);
    return 0;
  }

  /**
   * What the first job fitted: the artifacts directory (under the work directory), the vector
   * dimension, the documents counted for idf, and the labels in index order.
   */
  private record Fitted(Path artifacts, int dimension, long documents, List<String> labels) {}

  /**
   * The first job (term and label counts) when the spec needs it, then the artifacts the second
   * reads: vocabulary, idf, labels, stopwords, spec.
   */
  private static Fitted fit(
      Configuration conf,
      VectorizeOptions options,
      StageInputs inputs,
      Path work,
      List<String> stopwords,
      List<String> givenLabels)
      throws IOException, InterruptedException {
    VectorizerSpec spec = options.spec();
    boolean countTerms = !spec.hashing() || spec.usesIdf();
    Plan plan = new Plan(spec, stopwords, countTerms, givenLabels == null, options.fitSplit());
    Path dictionary = new Path(work, "dictionary");
    Counters dictionaryCounters =
        countTerms || givenLabels == null
            ? runDictionary(conf, options, inputs, plan, dictionary)
            : null;
    long documents =
        dictionaryCounters == null
            ? 0
            : dictionaryCounters.findCounter(VectorizeCounters.DOCUMENTS_WITH_FEATURES).getValue();
    Path artifacts = new Path(work, Vectorizer.DIRECTORY);
    artifacts.getFileSystem(conf).mkdirs(artifacts);
    Dictionary counted =
        new Dictionary(
            options.minDf(), (long) Math.floor(options.maxDf() * documents), options.maxVocab());
    if (dictionaryCounters != null) {
      counted.read(conf, dictionary);
    }
    List<String> labels = givenLabels != null ? givenLabels : new ArrayList<>(counted.labels);
    int dimension = writeArtifacts(conf, options, artifacts, counted, labels, stopwords, documents);
    return new Fitted(artifacts, dimension, documents, labels);
  }

  /**
   * The dictionary job: document frequencies and label names, into {@code dictionary}; returns its
   * counters.
   */
  private static Counters runDictionary(
      Configuration conf, VectorizeOptions options, StageInputs inputs, Plan plan, Path dictionary)
      throws IOException, InterruptedException {
    Job job = StageJobs.newJob(conf, NAME + " dictionary", options.input(), inputs.paths());
    plan.applyTo(job.getConfiguration());
    job.setMapperClass(DictionaryMapper.class);
    job.setCombinerClass(LongSumReducer.class);
    job.setReducerClass(LongSumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, dictionary);
    StageJobs.run(job);
    return job.getCounters();
  }

  /**
   * Writes {@code _vectorizer/} into {@code artifacts}: the vocabulary (or the hashed document
   * frequencies), the labels, the stopwords, the spec and the fit split; returns the dimension.
   *
   * @throws StageFailedException when the vocabulary is empty
   */
  private static int writeArtifacts(
      Configuration conf,
      VectorizeOptions options,
      Path artifacts,
      Dictionary counted,
      List<String> labels,
      List<String> stopwords,
      long documents)
      throws IOException {
    VectorizerSpec spec = options.spec();
    int dimension = spec.hashing() ? spec.dim() : writeVocabulary(conf, artifacts, counted);
    if (dimension == 0) {
      throw new StageFailedException(
          NAME
              + ": the vocabulary is empty (no term in at least --min-df "
              + options.minDf()
              + " and at most --max-df "
              + options.maxDf()
              + " of "
              + documents
              + " documents)");
    }
    if (spec.hashing() && spec.usesIdf()) {
      List<String> lines = new ArrayList<>();
      counted.hashed.forEach((index, df) -> lines.add(index + "\t" + df));
      TextFiles.writeLines(conf, new Path(artifacts, Vectorizer.DOCUMENT_FREQUENCIES), lines);
    }
    TextFiles.writeLines(conf, new Path(artifacts, Vectorizer.LABELS), labels);
    if (stopwords != null) {
      TextFiles.writeLines(conf, new Path(artifacts, Vectorizer.STOPWORDS), stopwords);
    }
    spec.withDocuments(documents, dimension).write(conf, artifacts);
    if (options.fitSplit() != null) {
      options.fitSplit().writeTo(conf, artifacts);
    }
    return dimension;
  }

  /**
   * The map-only job that vectorises every document with {@code artifacts}; returns its counters.
   */
  private static Counters runVectorize(
      Configuration conf,
      VectorizeOptions options,
      StageInputs inputs,
      Path artifacts,
      StageOutput output)
      throws IOException, InterruptedException {
    Job job = StageJobs.newJob(conf, NAME, options.input(), inputs.paths());
    job.getConfiguration().set(ARTIFACTS, artifacts.toString());
    job.setMapperClass(VectorizeMapper.class);
    job.setNumReduceTasks(0);
    StageJobs.avroOutput(job, Example.getClassSchema());
    FileOutputFormat.setOutputPath(job, output.path());
    StageJobs.run(job);
    return job.getCounters();
  }

  /**
   * The accounting, the manifest with the vectorizer's figures, the publication and the summary
   * line.
   */
  private static void finish(
      Configuration conf,
      Instant start,
      VectorizeOptions options,
      StageInputs inputs,
      StageOutput output,
      Counters counters,
      Fitted fitted)
      throws IOException {
    int dimension = fitted.dimension();
    List<String> labels = fitted.labels();
    Conservation conservation =
        new Conservation(NAME, counters.findCounter(StageCounters.RECORDS_IN).getValue())
            .add("examples", counters.findCounter(VectorizeCounters.EXAMPLES).getValue())
            .add("no features", counters.findCounter(VectorizeCounters.NO_FEATURES).getValue())
            .add("unknown label", counters.findCounter(VectorizeCounters.UNKNOWN_LABEL).getValue())
            .add("invalid label", counters.findCounter(VectorizeCounters.INVALID_LABEL).getValue())
            .add("rejected", counters.findCounter(StageCounters.REJECTED).getValue());
    long nonzeros = counters.findCounter(VectorizeCounters.NONZEROS).getValue();
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("dim", dimension);
    summary.put("documentsForIdf", fitted.documents());
    summary.put("nonzeros", nonzeros);
    summary.put("unlabeled", counters.findCounter(VectorizeCounters.UNLABELED).getValue());
    summary.set("labels", JSON.valueToTree(labels));
    Manifest manifest =
        Manifest.ofStage(start, options.describe(), conf, inputs.paths(), counters, conservation)
            .schema(Example.getClassSchema())
            .put("vectorize", summary);
    long examples = counters.findCounter(VectorizeCounters.EXAMPLES).getValue();
    String details =
        String.format("; dim %d, %d labels, %d non-zeros", dimension, labels.size(), nonzeros);
    StageEnding.finish(conf, manifest, output, examples, options.output(), details);
  }

  /**
   * What the dictionary job counted: the vocabulary's candidates (only the {@code maxVocab} best
   * are held while the output streams by, so the driver's memory is bounded by --max-vocab),
   * hashed-index document frequencies, label names.
   */
  static final class Dictionary {
    private final long minDf;
    private final long maxDf;
    private final int maxVocab;
    private final PriorityQueue<String[]> best = new PriorityQueue<>(VOCABULARY_ORDER.reversed());
    final TreeMap<Integer, Long> hashed = new TreeMap<>();
    final TreeSet<String> labels = new TreeSet<>();

    Dictionary(long minDf, long maxDf, int maxVocab) {
      this.minDf = minDf;
      this.maxDf = maxDf;
      this.maxVocab = maxVocab;
    }

    void addTerm(String term, long df) {
      if (df < minDf || df > maxDf) {
        return;
      }
      best.add(new String[] {term, Long.toString(df)});
      if (best.size() > maxVocab) {
        best.poll();
      }
    }

    /** The kept terms with their document frequencies, in index order. */
    List<String[]> vocabulary() {
      List<String[]> kept = new ArrayList<>(best);
      kept.sort(VOCABULARY_ORDER);
      return kept;
    }

    void read(Configuration conf, Path directory) throws IOException {
      FileSystem fs = directory.getFileSystem(conf);
      for (FileStatus file : fs.globStatus(new Path(directory, "part-r-*"))) {
        for (String line : TextFiles.readLines(conf, file.getPath())) {
          int tab = line.lastIndexOf('\t');
          String key = line.substring(1, tab);
          long count = Long.parseLong(line.substring(tab + 1));
          switch (line.charAt(0)) {
            case DictionaryMapper.TERM -> addTerm(key, count);
            case DictionaryMapper.HASHED -> hashed.put(Integer.parseInt(key), count);
            case DictionaryMapper.LABEL -> labels.add(key);
            default -> throw new IllegalStateException("unexpected dictionary line " + line);
          }
        }
      }
    }
  }

  /** The vocabulary order: document frequency descending, then term ascending. */
  static final Comparator<String[]> VOCABULARY_ORDER =
      Comparator.<String[]>comparingLong(t -> -Long.parseLong(t[1])).thenComparing(t -> t[0]);

  /**
   * Writes {@code vocabulary.tsv}: the terms with min-df <= df <= max-df x documents, the {@code
   * max-vocab} most frequent (ties: the smaller term first), indexed in that order.
   */
  static int writeVocabulary(Configuration conf, Path artifacts, Dictionary dictionary)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (String[] term : dictionary.vocabulary()) {
      lines.add(term[0] + "\t" + term[1]);
    }
    TextFiles.writeLines(conf, new Path(artifacts, Vectorizer.VOCABULARY), lines);
    return lines.size();
  }

  private static List<String> stopwords(VectorizeOptions options, Configuration conf)
      throws IOException {
    return switch (options.spec().stopwords()) {
      case "en" -> Vectorizer.englishStopwords();
      case "file" -> {
        List<String> words = new ArrayList<>();
        for (String line : readUserFile(options.stopwordsFile(), conf, "--stopwords")) {
          if (!line.isBlank() && !line.strip().startsWith("#")) {
            words.add(line.strip().toLowerCase(java.util.Locale.ROOT));
          }
        }
        yield words;
      }
      default -> null;
    };
  }

  private static List<String> readLabels(Path file, Configuration conf) throws IOException {
    List<String> labels = new ArrayList<>();
    for (String line : readUserFile(file, conf, "--labels")) {
      String label = line.strip();
      if (label.isEmpty()) {
        continue;
      }
      if (!LabelNames.valid(label) || labels.contains(label)) {
        throw new UsageException(
            "--labels: '"
                + label
                + "' is "
                + (labels.contains(label) ? "repeated" : "not a label name"));
      }
      labels.add(label);
    }
    if (labels.isEmpty()) {
      throw new UsageException("--labels: " + file + " names no label");
    }
    return labels;
  }

  private static List<String> readUserFile(Path file, Configuration conf, String option) {
    try {
      return TextFiles.readLines(conf, file);
    } catch (IOException e) {
      throw new UsageException(option + ": cannot read " + file + ": " + e.getMessage());
    }
  }
}
