package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Each graph node without its document, keyed (rank, ""): the empty tag sorts before any other,
 * so in the joins of near dedupe a node's own record reaches its reducer before the pairs or
 * labels that need its sketch.
 */
public final class NodeSummaryMapper extends Mapper<AvroKey<DedupeNode>, NullWritable, PairKey, AvroValue<Object>> {
  private final PairKey key = new PairKey();
  private final AvroValue<Object> value = new AvroValue<>();

  @Override
  protected void map(AvroKey<DedupeNode> node, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    DedupeNode summary = node.datum();
    summary.setDocument(null);
    value.datum(summary);
    context.write(key.set(summary.getRank(), ""), value);
  }
}
