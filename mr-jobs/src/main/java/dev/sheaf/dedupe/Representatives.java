package dev.sheaf.dedupe;

import dev.sheaf.avro.ComponentLabel;
import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, after connected components: gives every non-representative member of a component
 * what its duplicate record needs from the representative (id, fingerprint, the first {@link
 * ShingleSketch#REPORTED_SIZE} values of its sketch). Grouped by representative: its own node
 * ({@link JoinMapper#NODE}, {@link NodeSummaryMapper}) first, then its members in rank order;
 * memory is one sketch. Also counts components and their sizes.
 */
public final class Representatives {
  /** Counter group of the component-size histogram ("2", "3-4", "5-8", ...). */
  public static final String CLUSTER_SIZES = "dev.sheaf.dedupe.ClusterSizes";

  /**
   * Set by the driver when the last pass holds the labels in memory ({@link LabelTable}): the
   * representative's sketch goes with its first member's label only, the others carry none.
   */
  static final String SKETCH_ONCE = "sheaf.dedupe.labels-sketch-once";

  private Representatives() {}

  /**
   * A converged edge joins a member to its representative, the smaller rank: keyed (representative,
   * member).
   */
  public static final class EdgeMapper extends JoinMapper<Text, Text> {
    private final ComponentLabel label = new ComponentLabel();
    private final ByteBuffer none = ByteBuffer.allocate(0);

    @Override
    protected void map(Text u, Text v, Context context) throws IOException, InterruptedException {
      boolean uIsRepresentative = u.compareTo(v) < 0;
      Text representative = uIsRepresentative ? u : v;
      Text member = uIsRepresentative ? v : u;
      label.setMember(member.toString());
      label.setRepresentative(representative.toString());
      label.setRepresentativeId("");
      label.setFingerprintHigh(0L);
      label.setFingerprintLow(0L);
      label.setSketch(none);
      emit(context, representative, member, label);
    }
  }

  /** Fills each member's label from its representative's node. */
  public static final class LabelReducer
      extends Reducer<PairKey, AvroValue<Object>, AvroKey<ComponentLabel>, NullWritable> {
    private final AvroKey<ComponentLabel> out = new AvroKey<>();
    private final Text previous = new Text();
    private final ByteBuffer none = ByteBuffer.allocate(0);
    private boolean sketchOnce;

    @Override
    protected void setup(Context context) {
      sketchOnce = context.getConfiguration().getBoolean(SKETCH_ONCE, false);
    }

    @Override
    protected void reduce(PairKey key, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      DedupeNode representative = null;
      ByteBuffer reported = none;
      int size = 1;
      for (AvroValue<Object> value : values) {
        if (value.datum() instanceof DedupeNode node) {
          representative = DedupeNode.newBuilder(node).build();
          // the last pass reports similarity from the bottom-256 prefix: the rest would be dead
          // weight in every label (and in each map task's memory)
          reported = representative.getSketch().duplicate();
          reported.limit(
              Math.min(
                  reported.limit(),
                  reported.position() + ShingleSketch.REPORTED_SIZE * Integer.BYTES));
          continue;
        }
        if (representative == null) {
          throw new IllegalStateException("no node for representative " + key.first());
        }
        if (size > 1 && key.second().equals(previous)) {
          continue;
        }
        previous.set(key.second());
        ComponentLabel label = (ComponentLabel) value.datum();
        label.setRepresentativeId(representative.getId());
        label.setFingerprintHigh(representative.getFingerprintHigh());
        label.setFingerprintLow(representative.getFingerprintLow());
        label.setSketch(sketchOnce && size > 1 ? none : reported);
        out.datum(label);
        context.write(out, NullWritable.get());
        size++;
      }
      if (size > 1) {
        context.getCounter(DedupeCounters.COMPONENTS).increment(1);
        context.getCounter(CLUSTER_SIZES, sizeBin(size)).increment(1);
      }
    }

    /** Power-of-two bins: 2, 3-4, 5-8, 9-16, ... */
    static String sizeBin(int size) {
      if (size <= 2) {
        return "2";
      }
      int upper = Integer.highestOneBit(size - 1) << 1;
      return (upper / 2 + 1) + "-" + upper;
    }
  }
}
