package dev.sheaf.dedupe;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import dev.sheaf.avro.Document;
import dev.sheaf.avro.DuplicateKind;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, last job: joins every node (with its document) with its label, if it has one. Keyed
 * (rank, {@link JoinMapper#LABEL}) for labels and (rank, {@link JoinMapper#DOCUMENT}) for nodes, so
 * a node's label comes first. A node with a label is a duplicate of its component's representative
 * (exact when their normalised texts match, near otherwise, with their sketch similarity); a node
 * without is kept. Records sharing a rank are identical: the first follows its node's fate, the
 * others are exact duplicates of it.
 */
public final class NearFilter {
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

  /** Writes kept documents and one {@link Duplicate} per dropped one. */
  public static final class FilterReducer
      extends Reducer<PairKey, AvroValue<Object>, AvroKey<Document>, NullWritable> {
    private final long[][] representativeSketch = new long[1][];
    private final long[][] nodeSketch = new long[1][];
    private int sketchSize;
    private DedupeOutputs outputs;

    @Override
    protected void setup(Context context) {
      outputs = new DedupeOutputs(context);
      sketchSize =
          Math.min(
              ShingleSketch.REPORTED_SIZE,
              DedupeOptions.Near.from(context.getConfiguration()).sketchSize());
    }

    @Override
    protected void reduce(PairKey key, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      ComponentLabel label = null;
      int representativeLength = 0;
      String firstId = null;
      for (AvroValue<Object> value : values) {
        if (value.datum() instanceof ComponentLabel componentLabel) {
          label = ComponentLabel.newBuilder(componentLabel).build();
          representativeLength = ShingleSketch.fromBytes(label.getSketch(), representativeSketch);
          continue;
        }
        DedupeNode node = (DedupeNode) value.datum();
        Document document = node.getDocument();
        if (label != null) {
          boolean exact =
              node.getFingerprintHigh() == label.getFingerprintHigh()
                  && node.getFingerprintLow() == label.getFingerprintLow();
          int nodeLength = ShingleSketch.fromBytes(node.getSketch(), nodeSketch);
          outputs.drop(
              document,
              label.getRepresentativeId(),
              exact ? DuplicateKind.exact : DuplicateKind.near,
              exact
                  ? 1.0f
                  : ShingleSketch.similarity(
                      nodeSketch[0],
                      nodeLength,
                      representativeSketch[0],
                      representativeLength,
                      sketchSize));
        } else if (firstId == null) {
          firstId = document.getId();
          outputs.keep(document);
        } else {
          outputs.drop(document, firstId, DuplicateKind.exact, 1.0f);
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      outputs.close();
    }
  }
}
