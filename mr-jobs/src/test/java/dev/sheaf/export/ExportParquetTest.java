package dev.sheaf.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheaf.avro.Example;
import dev.sheaf.cli.CliRun;
import dev.sheaf.testing.AvroFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sheaf export --format parquet} on a real shard set (vectorize -> shard through the CLI),
 * read back with parquet-mr's own reader.
 */
class ExportParquetTest {
  /** The schema as the README and the command's javadoc document it. */
  private static final MessageType DOCUMENTED =
      MessageTypeParser.parseMessageType(
          "message example {"
              + " required binary id (STRING); required int32 label; optional binary labelName (STRING);"
              + " required group indices (LIST) { repeated group list { required int32 element; } }"
              + " required group values (LIST) { repeated group list { required float element; } } }");

  @TempDir static Path dir;
  static Path shards;
  static List<String> labels;

  /** One row as parquet-mr's example reader gives it back. */
  private record Row(String id, int label, String labelName, int[] indices, float[] values) {}

  @BeforeAll
  static void shardASmallCorpus() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    List<String> lines = new ArrayList<>();
    String[] words = {
      "offer", "meeting", "free", "lunch", "report", "winner", "budget", "click", "team", "prize"
    };
    for (int i = 0; i < 60; i++) {
      String text =
          "document "
              + i
              + " "
              + words[i % words.length]
              + " "
              + words[(i * 7) % words.length]
              + " "
              + words[(i * 3 + 1) % words.length]
              + " note "
              + (i % 4);
      // every third document has no label: vectorize keeps it with label -1
      String label = i % 3 == 2 ? "" : ", \"label\": \"" + (i % 2 == 0 ? "spam" : "ham") + "\"";
      lines.add("{\"id\": \"d" + i + "\"" + label + ", \"text\": \"" + text + "\"}");
    }
    Files.write(corpus.resolve("corpus.jsonl"), lines);
    Path vectors = dir.resolve("vectors");
    CliRun.ok(
        "vectorize",
        "--format",
        "jsonl",
        "--input",
        corpus.toString(),
        "--output",
        vectors.toString(),
        "--dim",
        "1024",
        "--fit-on",
        "all");
    shards = dir.resolve("shards");
    CliRun.ok(
        "shard",
        "--input",
        vectors.toString(),
        "--output",
        shards.toString(),
        "--shards",
        "2",
        "--seed",
        "3");
    labels = Files.readAllLines(shards.resolve("_vectorizer/labels.txt"));
    assertEquals(2, labels.size(), labels.toString());
  }

  private static List<Example> split(Path shardSet, String split) {
    return AvroFiles.read(shardSet.resolve(split), Example.class);
  }

  private static List<Row> readRows(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .withConf(new Configuration())
            .build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        Group indices = group.getGroup("indices", 0);
        Group values = group.getGroup("values", 0);
        int[] is = new int[indices.getFieldRepetitionCount("list")];
        for (int i = 0; i < is.length; i++) {
          is[i] = indices.getGroup("list", i).getInteger("element", 0);
        }
        float[] vs = new float[values.getFieldRepetitionCount("list")];
        for (int i = 0; i < vs.length; i++) {
          vs[i] = values.getGroup("list", i).getFloat("element", 0);
        }
        String labelName =
            group.getFieldRepetitionCount("labelName") == 0
                ? null
                : group.getString("labelName", 0);
        rows.add(
            new Row(group.getString("id", 0), group.getInteger("label", 0), labelName, is, vs));
      }
    }
    return rows;
  }

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter();
    }
  }

  private static void assertRowsAre(
      List<Example> examples, List<Row> rows, List<String> labelNames) {
    assertEquals(examples.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Example example = examples.get(i);
      Row row = rows.get(i);
      assertEquals(example.getId(), row.id(), "row " + i);
      assertEquals(example.getLabel(), row.label(), example.getId());
      int label = example.getLabel();
      assertEquals(
          label >= 0 && label < labelNames.size() ? labelNames.get(label) : null,
          row.labelName(),
          example.getId());
      assertArrayEquals(
          example.getIndices().stream().mapToInt(Integer::intValue).toArray(),
          row.indices(),
          example.getId());
      float[] values = new float[example.getValues().size()];
      for (int v = 0; v < values.length; v++) {
        values[v] = example.getValues().get(v);
      }
      assertArrayEquals(values, row.values(), example.getId());
    }
  }

  @Test
  void theSplitComesBackRowForRowWithTheDocumentedSchemaAndFooter() throws Exception {
    List<Example> train = split(shards, "train");
    assertTrue(train.size() > 30, "train " + train.size());
    assertTrue(
        train.stream().anyMatch(example -> example.getLabel() == -1),
        "an unlabeled example in train");
    Path file = dir.resolve("train.parquet");
    CliRun run =
        CliRun.ok(
            "export",
            "--shards",
            shards.toString(),
            "--split",
            "train",
            "--format",
            "parquet",
            "--output",
            file.toString());
    assertTrue(run.out().contains("export: " + train.size() + " train examples -> "), run.out());
    assertTrue(run.out().contains("(parquet)"), run.out());

    List<Row> rows = readRows(file);
    assertRowsAre(train, rows, labels);
    for (int i = 0; i < rows.size(); i++) {
      if (train.get(i).getLabel() == -1) {
        assertNull(rows.get(i).labelName(), "unlabeled " + rows.get(i).id());
      }
    }

    ParquetMetadata footer = footer(file);
    MessageType schema = footer.getFileMetaData().getSchema();
    assertEquals(DOCUMENTED, schema);
    assertEquals(ExampleWriteSupport.SCHEMA, schema);
    for (String array : List.of("indices", "values")) {
      GroupType list = schema.getType(array).asGroupType();
      assertEquals(LogicalTypeAnnotation.listType(), list.getLogicalTypeAnnotation(), array);
      assertEquals(Type.Repetition.REQUIRED, list.getRepetition(), array);
      GroupType repeated = list.getType(0).asGroupType();
      assertEquals("list", repeated.getName());
      assertEquals(Type.Repetition.REPEATED, repeated.getRepetition());
      assertEquals("element", repeated.getType(0).getName());
    }
    assertEquals(
        LogicalTypeAnnotation.stringType(), schema.getType("labelName").getLogicalTypeAnnotation());
    assertEquals(Type.Repetition.OPTIONAL, schema.getType("labelName").getRepetition());
    assertEquals("train", footer.getFileMetaData().getKeyValueMetaData().get("sheaf.split"));
    long rowCount = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rowCount += block.getRowCount();
      for (ColumnChunkMetaData column : block.getColumns()) {
        assertEquals(CompressionCodecName.SNAPPY, column.getCodec(), column.getPath().toString());
      }
    }
    assertEquals(train.size(), rowCount);
    assertEquals(5, schema.getColumns().size());
    ColumnDescriptor values =
        schema.getColumnDescription(new String[] {"values", "list", "element"});
    assertEquals(1, values.getMaxRepetitionLevel());
  }

  @Test
  void aLabelOutsideTheLabelListHasANullLabelName() throws Exception {
    Path truncated = dir.resolve("truncated-labels");
    FileUtils.copyDirectory(shards.toFile(), truncated.toFile());
    Path labelsFile = truncated.resolve("_vectorizer/labels.txt");
    Files.writeString(labelsFile, labels.get(0) + "\n");
    Files.deleteIfExists(truncated.resolve("_vectorizer/.labels.txt.crc"));
    List<Example> train = split(truncated, "train");
    assertTrue(
        train.stream().anyMatch(example -> example.getLabel() == 1), "a label 1 example in train");
    Path file = dir.resolve("truncated.parquet");
    CliRun.ok(
        "export",
        "--shards",
        truncated.toString(),
        "--format",
        "parquet",
        "--output",
        file.toString());
    List<Row> rows = readRows(file);
    assertRowsAre(train, rows, List.of(labels.get(0)));
    for (int i = 0; i < rows.size(); i++) {
      int label = train.get(i).getLabel();
      assertEquals(label == 0 ? labels.get(0) : null, rows.get(i).labelName(), rows.get(i).id());
    }
  }

  @Test
  void anExistingFileIsLeftAloneUnlessOverwriteIsGiven() throws Exception {
    Path file = dir.resolve("existing.parquet");
    CliRun.ok(
        "export",
        "--shards",
        shards.toString(),
        "--split",
        "valid",
        "--format",
        "parquet",
        "--output",
        file.toString());
    byte[] before = Files.readAllBytes(file);
    CliRun refused =
        CliRun.of(
            "export",
            "--shards",
            shards.toString(),
            "--split",
            "test",
            "--format",
            "parquet",
            "--output",
            file.toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(
        refused.errLine().contains("already exists; choose another --output or pass --overwrite"),
        refused.err());
    assertArrayEquals(before, Files.readAllBytes(file));

    CliRun.ok(
        "export",
        "--shards",
        shards.toString(),
        "--split",
        "test",
        "--format",
        "parquet",
        "--output",
        file.toString(),
        "--overwrite");
    assertEquals("test", footer(file).getFileMetaData().getKeyValueMetaData().get("sheaf.split"));
    assertRowsAre(split(shards, "test"), readRows(file), labels);
  }

  @Test
  void jsonLinesAndParquetOfOneSplitCarryTheSameValues() throws Exception {
    Path jsonl = dir.resolve("same.jsonl");
    Path parquet = dir.resolve("same.parquet");
    CliRun.ok(
        "export",
        "--shards",
        shards.toString(),
        "--split",
        "train",
        "--format",
        "jsonl",
        "--output",
        jsonl.toString());
    CliRun.ok(
        "export",
        "--shards",
        shards.toString(),
        "--split",
        "train",
        "--format",
        "parquet",
        "--output",
        parquet.toString());
    // exact decimals, so that a float reads back as the float Jackson wrote, not through a double
    ObjectMapper json =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    List<String> lines = Files.readAllLines(jsonl);
    List<Row> rows = readRows(parquet);
    assertEquals(lines.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode record = json.readTree(lines.get(i));
      Row row = rows.get(i);
      assertEquals(record.get("id").asText(), row.id());
      assertEquals(record.get("label").asInt(), row.label(), row.id());
      assertEquals(
          record.get("labelName").isNull() ? null : record.get("labelName").asText(),
          row.labelName(),
          row.id());
      int[] indices = new int[record.get("indices").size()];
      for (int k = 0; k < indices.length; k++) {
        indices[k] = record.get("indices").get(k).asInt();
      }
      assertArrayEquals(indices, row.indices(), row.id());
      float[] values = new float[record.get("values").size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = Float.parseFloat(record.get("values").get(k).decimalValue().toString());
      }
      assertArrayEquals(values, row.values(), row.id());
    }
  }

  /**
   * A shard set that lost a shard file fails the count check: whatever the format, no file appears
   * at the output, and with --overwrite the previous file stays as it was, not a part of the new
   * one.
   */
  @Test
  void aFailedExportPublishesNothingAndKeepsThePreviousFile() throws Exception {
    Path damaged = dir.resolve("damaged");
    FileUtils.copyDirectory(shards.toFile(), damaged.toFile());
    try (var parts = Files.list(damaged.resolve("train"))) {
      Path part =
          parts
              .filter(file -> file.getFileName().toString().matches("part-.*\\.avro"))
              .sorted()
              .findFirst()
              .orElseThrow();
      Files.delete(part);
      Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    }
    for (String format : ExportCommand.FORMATS) {
      Path fresh = dir.resolve("damaged-fresh." + format);
      CliRun failed =
          CliRun.of(
              "export",
              "--shards",
              damaged.toString(),
              "--format",
              format,
              "--output",
              fresh.toString());
      assertEquals(1, failed.exitCode(), failed.err());
      assertTrue(failed.errLine().contains("the manifest says"), failed.err());
      assertFalse(Files.exists(fresh), format);

      Path previous = dir.resolve("damaged-previous." + format);
      CliRun.ok(
          "export",
          "--shards",
          shards.toString(),
          "--split",
          "valid",
          "--format",
          format,
          "--output",
          previous.toString());
      byte[] before = Files.readAllBytes(previous);
      failed =
          CliRun.of(
              "export",
              "--shards",
              damaged.toString(),
              "--format",
              format,
              "--output",
              previous.toString(),
              "--overwrite");
      assertEquals(1, failed.exitCode(), failed.err());
      assertArrayEquals(before, Files.readAllBytes(previous), format);
    }
    // a failed run leaves its staging file for inspection, under a hidden (dot) name
    try (var files = Files.list(dir)) {
      assertTrue(
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.startsWith("damaged-"))
              .allMatch(name -> name.startsWith("damaged-previous.")),
          "only the previous files are visible");
    }
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRun run =
        CliRun.of(
            "export",
            "--shards",
            shards.toString(),
            "--format",
            "orc",
            "--output",
            dir.resolve("never.orc").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.errLine().contains("--format must be libsvm, jsonl or parquet (got 'orc')"), run.err());
  }
}
