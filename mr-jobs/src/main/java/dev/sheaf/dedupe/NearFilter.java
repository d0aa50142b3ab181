package dev.sheaf.dedupe;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.DuplicateKind;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, last job: every node (with its document) meets its label, if it has one. A node with
 * a label is a duplicate of its component's representative (exact when their normalised texts
 * match, near otherwise, with their sketch similarity); a node without is kept. Ranks are unique
 * (they end with the record's position), so each node is decided on its own.
 *
 * <p>Two ways to the same records: when the driver found the components and their labels fit in
 * {@link #LABELS_MEMORY_MB} of a task's heap, a map-only pass over the nodes ({@link
 * MapSideMapper}) looks each up in a {@link LabelTable}, so the documents are not shuffled again
 * (each map task JVM reads the labels files once and holds them, shared by the tasks it runs:
 * {@link LabelTable#estimatedBytes}); otherwise a reduce-side join keyed (rank, {@link
 * JoinMapper#LABEL}) for labels and (rank, {@link JoinMapper#DOCUMENT}) for nodes brings a node's
 * label just before it.
 */
public final class NearFilter {
  /**
   * The most heap, in MiB, a map task may spend on the labels ({@link LabelTable#estimatedBytes});
   * above it, or when the components were found by MapReduce rounds, the last pass joins. 0: always
   * join.
   */
  static final String LABELS_MEMORY_MB = "sheaf.dedupe.labels-memory-mb";

  static final long DEFAULT_LABELS_MEMORY_MB = 256;

  /** Where the map-side pass reads the labels from (set by the driver). */
  static final String LABELS = "sheaf.dedupe.labels-directory";

  private NearFilter() {}

  /** Labels, keyed (member, {@link JoinMapper#LABEL}). */
  public static final class LabelMapper extends JoinMapper<AvroKey<Object>, NullWritable> {
    @Override
    protected void map(AvroKey<Object> label, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      emit(context, ((ComponentLabel) label.datum()).getMember(), LABEL, label.datum());
    }
  }

  /** Nodes with their documents, keyed (rank, {@link JoinMapper#DOCUMENT}). */
  public static final class NodeMapper extends JoinMapper<AvroKey<Object>, NullWritable> {
    @Override
    protected void map(AvroKey<Object> node, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      emit(context, ((DedupeNode) node.datum()).getRank(), DOCUMENT, node.datum());
    }
  }

  /** The map-side pass: looks each node up in the labels held in memory. */
  public static final class MapSideMapper
      extends Mapper<AvroKey<DedupeNode>, NullWritable, AvroKey<Document>, NullWritable> {
    private LabelTable labels;
    private Decision decision;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      labels = LabelTable.shared(conf, new Path(conf.get(LABELS)));
      decision = new Decision(new DedupeOutputs(context), conf);
    }

    @Override
    protected void map(AvroKey<DedupeNode> node, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      decision.write(node.datum(), labels.get(node.datum().getRank()));
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      decision.close();
    }
  }

  /** The joined pass: a node's label, if any, arrives just before the node. */
  public static final class FilterReducer
      extends Reducer<PairKey, AvroValue<Object>, AvroKey<Document>, NullWritable> {
    private final long[][] sketch = new long[1][];
    private Decision decision;

    @Override
    protected void setup(Context context) {
      decision = new Decision(new DedupeOutputs(context), context.getConfiguration());
    }

    @Override
    protected void reduce(PairKey key, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      LabelTable.Label label = null;
      for (AvroValue<Object> value : values) {
        if (value.datum() instanceof ComponentLabel componentLabel) {
          // one label a group, used before the next: the array is reused
          int length = ShingleSketch.fromBytes(componentLabel.getSketch(), sketch);
          label =
              new LabelTable.Label(
                  componentLabel.getRepresentativeId().toString(),
                  componentLabel.getFingerprintHigh(),
                  componentLabel.getFingerprintLow(),
                  sketch[0],
                  length);
        } else {
          decision.write((DedupeNode) value.datum(), label);
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      decision.close();
    }
  }

  /**
   * Keeps a node without a label; writes a {@code Duplicate} for a node with one. A near
   * duplicate's similarity to its representative comes from the bottom-{@link
   * ShingleSketch#REPORTED_SIZE} of its shingles, computed here from its text (the nodes do not
   * carry sketches: near duplicates are few, and a sketch is incompressible).
   */
  private static final class Decision {
    private final DedupeOutputs outputs;
    private final int sketchSize;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final MinHasher minHasher;
    private final int[] signature;
    private final long[] nodeSketch;

    Decision(DedupeOutputs outputs, Configuration conf) {
      this.outputs = outputs;
      DedupeOptions.Near near = DedupeOptions.Near.from(conf);
      sketchSize = Math.min(ShingleSketch.REPORTED_SIZE, near.sketchSize());
      minHasher = new MinHasher(near.numPerm(), near.shingleSize());
      signature = new int[near.numPerm()];
      nodeSketch = new long[sketchSize];
    }

    void write(DedupeNode node, LabelTable.Label label) throws IOException, InterruptedException {
      Document document = node.getDocument();
      if (label == null) {
        outputs.keep(document);
        return;
      }
      boolean exact =
          node.getFingerprintHigh() == label.fingerprintHigh()
              && node.getFingerprintLow() == label.fingerprintLow();
      float similarity = 1.0f;
      if (!exact) {
        minHasher.signature(normalizer.normalize(document.getText()), signature);
        int nodeLength = minHasher.sketch(sketchSize, nodeSketch);
        similarity =
            ShingleSketch.similarity(
                nodeSketch, nodeLength, label.sketch(), label.sketchLength(), sketchSize);
      }
      outputs.drop(
          document,
          label.representativeId(),
          exact ? DuplicateKind.exact : DuplicateKind.near,
          similarity);
    }

    void close() throws IOException, InterruptedException {
      outputs.close();
    }
  }
}
