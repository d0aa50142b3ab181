package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Connected components by alternating large-star and small-star rounds (Kiveris et al., "Connected
 * Components in MapReduce and Beyond", 2014). Edges are (Text, Text) pairs of node ranks. Each
 * reducer sees one node's neighbours in ascending order (a {@link PairKey} secondary sort), so the
 * smallest comes first and the rest stream: memory per task is constant whatever the degree. When a
 * large-star and the following small-star round change nothing, every component is a star around
 * its smallest rank: each edge joins a member to its representative.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /** Both directions of every edge; self-loops dropped. */
  public static final class LargeStarMapper extends Mapper<Text, Text, PairKey, NullWritable> {
    private final PairKey key = new PairKey();

    @Override
    protected void map(Text u, Text v, Context context) throws IOException, InterruptedException {
      if (!u.equals(v)) {
        context.write(key.set(u, v), NullWritable.get());
        context.write(key.set(v, u), NullWritable.get());
      }
    }
  }

  /**
   * One call per node: its distinct neighbours, ascending, so the smallest comes first and the rest
   * stream.
   */
  abstract static class NeighbourReducer extends Reducer<PairKey, NullWritable, Text, Text> {
    final Text node = new Text();
    final Text smallest = new Text();
    private final Text previous = new Text();

    @Override
    protected final void reduce(PairKey key, Iterable<NullWritable> values, Context context)
        throws IOException, InterruptedException {
      node.set(key.first());
      boolean first = true;
      for (NullWritable ignored : values) {
        Text neighbour = key.second();
        if (first) {
          first = false;
          smallestNeighbour(neighbour);
        } else if (neighbour.equals(previous)) {
          continue;
        }
        previous.set(neighbour);
        neighbour(neighbour, context);
      }
      end(context);
    }

    /** Called first, with the smallest neighbour. */
    abstract void smallestNeighbour(Text neighbour);

    /** Called for each distinct neighbour, the smallest included. */
    abstract void neighbour(Text neighbour, Context context)
        throws IOException, InterruptedException;

    /** Called after the last neighbour. */
    void end(Context context) throws IOException, InterruptedException {}
  }

  /** At node u with smallest neighbour-or-self m: links every larger neighbour to m. */
  public static final class LargeStarReducer extends NeighbourReducer {
    private Counter changes;

    @Override
    protected void setup(Context context) {
      changes = context.getCounter(DedupeCounters.LARGE_STAR_CHANGES);
    }

    @Override
    void smallestNeighbour(Text neighbour) {
      smallest.set(neighbour.compareTo(node) < 0 ? neighbour : node);
    }

    @Override
    void neighbour(Text neighbour, Context context) throws IOException, InterruptedException {
      if (neighbour.compareTo(node) > 0) {
        context.write(neighbour, smallest);
        if (!smallest.equals(node)) {
          changes.increment(1);
        }
      }
    }
  }

  /** Every edge keyed by its larger end, so each node sees its smaller neighbours. */
  public static final class SmallStarMapper extends Mapper<Text, Text, PairKey, NullWritable> {
    private final PairKey key = new PairKey();

    @Override
    protected void map(Text u, Text v, Context context) throws IOException, InterruptedException {
      int order = u.compareTo(v);
      if (order > 0) {
        context.write(key.set(u, v), NullWritable.get());
      } else if (order < 0) {
        context.write(key.set(v, u), NullWritable.get());
      }
    }
  }

  /** At node u with smaller neighbours N and m = min N: links u and every other of N to m. */
  public static final class SmallStarReducer extends NeighbourReducer {
    private Counter changes;

    @Override
    protected void setup(Context context) {
      changes = context.getCounter(DedupeCounters.SMALL_STAR_CHANGES);
    }

    @Override
    void smallestNeighbour(Text neighbour) {
      smallest.set(neighbour);
    }

    @Override
    void neighbour(Text neighbour, Context context) throws IOException, InterruptedException {
      if (!neighbour.equals(smallest)) {
        context.write(neighbour, smallest);
        changes.increment(1);
      }
    }

    @Override
    void end(Context context) throws IOException, InterruptedException {
      context.write(node, smallest);
    }
  }
}
