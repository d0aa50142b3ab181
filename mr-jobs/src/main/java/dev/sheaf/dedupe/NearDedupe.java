package dev.sheaf.dedupe;

import dev.sheaf.avro.CandidatePair;
import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.common.RejectWriter;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageJobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * The near-duplicate chain of {@code sheaf dedupe}, as plain MapReduce jobs:
 *
 * <ol>
 *   <li>minhash: fingerprints, MinHash band hashes and sketches; exact-duplicate groups -> exact
 *       edges, and one leader per group into the LSH buckets;
 *   <li>buckets: leaders sharing a bucket -> candidate pairs;
 *   <li>verify: pairs meet their centre's then their member's sketch -> edges (two joins);
 *   <li>connected components: in the driver by union-find when the graph is small ({@link
 *       DriverComponents}), else large-star / small-star rounds until nothing changes;
 *   <li>representatives: each member learns its representative's id, fingerprint and signature;
 *   <li>filter: kept documents to the output, a {@code Duplicate} for every other one; map-side
 *       when the labels fit in a task's memory ({@link NearFilter}).
 * </ol>
 *
 * <p>Steps 2 to 5 run in the driver instead ({@link DriverGraph}) when the leaders (one per
 * distinct text) fit in its memory: the same pairs, edges, labels and counters without four jobs.
 *
 * <p>It does one thing: drives the near-duplicate chain, one private method per job.
 *
 * <p>Intermediate files live in a hidden work directory beside the output, removed on success.
 */
final class NearDedupe {
  /** Large-star/small-star needs O(log^2 n) rounds; this many means something is wrong. */
  static final int MAX_ROUNDS = 60;

  private final Configuration conf;
  private final DedupeOptions options;
  private final Counters counters = new Counters();
  private int rounds;
  private boolean labelsInMemory;
  private boolean graphInDriver;

  NearDedupe(Configuration conf, DedupeOptions options) {
    this.conf = conf;
    this.options = options;
  }

  /**
   * Runs the chain from {@code inputs} to {@code output}, intermediate files in {@code work};
   * returns all jobs' counters summed.
   */
  Counters run(List<Path> inputs, Path output, Path work) throws IOException, InterruptedException {
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(work, true);

    Path minhash = new Path(work, "minhash");
    long leaderCount =
        runMinHash(inputs, minhash).findCounter(TaskCounter.REDUCE_INPUT_GROUPS).getValue();
    Path nodes = new Path(minhash, MinHashMapper.NODES_DIRECTORY);
    Path leaders = new Path(minhash, ExactGroupReducer.LEADERS_DIRECTORY);
    // no readable document at all: no task wrote a node, but the later jobs still run
    fs.mkdirs(nodes);
    fs.mkdirs(leaders);
    List<Path> exactEdges = new ArrayList<>();
    Path exact = new Path(minhash, ExactGroupReducer.EXACT_DIRECTORY);
    if (fs.exists(exact)) {
      exactEdges.add(exact);
    }
    Path labels = new Path(work, "labels");
    long exactEdgeCount = counters.findCounter(DedupeCounters.EXACT_EDGES).getValue();
    graphInDriver =
        exactEdgeCount <= maxEdges()
            && DriverGraph.fits(conf, leaderCount, exactEdgeCount, options.near());
    if (graphInDriver) {
      labelsInMemory = runDriverGraph(minhash, leaders, exactEdges, labels);
    } else {
      runGraphJobs(minhash, leaders, exactEdges, labels, work);
    }
    if (labelsInMemory) {
      runMapSideFilter(nodes, labels, output);
    } else {
      runFilter(nodes, labels, output);
    }

    Path rejects = new Path(minhash, RejectWriter.DIRECTORY);
    if (fs.exists(rejects) && !fs.rename(rejects, new Path(output, RejectWriter.DIRECTORY))) {
      throw new StageFailedException("dedupe: could not move " + rejects + " into " + output);
    }
    fs.delete(work, true);
    return counters;
  }

