package dev.sheaf.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sheaf.avro.Example;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.StageOutput;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * {@code sheaf export}: one split of a shard set as one file, shard after shard in order, in one of
 * three shapes:
 *
 * <ul>
 *   <li>{@code libsvm}: LIBSVM / SVMlight lines ({@code label index:value ...}, 1-based indices
 *       ascending, for liblinear, Vowpal Wabbit's and XGBoost's readers; unlabeled examples get
 *       label -1);
 *   <li>{@code jsonl}: JSON lines ({@code id}, {@code label}, {@code labelName}, {@code indices},
 *       {@code values}; {@code labelName} null when the label is -1 or not in the vectorizer's
 *       {@code labels.txt});
 *   <li>{@code parquet}: one Parquet file (Snappy, parquet-mr's writer through {@link
 *       ExampleWriteSupport}) of the same fields, the split in the footer's key/value metadata as
 *       {@code sheaf.split}:
 *       <pre>
 * message example {
 *   required binary id (STRING);
 *   required int32 label;
 *   optional binary labelName (STRING);
 *   required group indices (LIST) { repeated group list { required int32 element; } }
 *   required group values (LIST) { repeated group list { required float element; } }
 * }
 * </pre>
 *       The arrays take the standard three-level LIST layout of the Parquet format specification
 *       (LogicalTypes.md, "Lists"), not one of the older layouts its backward-compatibility rules
 *       exist for, so Spark ({@code spark.read.parquet}) and pyarrow/pandas ({@code
 *       pandas.read_parquet}) read them as arrays.
 * </ul>
 *
 * Streams (Parquet holds one row group in memory at most); any Hadoop file system; checks the count
 * against the shard manifest whatever the format. The file is written under a hidden name beside
 * the output and renamed to it only once complete and counted ({@link StageOutput}): a failed or
 * killed export leaves the previous file, or none, never a part of one.
 */
public final class ExportCommand extends SheafCommand {
  static final List<String> SPLITS = List.of("train", "valid", "test");
  static final List<String> FORMATS = List.of("libsvm", "jsonl", "parquet");

  /** The footer key/value entry that names the exported split. */
  static final String SPLIT_METADATA_KEY = "sheaf.split";

  public ExportCommand() {
    super("export", "Write one split of a shard set as LIBSVM, JSON lines or Parquet.");
  }

  @Override
  protected Options options() {
    return StageOption.toOptions(List.of(ExportOption.values()));
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    String split = choice(line, ExportOption.SPLIT, SPLITS);
    String format = choice(line, ExportOption.FORMAT, FORMATS);
    Configuration conf = getConf();
    Path shards = new Path(ExportOption.SHARDS.value(line));
    FileSystem fs = shards.getFileSystem(conf);
    if (!fs.exists(new Path(shards, Manifest.FILE_NAME)) || !fs.exists(new Path(shards, split))) {
      throw new UsageException(
          String.format(
              "%s %s is not a shard set (no %s or %s/)",
              ExportOption.SHARDS.flag(), shards, Manifest.FILE_NAME, split));
    }
    Path output = new Path(ExportOption.OUTPUT.value(line));
    // written beside the output under a hidden name, renamed to it once complete and counted
    StageOutput staged =
        StageOutput.prepare(
            conf, output, List.of(fs.makeQualified(shards)), ExportOption.OVERWRITE.isSet(line));
    List<String> labelNames = TextFiles.readLines(conf, new Path(shards, "_vectorizer/labels.txt"));
    List<FileStatus> files =
        TextFiles.matching(conf, new Path(new Path(shards, split), "part-*.avro"));
    long exported =
        format.equals("parquet")
            ? writeParquet(conf, files, staged.path(), labelNames, split)
            : writeText(conf, files, staged.path(), labelNames, format.equals("jsonl"));
    long expected = expectedRecords(conf, shards, split);
    if (exported != expected) {
      throw new StageFailedException(
          String.format(
              "export: %d examples read from %s/, the manifest says %d; the shard set is damaged"
                  + " (run sheaf shard --verify %s)",
              exported, split, expected, shards));
    }
    staged.publish();
    System.out.printf("export: %d %s examples -> %s (%s)%n", exported, split, output, format);
    return 0;
  }

