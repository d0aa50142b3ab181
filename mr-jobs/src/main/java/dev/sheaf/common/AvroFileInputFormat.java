package dev.sheaf.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * An input format over the {@code .avro} files of its input directories (sidecars and markers left
 * out).
 */
public abstract class AvroFileInputFormat<K> extends FileInputFormat<K, NullWritable> {
  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    List<FileStatus> avro = new ArrayList<>();
    for (FileStatus status : super.listStatus(job)) {
      if (status.getPath().getName().endsWith(".avro")) {
        avro.add(status);
      }
    }
    return avro;
  }
}
