package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Example;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards written with another version of the Example schema are read through Avro's schema
 * resolution, by Avro's own writer: a newer writer's extra fields are skipped, an older writer's
 * missing fields take this version's defaults, an irreconcilable one fails in one line.
 */
class ExampleSchemaEvolutionTest {
  @TempDir Path dir;

  /**
   * Today's Example schema with field {@code drop} removed (null: none) and {@code insert} (null:
   * none) put before field {@code before}.
   */
  private static Schema variant(String drop, Schema.Field insert, String before) {
    Schema today = Example.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : today.getFields()) {
      if (insert != null && field.name().equals(before)) {
        fields.add(insert);
      }
      if (!field.name().equals(drop)) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(
        today.getName(), today.getDoc(), today.getNamespace(), false, fields);
  }

  private File write(String name, Schema schema, int count, boolean withWeight) throws IOException {
    File file = dir.resolve(name + ".avro").toFile();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(CodecFactory.snappyCodec());
      writer.setSyncInterval(64); // several blocks
      writer.create(schema, file);
      for (int i = 0; i < count; i++) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "doc-" + i);
        record.put("label", i % 3);
        if (withWeight) {
          record.put("weight", 0.5f + i);
        }
        if (schema.getField("source") != null) {
          record.put("source", "file-" + i + ".jsonl");
        }
        record.put("indices", Arrays.asList(i, i + 7, i + 100));
        record.put("values", Arrays.asList(1f, 2f * i, -3f));
        writer.append(record);
      }
    }
    return file;
  }

  private static List<SparseExample> read(File file) throws IOException {
    List<SparseExample> examples = new ArrayList<>();
    try (ExampleInputFormat.Reader reader = new ExampleInputFormat.Reader()) {
      reader.open(
          new Configuration(), new org.apache.hadoop.fs.Path(file.toURI()), 0, file.length());
      while (reader.nextKeyValue()) {
        SparseExample copy = new SparseExample();
        copy.copyFrom(reader.getCurrentKey());
        examples.add(copy);
      }
    }
    return examples;
  }

  private static void assertExample(SparseExample example, int i, float weight) {
    assertEquals(i % 3, example.label);
    assertEquals(weight, example.weight);
    assertArrayEquals(new int[] {i, i + 7, i + 100}, Arrays.copyOf(example.indices, example.size));
    assertArrayEquals(new float[] {1f, 2f * i, -3f}, Arrays.copyOf(example.values, example.size));
  }

  @Test
  void aNewerWritersDefaultedFieldIsSkipped() throws Exception {
    Schema newer =
        variant(
            null,
            new Schema.Field("source", Schema.create(Schema.Type.STRING), "a newer field", ""),
            "weight");
    List<SparseExample> examples = read(write("newer", newer, 40, true));
    assertEquals(40, examples.size());
    for (int i = 0; i < 40; i++) {
      assertExample(examples.get(i), i, 0.5f + i);
    }
  }

  @Test
  void anOlderWritersMissingFieldTakesItsDefault() throws Exception {
    Schema older = variant("weight", null, null);
    List<SparseExample> examples = read(write("older", older, 25, false));
    assertEquals(25, examples.size());
    for (int i = 0; i < 25; i++) {
      assertExample(examples.get(i), i, 1.0f);
    }
  }

  @Test
  void todaysSchemaReadsAsItWasWritten() throws Exception {
    List<SparseExample> examples = read(write("today", Example.getClassSchema(), 10, true));
    for (int i = 0; i < 10; i++) {
      assertExample(examples.get(i), i, 0.5f + i);
    }
  }

  @Test
  void anIrreconcilableSchemaFailsInOneLine() throws Exception {
    Schema broken =
        variant(
            "label",
            new Schema.Field("label", Schema.create(Schema.Type.BOOLEAN), "not an int"),
            "weight");
    File file = dir.resolve("broken.avro").toFile();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(broken))) {
      writer.create(broken, file);
    }
    IOException e = assertThrows(IOException.class, () -> read(file));
    assertTrue(
        e.getMessage().contains("cannot read as its Example")
            && e.getMessage().contains("/fields/1"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