  /**
   * The graph in the driver ({@link DriverGraph}), its labels into {@code labels}; returns whether
   * the last pass holds them in memory: as after the jobs, only when the edges (exact and near) are
   * within the union-find bound and the labels fit. A method of its own, so that the graph can be
   * collected before the last pass (which, embedded, shares this heap).
   */
  private boolean runDriverGraph(Path minhash, Path leaders, List<Path> exactEdges, Path labels)
      throws IOException {
    DriverGraph graph =
        DriverGraph.build(
            conf, options.near(), leaders, new Path(minhash, "part-r-*"), exactEdges, counters);
    long edges =
        counters.findCounter(DedupeCounters.EXACT_EDGES).getValue()
            + counters.findCounter(DedupeCounters.EDGES).getValue();
    boolean inMemory = edges <= maxEdges() && labelsFit(graph.sizes());
    labels.getFileSystem(conf).mkdirs(labels);
    graph.writeLabels(conf, labels, inMemory);
    return inMemory;
  }

  /** The union-find bound on edges; 0 (always the rounds) also turns the driver graph off. */
  private long maxEdges() {
    long maxEdges = conf.getLong(DriverComponents.MAX_EDGES, DriverComponents.DEFAULT_MAX_EDGES);
    return maxEdges > 0 ? maxEdges : -1;
  }

  /**
   * The graph by MapReduce jobs: buckets, candidates and verify, the components (union-find in the
   * driver when the edges are few, else star rounds), then the representatives job's labels.
   */
  private void runGraphJobs(
      Path minhash, Path leaders, List<Path> exactEdges, Path labels, Path work)
      throws IOException, InterruptedException {
    Path buckets = new Path(work, "buckets");
    runBuckets(new Path(minhash, "part-r-*"), buckets);
    Path centered = new Path(work, "candidates");
    runAttachCenters(leaders, new Path(buckets, "part-r-*"), centered);
    Path verified = new Path(work, "edges");
    runVerify(leaders, centered, verified);
    List<Path> components = new ArrayList<>(List.of(new Path(verified, "part-r-*")));
    components.addAll(exactEdges);
    long edges =
        counters.findCounter(DedupeCounters.EXACT_EDGES).getValue()
            + counters.findCounter(DedupeCounters.EDGES).getValue();
    labelsInMemory = false;
    if (edges <= maxEdges()) {
      Path stars = new Path(work, "components/part-r-00000");
      labelsInMemory = labelsFit(DriverComponents.run(conf, components, stars));
      components = List.of(stars);
    } else {
      components = runStarRounds(components, work);
    }
    runRepresentatives(leaders, components.get(0), labels, labelsInMemory);
  }

  /** Whether the labels of what union-find found fit in a map task's labels budget. */
  private boolean labelsFit(DriverComponents.Sizes sizes) {
    long budget =
        conf.getLong(NearFilter.LABELS_MEMORY_MB, NearFilter.DEFAULT_LABELS_MEMORY_MB) << 20;
    return budget > 0 && LabelTable.estimatedBytes(sizes) <= budget;
  }

  /** Whether the last run built the graph in the driver ({@link DriverGraph}), not by jobs. */
  boolean graphInDriver() {
    return graphInDriver;
  }

  /** Rounds of connected components the last run needed; 0 when the driver found them. */
  int rounds() {
    return rounds;
  }

  /** Whether the last run's last pass held the labels in memory (no shuffle of the documents). */
  boolean labelsInMemory() {
    return labelsInMemory;
  }

  /**
   * Large-star and small-star rounds until neither changes an edge; returns the star edges' glob.
   */
  private List<Path> runStarRounds(List<Path> components, Path work)
      throws IOException, InterruptedException {
    for (rounds = 1; ; rounds++) {
      if (rounds > MAX_ROUNDS) {
        throw new StageFailedException(
            "dedupe: connected components did not converge in " + MAX_ROUNDS + " rounds");
      }
      Path large = new Path(work, "cc-" + rounds + "-large");
      long largeChanges =
          runStar(
                  components,
                  large,
                  "large",
                  ConnectedComponents.LargeStarMapper.class,
                  ConnectedComponents.LargeStarReducer.class)
              .findCounter(DedupeCounters.LARGE_STAR_CHANGES)
              .getValue();
      Path small = new Path(work, "cc-" + rounds + "-small");
      long smallChanges =
          runStar(
                  List.of(new Path(large, "part-r-*")),
                  small,
                  "small",
                  ConnectedComponents.SmallStarMapper.class,
                  ConnectedComponents.SmallStarReducer.class)
              .findCounter(DedupeCounters.SMALL_STAR_CHANGES)
              .getValue();
      components = List.of(new Path(small, "part-r-*"));
      if (largeChanges == 0 && smallChanges == 0) {
        return components;
      }
    }
  }

