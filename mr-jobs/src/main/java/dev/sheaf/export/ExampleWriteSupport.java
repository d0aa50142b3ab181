package dev.sheaf.export;

import dev.sheaf.avro.Example;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes {@link Example} records as rows of {@link #SCHEMA} through parquet-mr's {@link
 * RecordConsumer}: {@code labelName} is the label's entry in the vectorizer's label list, or null
 * (absent) when the label is -1 (unlabeled) or out of the list's range, as in the JSON lines
 * export. The arrays use the standard three-level LIST layout of the Parquet format specification
 * (LogicalTypes.md, "Lists": a {@code LIST}-annotated group holding a repeated group {@code list}
 * of one field {@code element}), which Spark, pyarrow/pandas and parquet-mr read as arrays without
 * falling back on the two-level backward-compatibility rules.
 */
final class ExampleWriteSupport extends WriteSupport<Example> {
  /** The schema of the rows; field names are those of the JSON lines export. */
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message example {\n"
              + "  required binary id (STRING);\n"
              + "  required int32 label;\n"
              + "  optional binary labelName (STRING);\n"
              + "  required group indices (LIST) {\n"
              + "    repeated group list {\n"
              + "      required int32 element;\n"
              + "    }\n"
              + "  }\n"
              + "  required group values (LIST) {\n"
              + "    repeated group list {\n"
              + "      required float element;\n"
              + "    }\n"
              + "  }\n"
              + "}\n");

  private final Map<String, String> metadata;
  private final Binary[] labelNameBinaries;
  private RecordConsumer consumer;

  /**
   * @param labelNames the vectorizer's labels, by index
   * @param metadata key/value pairs for the file footer
   */
  ExampleWriteSupport(List<String> labelNames, Map<String, String> metadata) {
    this.metadata = new HashMap<>(metadata);
    this.labelNameBinaries = new Binary[labelNames.size()];
    for (int i = 0; i < labelNameBinaries.length; i++) {
      labelNameBinaries[i] = Binary.fromString(labelNames.get(i));
    }
  }

  @Override
  public String getName() {
    return "sheaf-example";
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(SCHEMA, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Example example) {
    consumer.startMessage();
    consumer.startField("id", 0);
    consumer.addBinary(Binary.fromString(example.getId()));
    consumer.endField("id", 0);
    int label = example.getLabel();
    consumer.startField("label", 1);
    consumer.addInteger(label);
    consumer.endField("label", 1);
    if (label >= 0 && label < labelNameBinaries.length) {
      consumer.startField("labelName", 2);
      consumer.addBinary(labelNameBinaries[label]);
      consumer.endField("labelName", 2);
    }
    List<Integer> indices = example.getIndices();
    consumer.startField("indices", 3);
    consumer.startGroup();
    if (!indices.isEmpty()) {
      consumer.startField("list", 0);
      for (int i = 0, n = indices.size(); i < n; i++) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addInteger(indices.get(i));
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
    consumer.endField("indices", 3);
    List<Float> values = example.getValues();
    consumer.startField("values", 4);
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (int i = 0, n = values.size(); i < n; i++) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addFloat(values.get(i));
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
    consumer.endField("values", 4);
    consumer.endMessage();
  }
}