  /** The option's value (its default when absent), one of {@code allowed}. */
  private static String choice(CommandLine line, ExportOption option, List<String> allowed) {
    String value = option.value(line, allowed.get(0));
    if (!allowed.contains(value)) {
      throw new UsageException(
          String.format(
              "%s must be %s or %s (got '%s')",
              option.flag(),
              String.join(", ", allowed.subList(0, allowed.size() - 1)),
              allowed.get(allowed.size() - 1),
              value));
    }
    return value;
  }

  /** One Snappy Parquet file of the split's examples at {@code target}; returns their count. */
  private static long writeParquet(
      Configuration conf,
      List<FileStatus> files,
      Path target,
      List<String> labelNames,
      String split)
      throws IOException {
    ParquetWriter.Builder<Example, ?> builder =
        new ExampleParquetBuilder(
                HadoopOutputFile.fromPath(target, conf),
                new ExampleWriteSupport(labelNames, Map.of(SPLIT_METADATA_KEY, split)))
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE);
    try (ParquetWriter<Example> writer = builder.build()) {
      return readSplit(conf, files, writer::write);
    }
  }

  /**
   * One libsvm or JSON-lines file of the split's examples at {@code target}; returns their count.
   */
  private static long writeText(
      Configuration conf,
      List<FileStatus> files,
      Path target,
      List<String> labelNames,
      boolean jsonl)
      throws IOException {
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                target.getFileSystem(conf).create(target, false), StandardCharsets.UTF_8),
            1 << 16)) {
      if (!jsonl) {
        return readSplit(conf, files, example -> writeLibsvm(example, out));
      }
      JsonGenerator json = new JsonFactory().createGenerator(out);
      return readSplit(
          conf,
          files,
          example -> {
            writeJson(example, labelNames, json);
            json.flush();
            out.write('\n');
          });
    }
  }

  /** Where the examples of a split go, one at a time (the record may be reused after the call). */
  @FunctionalInterface
  private interface ExampleSink {
    void write(Example example) throws IOException;
  }

  /** Reads the split's files in order into {@code sink}; returns how many examples it read. */
  private static long readSplit(Configuration conf, List<FileStatus> files, ExampleSink sink)
      throws IOException {
    long read = 0;
    Example example = null;
    for (FileStatus file : files) {
      try (InputStream in = file.getPath().getFileSystem(conf).open(file.getPath());
          DataFileStream<Example> reader =
              new DataFileStream<>(in, new SpecificDatumReader<>(Example.class))) {
        while (reader.hasNext()) {
          example = reader.next(example);
          sink.write(example);
          read++;
        }
      }
    }
    return read;
  }

  /** parquet-mr's writer builder for {@link ExampleWriteSupport}, onto any Hadoop file system. */
  private static final class ExampleParquetBuilder
      extends ParquetWriter.Builder<Example, ExampleParquetBuilder> {
    private final ExampleWriteSupport writeSupport;

    ExampleParquetBuilder(OutputFile file, ExampleWriteSupport writeSupport) {
      super(file);
      this.writeSupport = writeSupport;
    }

    @Override
    protected ExampleParquetBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Example> getWriteSupport(Configuration conf) {
      return writeSupport;
    }
  }

  static void writeLibsvm(Example example, Writer out) throws IOException {
    out.write(Integer.toString(example.getLabel()));
    List<Integer> indices = example.getIndices();
    List<Float> values = example.getValues();
    for (int i = 0; i < indices.size(); i++) {
      out.write(' ');
      out.write(Integer.toString(indices.get(i) + 1));
      out.write(':');
      out.write(Float.toString(values.get(i)));
    }
    out.write('\n');
  }

  private static void writeJson(Example example, List<String> labelNames, JsonGenerator json)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", example.getId());
    json.writeNumberField("label", example.getLabel());
    int label = example.getLabel();
    if (label >= 0 && label < labelNames.size()) {
      json.writeStringField("labelName", labelNames.get(label));
    } else {
      json.writeNullField("labelName");
    }
    json.writeArrayFieldStart("indices");
    for (int index : example.getIndices()) {
      json.writeNumber(index);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("values");
    for (float value : example.getValues()) {
      json.writeNumber(value);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static long expectedRecords(Configuration conf, Path shards, String split)
      throws IOException {
    return JsonFiles.read(conf, new Path(shards, Manifest.FILE_NAME))
        .at("/records/" + split)
        .asLong(-1);
  }
}
