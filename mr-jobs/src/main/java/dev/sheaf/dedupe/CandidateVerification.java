package dev.sheaf.dedupe;

import dev.sheaf.avro.CandidatePair;
import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Near dedupe, verification of candidate pairs in two joins, so that each document's sketch travels
 * once per pair instead of once per bucket: first every pair picks up its centre's sketch (grouped
 * by centre), then meets its member's (grouped by member), where their Jaccard similarity is
 * computed and the pair becomes an edge when it reaches the threshold. Each reducer holds one
 * sketch; pairs found in several buckets are verified once.
 */
public final class CandidateVerification {
  private CandidateVerification() {}

  /** Candidate pairs from the buckets, keyed (centre, member). */
  public static final class PairByCenterMapper extends JoinMapper<Text, Text> {
    private final CandidatePair pair = new CandidatePair();

    @Override
    protected void map(Text center, Text member, Context context)
        throws IOException, InterruptedException {
      pair.setCenter(center.toString());
      pair.setMember(member.toString());
      pair.setCenterSketch(ByteBuffer.allocate(0));
      emit(context, center, member, pair);
    }
  }

  /** Pairs with their centre's sketch, keyed (member, centre). */
  public static final class PairByMemberMapper extends JoinMapper<AvroKey<Object>, NullWritable> {
    @Override
    protected void map(AvroKey<Object> pair, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      CandidatePair candidate = (CandidatePair) pair.datum();
      emit(context, candidate.getMember(), candidate.getCenter(), candidate);
    }
  }

  /**
   * At a centre: its node first ({@link JoinMapper#NODE}), then its distinct pairs, which get its
   * sketch.
   */
  public static final class AttachCenterReducer
      extends Reducer<PairKey, AvroValue<Object>, AvroKey<CandidatePair>, NullWritable> {
    private final AvroKey<CandidatePair> out = new AvroKey<>();
    private final Text previous = new Text();

    @Override
    protected void reduce(PairKey key, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      ByteBuffer sketch = null;
      for (AvroValue<Object> value : values) {
        if (value.datum() instanceof DedupeNode node) {
          sketch = copy(node.getSketch());
          continue;
        }
        if (sketch == null) {
          throw new IllegalStateException("no node for candidate centre " + key.first());
        }
        if (key.second().equals(previous)) {
          continue;
        }
        previous.set(key.second());
        CandidatePair pair = (CandidatePair) value.datum();
        pair.setCenterSketch(sketch);
        out.datum(pair);
        context.write(out, NullWritable.get());
      }
      previous.clear();
    }
  }

  /** At a member: its node first, then each distinct pair: an edge when similar enough. */
  public static final class VerifyReducer extends Reducer<PairKey, AvroValue<Object>, Text, Text> {
    private final Text center = new Text();
    private final Text member = new Text();
    private final Text previous = new Text();
    private final long[][] memberSketch = new long[1][];
    private final long[][] centerSketch = new long[1][];
    private float threshold;
    private int sketchSize;
    private Counter candidatePairs;
    private Counter edges;

    @Override
    protected void setup(Context context) {
      DedupeOptions.Near near = DedupeOptions.Near.from(context.getConfiguration());
      threshold = near.threshold();
      sketchSize = near.sketchSize();
      candidatePairs = context.getCounter(DedupeCounters.CANDIDATE_PAIRS);
      edges = context.getCounter(DedupeCounters.EDGES);
    }

    @Override
    protected void reduce(PairKey key, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      int memberLength = -1;
      for (AvroValue<Object> value : values) {
        if (value.datum() instanceof DedupeNode node) {
          memberLength = ShingleSketch.fromBytes(node.getSketch(), memberSketch);
          member.set(node.getRank());
          continue;
        }
        if (memberLength < 0) {
          throw new IllegalStateException("no node for candidate member " + key.first());
        }
        if (key.second().equals(previous)) {
          continue;
        }
        previous.set(key.second());
        CandidatePair pair = (CandidatePair) value.datum();
        int centerLength = ShingleSketch.fromBytes(pair.getCenterSketch(), centerSketch);
        candidatePairs.increment(1);
        if (ShingleSketch.similarity(
                centerSketch[0], centerLength, memberSketch[0], memberLength, sketchSize)
            >= threshold) {
          center.set(pair.getCenter());
          context.write(center, member);
          edges.increment(1);
        }
      }
      previous.clear();
    }
  }

  static ByteBuffer copy(ByteBuffer bytes) {
    ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
    copy.put(bytes.duplicate());
    copy.flip();
    return copy;
  }
}
