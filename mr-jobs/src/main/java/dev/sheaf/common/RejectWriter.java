package dev.sheaf.common;

import dev.sheaf.avro.Reject;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * Writes a task's {@link Reject}s to {@code <output>/_rejects/part-*.avro} and counts them, in
 * total ({@link StageCounters#REJECTED}) and by reason (the {@link RejectReason} counter group).
 */
public final class RejectWriter {
  public static final String NAMED_OUTPUT = "rejects";
  public static final String DIRECTORY = "_rejects";
  private static final String BASE_PATH = DIRECTORY + "/part";

  private final TaskInputOutputContext<?, ?, ?, ?> context;
  private final AvroMultipleOutputs outputs;
  private final String stage;
  private final Counter rejected;
  private final AvroKey<Reject> key = new AvroKey<>();

  public RejectWriter(
      TaskInputOutputContext<?, ?, ?, ?> context, AvroMultipleOutputs outputs, String stage) {
    this.context = context;
    this.outputs = outputs;
    this.stage = stage;
    this.rejected = context.getCounter(StageCounters.REJECTED);
  }

  /** Declares the rejects output on a job; every stage's job calls this. */
  public static void declare(Job job) {
    AvroMultipleOutputs.addNamedOutput(
        job, NAMED_OUTPUT, AvroKeyOutputFormat.class, Reject.getClassSchema());
  }

  public void write(Reject reject) throws IOException, InterruptedException {
    reject.setStage(stage);
    rejected.increment(1);
    context.getCounter(RejectReason.class.getName(), reject.getReason()).increment(1);
    key.datum(reject);
    outputs.write(NAMED_OUTPUT, key, NullWritable.get(), BASE_PATH);
  }
}
