package dev.sheaf.common;

import dev.sheaf.avro.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapreduce.AvroKeyRecordReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * {@code --format avro}: {@code Document} container files, such as a previous stage's {@code
 * part-*.avro}. Files not ending in {@code .avro} (a {@code _SUCCESS}, a manifest) are skipped.
 */
public final class AvroDocumentInputFormat extends DocumentInputFormat {
  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    List<FileStatus> avroFiles = new ArrayList<>();
    for (FileStatus status : super.listStatus(job)) {
      if (status.getPath().getName().endsWith(".avro")) {
        avroFiles.add(status);
      }
    }
    return avroFiles;
  }

  @Override
  protected RecordReader<NullWritable, ParsedRecord> newReader() {
    return new ParsedRecordReader() {
      private final AvroKeyRecordReader<Document> avro =
          new AvroKeyRecordReader<>(Document.getClassSchema());
      private String source;

      @Override
      public void initialize(InputSplit split, TaskAttemptContext context)
          throws IOException, InterruptedException {
        avro.initialize(split, context);
        source = SourceNames.of(context.getConfiguration(), ((FileSplit) split).getPath());
      }

      @Override
      public boolean nextKeyValue() throws IOException, InterruptedException {
        if (!avro.nextKeyValue()) {
          current = null;
          return false;
        }
        // the reader reuses its datum; stages may keep a document past the next call
        Document document = Document.newBuilder(avro.getCurrentKey().datum()).build();
        if (document.getText().isBlank()) {
          current =
              ParsedRecord.rejected(
                  RejectReason.EMPTY_TEXT,
                  source,
                  -1,
                  "document '" + document.getId() + "' has no text",
                  "");
        } else {
          current = ParsedRecord.of(document, false);
        }
        return true;
      }

      @Override
      public float getProgress() throws IOException, InterruptedException {
        return avro.getProgress();
      }

      @Override
      public void close() throws IOException {
        avro.close();
      }
    };
  }
}