  /** The minhash job; returns its counters. */
  private Counters runMinHash(List<Path> inputs, Path output)
      throws IOException, InterruptedException {
    Job job = StageJobs.newJob(conf, DedupeJob.NAME, options.input(), inputs);
    job.setJobName("sheaf dedupe: minhash");
    options.near().applyTo(job.getConfiguration());
    job.setMapperClass(MinHashMapper.class);
    PairKey.configureShuffle(job);
    AvroJob.setMapOutputValueSchema(job, DedupeNode.getClassSchema());
    job.setReducerClass(ExactGroupReducer.class);
    edgesOutput(job, output);
    AvroMultipleOutputs.addNamedOutput(
        job, MinHashMapper.NODES_OUTPUT, AvroKeyOutputFormat.class, DedupeNode.getClassSchema());
    AvroMultipleOutputs.addNamedOutput(
        job,
        ExactGroupReducer.LEADERS_OUTPUT,
        AvroKeyOutputFormat.class,
        DedupeNode.getClassSchema());
    MultipleOutputs.addNamedOutput(
        job,
        ExactGroupReducer.EXACT_OUTPUT,
        SequenceFileOutputFormat.class,
        Text.class,
        Text.class);
    // the nodes hold every document and are read again by the last job: compress them (Avro
    // snappy); the small rank files stay plain
    StageJobs.compressAvroOutputs(job);
    SequenceFileOutputFormat.setOutputCompressionType(job, SequenceFile.CompressionType.NONE);
    return complete(job);
  }

  private void runBuckets(Path entries, Path output) throws IOException, InterruptedException {
    Job job = plainJob("buckets");
    job.setInputFormatClass(SequenceFileInputFormat.class);
    SequenceFileInputFormat.addInputPath(job, entries);
    job.setMapperClass(BucketMapper.class);
    PairKey.configureShuffle(job);
    job.setMapOutputValueClass(NullWritable.class);
    job.setReducerClass(CandidateReducer.class);
    edgesOutput(job, output);
    complete(job);
  }

  private Counters runStar(
      List<Path> inputs,
      Path output,
      String kind,
      Class<? extends Mapper<Text, Text, PairKey, NullWritable>> mapper,
      Class<? extends Reducer<PairKey, NullWritable, Text, Text>> reducer)
      throws IOException, InterruptedException {
    Job job = plainJob(kind + "-star " + rounds);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    for (Path input : inputs) {
      SequenceFileInputFormat.addInputPath(job, input);
    }
    job.setMapperClass(mapper);
    PairKey.configureShuffle(job);
    job.setMapOutputValueClass(NullWritable.class);
    job.setReducerClass(reducer);
    edgesOutput(job, output);
    return complete(job);
  }

  private void runAttachCenters(Path nodes, Path candidates, Path output)
      throws IOException, InterruptedException {
    Job job =
        joinJob(
            "candidates",
            CandidatePair.getClassSchema(),
            CandidateVerification.AttachCenterReducer.class);
    MultipleInputs.addInputPath(job, nodes, AvroKeyInputFormat.class, NodeSummaryMapper.class);
    MultipleInputs.addInputPath(
        job,
        candidates,
        SequenceFileInputFormat.class,
        CandidateVerification.PairByCenterMapper.class);
    AvroJob.setInputKeySchema(job, DedupeNode.getClassSchema());
    avroOutput(job, CandidatePair.getClassSchema(), output);
    complete(job);
  }

  private void runVerify(Path nodes, Path candidates, Path output)
      throws IOException, InterruptedException {
    Job job =
        joinJob(
            "verify", CandidatePair.getClassSchema(), CandidateVerification.VerifyReducer.class);
    MultipleInputs.addInputPath(job, nodes, AvroKeyInputFormat.class, NodeSummaryMapper.class);
    MultipleInputs.addInputPath(
        job, candidates, AvroKeyInputFormat.class, CandidateVerification.PairByMemberMapper.class);
    AvroJob.setInputKeySchema(job, nodeOr(CandidatePair.getClassSchema()));
    edgesOutput(job, output);
    complete(job);
  }

