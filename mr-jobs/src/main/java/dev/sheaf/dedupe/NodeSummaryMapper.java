package dev.sheaf.dedupe;

import dev.sheaf.avro.DedupeNode;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.NullWritable;

/**
 * Each graph node without its document, keyed (rank, {@link JoinMapper#NODE}): in the joins of near
 * dedupe a node's own record reaches its reducer before the pairs or labels that need its sketch.
 */
public final class NodeSummaryMapper extends JoinMapper<AvroKey<DedupeNode>, NullWritable> {
  @Override
  protected void map(AvroKey<DedupeNode> node, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    DedupeNode summary = node.datum();
    summary.setDocument(null);
    emit(context, summary.getRank(), NODE, summary);
  }
}
