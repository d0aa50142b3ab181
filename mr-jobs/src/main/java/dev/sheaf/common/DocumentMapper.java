package dev.sheaf.common;

import dev.sheaf.avro.Document;
import java.io.IOException;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Base of every mapper that reads documents through a Sheaf input format: counts each record in
 * ({@link StageCounters#RECORDS_IN}), sends rejects to {@code _rejects/}, counts replaced invalid
 * UTF-8 and unpaired surrogates, and hands the documents to {@link #mapDocument}.
 */
public abstract class DocumentMapper<KEYOUT, VALUEOUT>
    extends Mapper<NullWritable, ParsedRecord, KEYOUT, VALUEOUT> {
  /** The stage name a job puts in its configuration; rejects carry it. */
  public static final String STAGE = "sheaf.stage";

  private AvroMultipleOutputs outputs;
  private RejectWriter rejects;
  private Counter recordsIn;
  private Counter invalidUtf8;
  private Counter loneSurrogates;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    outputs = new AvroMultipleOutputs(context);
    rejects = new RejectWriter(context, outputs, context.getConfiguration().get(STAGE, "unknown"));
    recordsIn = context.getCounter(StageCounters.RECORDS_IN);
    invalidUtf8 = context.getCounter(StageCounters.INVALID_UTF8_REPLACED);
    loneSurrogates = context.getCounter(StageCounters.LONE_SURROGATES_REPLACED);
  }

  @Override
  protected final void map(NullWritable key, ParsedRecord record, Context context)
      throws IOException, InterruptedException {
    recordsIn.increment(1);
    if (record.isRejected()) {
      rejects.write(record.reject());
      return;
    }
    if (record.hadInvalidUtf8()) {
      invalidUtf8.increment(1);
    }
    if (record.loneSurrogatesReplaced() > 0) {
      loneSurrogates.increment(record.loneSurrogatesReplaced());
    }
    mapDocument(record.document(), context);
  }

  /** The task's multiple outputs (rejects go there too), for stages that write side outputs. */
  protected AvroMultipleOutputs multipleOutputs() {
    return outputs;
  }

  /** Handles one readable document. */
  protected abstract void mapDocument(Document document, Context context)
      throws IOException, InterruptedException;

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
