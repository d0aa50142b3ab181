package dev.sheaf.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Example;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Writes its shards (one each when there are as many reducers as shards, else every R-th one):
 * {@code <split>/part-KKKKK-of-NNNNN.avro} in the shuffled order, keeping exactly each shard's
 * ranks, with a sync marker derived from the seed and the shard (so the bytes are the same on every
 * run), and each shard's count, bytes, SHA-256 and label histogram in {@code
 * _shards/<split>-KKKKK.json}. Every shard of the range is written, empty ones too. All goes to the
 * task's work directory and is promoted by the output committer, so a failed or speculative attempt
 * leaves nothing behind.
 */
public class ShardReducer
    extends Reducer<BytesWritable, BytesWritable, NullWritable, NullWritable> {
  static final String SIDECARS = "_shards";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShardPlan plan;
  private Context context;
  private Path work;
  private int reducer;
  private int reducers;

  /** This reducer's last shard, -1 when it has none. */
  private int lastShard;

  /** The global shard being written (split x shards + k), -1 before the first. */
  private int global = -1;

  private int split;
  private int shard;
  private long lo;
  private long hi;
  private int currentBucket;
  private long rank;
  private DataFileWriter<Example> writer;
  private CountingDigestStream stream;
  private long records;
  private final Map<Integer, Long> labels = new TreeMap<>();

  static String fileName(int shard, int shards) {
    return String.format("part-%05d-of-%05d.avro", shard, shards);
  }

  /**
   * The reducer of global shard {@code shard}: round robin, so each reducer gets shards of every
   * split (train's are the big ones) and the reducers' loads stay even.
   */
  static int reducerOf(int shard, int shards, int reducers) {
    return shard % reducers;
  }

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    this.context = context;
    work = FileOutputFormat.getWorkOutputPath(context);
    plan =
        ShardPlan.read(
            context.getConfiguration(), new Path(context.getConfiguration().get(ShardJob.PLAN)));
    reducer = context.getTaskAttemptID().getTaskID().getId();
    reducers = context.getNumReduceTasks();
    int shards = ShardKeys.SPLITS.length * plan.shards;
    lastShard = -1;
    for (int g = reducer; g < shards; g += reducers) {
      lastShard = g;
    }
  }

  /**
   * Closes the shard being written and opens each of this reducer's shards up to {@code target},
   * empty ones closed at once.
   */
  private void advanceTo(int target) throws IOException {
    while (global < target) {
      if (writer != null) {
        finishShard();
      }
      global = global < 0 ? reducer : global + reducers;
      openShard();
    }
  }

  private void openShard() throws IOException {
    split = global / plan.shards;
    shard = global % plan.shards;
    long total = plan.total(split);
    lo = ShardKeys.shardStart(total, plan.shards, shard);
    hi = ShardKeys.shardStart(total, plan.shards, shard + 1);
    currentBucket = -1;
    records = 0;
    labels.clear();
    Path file = new Path(new Path(work, ShardKeys.SPLITS[split]), fileName(shard, plan.shards));
    stream =
        new CountingDigestStream(
            file.getFileSystem(context.getConfiguration()).create(file, false));
    writer = new DataFileWriter<>(new SpecificDatumWriter<>(Example.class));
    writer.setCodec(
        CodecFactory.fromString(
            context.getConfiguration().get(ShardJob.CODEC, ShardJob.DEFAULT_CODEC)));
    writer.create(Example.getClassSchema(), stream, syncMarker(plan.seed, split, shard));
  }

  /** 16 bytes from (seed, split, shard): a fixed marker makes the file's bytes reproducible. */
  static byte[] syncMarker(int seed, int split, int shard) {
    long[] hash = ShardKeys.hash("sync/" + split + "/" + shard, seed);
    return ByteBuffer.allocate(16).putLong(hash[0]).putLong(hash[1]).array();
  }

  @Override
  protected void reduce(BytesWritable key, Iterable<BytesWritable> values, Context context)
      throws IOException {
    ByteBuffer keyBytes = ByteBuffer.wrap(key.getBytes(), 0, 12);
    advanceTo(keyBytes.getInt(0));
    int bucket = ShardKeys.orderBucket(keyBytes.getLong(4));
    for (BytesWritable value : values) {
      if (bucket != currentBucket) {
        currentBucket = bucket;
        rank = plan.start(split, bucket);
      } else {
        rank++;
      }
      if (rank >= lo && rank < hi) {
        writer.appendEncoded(ByteBuffer.wrap(value.getBytes(), 0, value.getLength()));
        records++;
        labels.merge(RawExample.label(value.getBytes(), 0), 1L, Long::sum);
      }
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    advanceTo(lastShard);
    if (writer != null) {
      finishShard();
    }
  }

  private void finishShard() throws IOException {
    writer.close();
    writer = null;
    ObjectNode info = JSON.createObjectNode();
    info.put("split", ShardKeys.SPLITS[split]);
    info.put("shard", shard);
    info.put("path", ShardKeys.SPLITS[split] + "/" + fileName(shard, plan.shards));
    info.put("records", records);
    info.put("bytes", stream.bytes);
    info.put("sha256", HexFormat.of().formatHex(stream.digest()));
    ObjectNode histogram = info.putObject("labels");
    labels.forEach((label, count) -> histogram.put(Integer.toString(label), count));
    Path sidecar =
        new Path(
            new Path(work, SIDECARS),
            ShardKeys.SPLITS[split] + "-" + String.format("%05d", shard) + ".json");
    try (OutputStream out =
        sidecar.getFileSystem(context.getConfiguration()).create(sidecar, false)) {
      JSON.writeValue(out, info);
    }
  }

  /** Counts and digests what goes through it to the file. */
  static final class CountingDigestStream extends DigestOutputStream {
    long bytes;

    CountingDigestStream(OutputStream out) {
      super(out, sha256());
    }

    @Override
    public void write(int b) throws IOException {
      super.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      super.write(b, off, len);
      bytes += len;
    }

    byte[] digest() {
      return getMessageDigest().digest();
    }

    static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
