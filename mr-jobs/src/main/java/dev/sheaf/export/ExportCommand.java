package dev.sheaf.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sheaf.avro.Example;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.TextFiles;
import dev.sheaf.common.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sheaf export}: one split of a shard set as one text file, shard after shard in order:
 * LIBSVM / SVMlight lines ({@code label index:value ...}, 1-based indices ascending, for liblinear,
 * Vowpal Wabbit's and XGBoost's readers; unlabeled examples get label -1) or JSON lines
 * ({@code id}, {@code label}, {@code labelName}, {@code indices}, {@code values}). Streams, so it
 * needs no memory for the split; checks the count against the shard manifest.
 */
public final class ExportCommand extends SheafCommand {
  static final List<String> SPLITS = List.of("train", "valid", "test");

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "Write one split of a shard set as LIBSVM or JSON lines.";
  }

  @Override
  protected Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("shards").hasArg().argName("DIR").required()
        .desc("a shard set (the output of sheaf shard)").build());
    options.addOption(Option.builder().longOpt("split").hasArg().argName("SPLIT").desc("train (default), valid or test").build());
    options.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT").desc("libsvm (default) or jsonl").build());
    options.addOption(Option.builder().longOpt("output").hasArg().argName("FILE").required()
        .desc("the file to write (any Hadoop file system)").build());
    options.addOption(Option.builder().longOpt("overwrite").desc("replace an existing file").build());
    return options;
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    String split = line.getOptionValue("split", "train");
    if (!SPLITS.contains(split)) {
      throw new UsageException("--split must be train, valid or test (got '" + split + "')");
    }
    String format = line.getOptionValue("format", "libsvm");
    if (!format.equals("libsvm") && !format.equals("jsonl")) {
      throw new UsageException("--format must be libsvm or jsonl (got '" + format + "')");
    }
    Configuration conf = getConf();
    Path shards = new Path(line.getOptionValue("shards"));
    FileSystem fs = shards.getFileSystem(conf);
    if (!fs.exists(new Path(shards, Manifest.FILE_NAME)) || !fs.exists(new Path(shards, split))) {
      throw new UsageException("--shards " + shards + " is not a shard set (no " + Manifest.FILE_NAME + " or " + split + "/)");
    }
    Path output = new Path(line.getOptionValue("output"));
    FileSystem outFs = output.getFileSystem(conf);
    if (outFs.exists(output) && !line.hasOption("overwrite")) {
      throw new UsageException("output " + output + " already exists; choose another --output or pass --overwrite");
    }
    List<String> labelNames = TextFiles.readLines(conf, new Path(shards, "_vectorizer/labels.txt"));
    List<FileStatus> files = TextFiles.matching(conf, new Path(new Path(shards, split), "part-*.avro"));
    long exported = 0;
    try (Writer out = new BufferedWriter(new OutputStreamWriter(outFs.create(output, true), StandardCharsets.UTF_8), 1 << 16)) {
      JsonGenerator json = format.equals("jsonl") ? new JsonFactory().createGenerator(out) : null;
      Example example = null;
      for (FileStatus file : files) {
        try (InputStream in = fs.open(file.getPath());
            DataFileStream<Example> reader = new DataFileStream<>(in, new SpecificDatumReader<>(Example.class))) {
          while (reader.hasNext()) {
            example = reader.next(example);
            if (json == null) {
              writeLibsvm(example, out);
            } else {
              writeJson(example, labelNames, json);
              json.flush();
              out.write('\n');
            }
            exported++;
          }
        }
      }
    }
    long expected = expectedRecords(conf, shards, split);
    if (exported != expected) {
      throw new StageFailedException("export: " + exported + " examples read from " + split + "/, the manifest says "
          + expected + "; the shard set is damaged (run sheaf shard --verify " + shards + ")");
    }
    System.out.printf("export: %d %s examples -> %s (%s)%n", exported, split, output, format);
    return 0;
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

  private static void writeJson(Example example, List<String> labelNames, JsonGenerator json) throws IOException {
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

  private static long expectedRecords(Configuration conf, Path shards, String split) throws IOException {
    Path manifest = new Path(shards, Manifest.FILE_NAME);
    try (InputStream in = manifest.getFileSystem(conf).open(manifest)) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).at("/records/" + split).asLong(-1);
    }
  }
}
