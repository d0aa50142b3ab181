package dev.sheaf.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheaf.avro.Example;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;

/**
 * A small shard set written the way {@code sheaf shard} lays one out (train/valid/test part files,
 * {@code _MANIFEST.json} with the shard section, {@code _vectorizer/labels.txt}), with examples
 * drawn from a known distribution: each label has a few signature features, every example a few
 * noise features, values l2-normalised. Lets the trainer's tests choose labels, sizes and shard
 * counts (so the number of map tasks) without running the chain.
 */
public final class SyntheticShards {
  private SyntheticShards() {}

  public static List<String> labels(int count) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      labels.add("label" + i);
    }
    return labels;
  }

  /**
   * Writes {@code perSplit[i]} examples into split i (train, valid, test) over {@code shards} files
   * each.
   */
  public static Path write(Path dir, int dim, int labelCount, int[] perSplit, int shards, long seed)
      throws IOException {
    String[] splits = {"train", "valid", "test"};
    SplittableRandom random = new SplittableRandom(seed);
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = json.createObjectNode();
    manifest.put("tool", "sheaf");
    manifest.put("command", "shard");
    ObjectNode records = manifest.putObject("records");
    ObjectNode shard = manifest.putObject("shard");
    shard.put("dim", dim);
    shard.set("labels", json.valueToTree(labels(labelCount)));
    ObjectNode vectorizer = shard.putObject("vectorizer");
    vectorizer.put("features", "hashing");
    vectorizer.put("dim", dim);
    ArrayNode files = shard.putArray("shards");
    long total = 0;
    for (int s = 0; s < splits.length; s++) {
      Files.createDirectories(dir.resolve(splits[s]));
      records.put(splits[s], perSplit[s]);
      total += perSplit[s];
      for (int f = 0; f < shards; f++) {
        String name = String.format("part-%05d-of-%05d.avro", f, shards);
        File file = dir.resolve(splits[s]).resolve(name).toFile();
        try (DataFileWriter<Example> writer =
            new DataFileWriter<>(new SpecificDatumWriter<>(Example.class))) {
          writer.setCodec(CodecFactory.deflateCodec(1));
          writer.setSyncInterval(2048); // several blocks a file
          writer.create(Example.getClassSchema(), file);
          for (int i = f; i < perSplit[s]; i += shards) {
            writer.append(example(splits[s] + "-" + i, dim, labelCount, random));
          }
        }
        files.addObject().put("split", splits[s]).put("path", splits[s] + "/" + name);
      }
    }
    records.put("in", total);
    json.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("_MANIFEST.json").toFile(), manifest);
    Files.createDirectories(dir.resolve("_vectorizer"));
    Files.write(dir.resolve("_vectorizer/labels.txt"), labels(labelCount));
    Files.writeString(dir.resolve("_SUCCESS"), "");
    return dir;
  }

  private static Example example(String id, int dim, int labelCount, SplittableRandom random) {
    int label = random.nextInt(labelCount);
    TreeMap<Integer, Float> features = new TreeMap<>();
    int signatures = Math.max(1, dim / (4 * labelCount));
    for (int k = 0; k < 3; k++) {
      // mostly the label's own signature features, sometimes another label's: not separable
      int owner = random.nextInt(10) < 8 ? label : random.nextInt(labelCount);
      features.merge(owner * signatures + random.nextInt(signatures), 1f, Float::sum);
    }
    for (int k = 0; k < 4; k++) {
      features.merge(
          labelCount * signatures + random.nextInt(dim - labelCount * signatures),
          0.5f,
          Float::sum);
    }
    double norm = 0;
    for (float value : features.values()) {
      norm += value * value;
    }
    List<Integer> indices = new ArrayList<>(features.keySet());
    List<Float> values = new ArrayList<>();
    for (float value : features.values()) {
      values.add((float) (value / Math.sqrt(norm)));
    }
    return Example.newBuilder()
        .setId(id)
        .setLabel(label)
        .setWeight(1f)
        .setIndices(indices)
        .setValues(values)
        .build();
  }

  /** The examples of one shard file, decoded, in order. */
  public static List<SparseExample> readFile(Path file) throws IOException {
    List<SparseExample> examples = new ArrayList<>();
    Configuration conf = new Configuration();
    try (ExampleInputFormat.Reader reader = new ExampleInputFormat.Reader()) {
      reader.open(conf, new org.apache.hadoop.fs.Path(file.toUri()), 0, Files.size(file));
      while (reader.nextKeyValue()) {
        SparseExample copy = new SparseExample();
        copy.copyFrom(reader.getCurrentKey());
        examples.add(copy);
      }
    }
    return examples;
  }

  /**
   * Replaces a shard file with {@code examples} (indices sorted and merged), keeping ids, labels
   * and weights.
   */
  public static void rewrite(Path file, List<SparseExample> examples) throws IOException {
    try (DataFileWriter<Example> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(Example.class))) {
      writer.setCodec(CodecFactory.deflateCodec(1));
      writer.create(Example.getClassSchema(), file.toFile());
      int n = 0;
      for (SparseExample example : examples) {
        TreeMap<Integer, Float> features = new TreeMap<>();
        for (int i = 0; i < example.size; i++) {
          features.merge(example.indices[i], example.values[i], Float::sum);
        }
        writer.append(
            Example.newBuilder()
                .setId(file.getFileName() + "-" + n++)
                .setLabel(example.label)
                .setWeight(example.weight)
                .setIndices(new ArrayList<>(features.keySet()))
                .setValues(new ArrayList<>(features.values()))
                .build());
      }
    }
  }

  /** Every example of a split, decoded, in file order. */
  public static List<SparseExample> read(Path split) throws IOException {
    List<SparseExample> examples = new ArrayList<>();
    ExampleInputFormat.forEach(
        new Configuration(),
        new org.apache.hadoop.fs.Path(split.toUri()),
        example -> {
          SparseExample copy = new SparseExample();
          copy.copyFrom(example);
          examples.add(copy);
        });
    return examples;
  }
}
