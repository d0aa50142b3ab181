package dev.sheaf.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Parquet files written by parquet-mr's own example writer, in small row groups. */
final class ParquetFiles {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message review {"
              + " optional binary review_id (STRING); optional binary body (STRING); optional int32 stars;"
              + " optional binary lang (STRING); }");

  private ParquetFiles() {}

  /**
   * {@code rows} reviews {@code r0 ...}: body "review N ...", stars N % 5, lang "en"; every 10th
   * row from row 5 has no id, row 7 a null body, row 8 an empty one, and row 9's body ends in a
   * byte that is not UTF-8.
   */
  static void write(Path file, int rows) throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withConf(new Configuration())
            .withType(SCHEMA)
            .withRowGroupSize(16 * 1024L)
            .withPageSize(1024)
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group row = factory.newGroup();
        if (i % 10 != 5) {
          row.append("review_id", "r" + i);
        }
        if (i == 9) {
          byte[] text = "review 9: caf\u00e9 \u00e9t\u00e9 ".getBytes(StandardCharsets.UTF_8);
          byte[] broken = Arrays.copyOf(text, text.length + 1);
          broken[text.length] = (byte) 0xE9;
          row.append("body", Binary.fromConstantByteArray(broken));
        } else if (i != 7) {
          row.append(
              "body",
              i == 8
                  ? " "
                  : "review " + i + ": " + "good value, would buy again. ".repeat(i % 4 + 1));
        }
        row.append("stars", i % 5).append("lang", "en");
        writer.write(row);
      }
    }
  }
}