  private void runRepresentatives(Path nodes, Path components, Path output, boolean sketchOnce)
      throws IOException, InterruptedException {
    Job job =
        joinJob(
            "representatives", ComponentLabel.getClassSchema(), Representatives.LabelReducer.class);
    job.getConfiguration().setBoolean(Representatives.SKETCH_ONCE, sketchOnce);
    MultipleInputs.addInputPath(job, nodes, AvroKeyInputFormat.class, NodeSummaryMapper.class);
    MultipleInputs.addInputPath(
        job, components, SequenceFileInputFormat.class, Representatives.EdgeMapper.class);
    AvroJob.setInputKeySchema(job, DedupeNode.getClassSchema());
    avroOutput(job, ComponentLabel.getClassSchema(), output);
    complete(job);
  }

  private void runFilter(Path nodes, Path labels, Path output)
      throws IOException, InterruptedException {
    Job job = joinJob("filter", ComponentLabel.getClassSchema(), NearFilter.FilterReducer.class);
    MultipleInputs.addInputPath(
        job, labels, AvroKeyInputFormat.class, NearFilter.LabelMapper.class);
    MultipleInputs.addInputPath(job, nodes, AvroKeyInputFormat.class, NearFilter.NodeMapper.class);
    AvroJob.setInputKeySchema(job, nodeOr(ComponentLabel.getClassSchema()));
    avroOutput(job, Document.getClassSchema(), output);
    DedupeOutputs.declare(job);
    StageJobs.compressAvroOutputs(job);
    complete(job);
  }

  /** The last pass without a shuffle: each map task holds the labels, the nodes stream past. */
  private void runMapSideFilter(Path nodes, Path labels, Path output)
      throws IOException, InterruptedException {
    Job job = plainJob("filter");
    job.getConfiguration().set(NearFilter.LABELS, labels.toString());
    job.setInputFormatClass(AvroKeyInputFormat.class);
    AvroKeyInputFormat.addInputPath(job, nodes);
    AvroJob.setInputKeySchema(job, DedupeNode.getClassSchema());
    job.setMapperClass(NearFilter.MapSideMapper.class);
    job.setNumReduceTasks(0);
    avroOutput(job, Document.getClassSchema(), output);
    DedupeOutputs.declare(job);
    StageJobs.compressAvroOutputs(job);
    complete(job);
  }

  /**
   * A reduce-side join of the graph nodes with {@code joined} records: (rank, tag) keys, values
   * that are a node or a joined record.
   */
  private Job joinJob(String step, Schema joined, Class<? extends Reducer<?, ?, ?, ?>> reducer)
      throws IOException {
    Job job = plainJob(step);
    PairKey.configureShuffle(job);
    AvroJob.setMapOutputValueSchema(job, nodeOr(joined));
    job.setReducerClass(reducer);
    return job;
  }

  private static void avroOutput(Job job, Schema schema, Path output) {
    job.setOutputFormatClass(AvroKeyOutputFormat.class);
    AvroJob.setOutputKeySchema(job, schema);
    FileOutputFormat.setOutputPath(job, output);
  }

  /** The value schema of the joins: a node, or the record joined to it. */
  private static Schema nodeOr(Schema other) {
    return Schema.createUnion(DedupeNode.getClassSchema(), other);
  }

  private Job plainJob(String step) throws IOException {
    Job job = StageJobs.baseJob(conf, DedupeJob.NAME);
    job.setJobName("sheaf dedupe: " + step);
    options.near().applyTo(job.getConfiguration());
    return job;
  }

  private static void edgesOutput(Job job, Path output) {
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(Text.class);
    FileOutputFormat.setOutputPath(job, output);
  }

  private Counters complete(Job job) throws IOException, InterruptedException {
    StageJobs.run(job);
    Counters jobCounters = job.getCounters();
    counters.incrAllCounters(jobCounters);
    return jobCounters;
  }
}
