package dev.sheaf.dedupe;

import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The map side of near dedupe's reduce-side joins (candidates, verify, representatives, filter):
 * every input record goes out as an Avro value under a {@link PairKey} (join key, tag). The shuffle
 * partitions and groups on the join key and sorts on (join key, tag) by bytes, so within one join
 * key a reducer meets the records in tag order:
 *
 * <ol>
 *   <li>{@link #NODE} ({@code ""}): the graph node, without its document, whose id, fingerprint or
 *       sketch the records after it need; the empty tag sorts before every other;
 *   <li>{@link #LABEL} ({@code "0"}), then {@link #DOCUMENT} ({@code "1"}): in the filter, a
 *       document's label (if it has one) before the document;
 *   <li>a pair's other end (a rank, never empty): candidate pairs and component edges, so the same
 *       pair found twice arrives twice in a row and reducers skip the repeat.
 * </ol>
 *
 * @param <KI> the input key type
 * @param <VI> the input value type
 */
abstract class JoinMapper<KI, VI> extends Mapper<KI, VI, PairKey, AvroValue<Object>> {
  static final String NODE = "";
  static final String LABEL = "0";
  static final String DOCUMENT = "1";

  private final PairKey key = new PairKey();
  private final AvroValue<Object> value = new AvroValue<>();

  /** Emits {@code record} under ({@code joinKey}, {@code tag}). */
  protected final void emit(Context context, String joinKey, String tag, Object record)
      throws IOException, InterruptedException {
    value.datum(record);
    context.write(key.set(joinKey, tag), value);
  }

  /** Emits {@code record} under ({@code joinKey}, {@code tag}), without decoding the Texts. */
  protected final void emit(Context context, Text joinKey, Text tag, Object record)
      throws IOException, InterruptedException {
    value.datum(record);
    context.write(key.set(joinKey, tag), value);
  }
}
