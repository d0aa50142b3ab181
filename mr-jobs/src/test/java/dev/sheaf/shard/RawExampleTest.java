package dev.sheaf.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sheaf.avro.Example;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class RawExampleTest {
  @Test
  void findsEachDatumsBoundsIdAndLabelInAStreamOfExamples() throws Exception {
    Random random = new Random(3);
    List<Example> examples = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(stream, null);
    // one block-encoded too (negative counts with byte sizes), as other Avro writers may write
    // arrays
    BinaryEncoder blocking = EncoderFactory.get().blockingBinaryEncoder(stream, null);
    SpecificDatumWriter<Example> writer = new SpecificDatumWriter<>(Example.class);
    for (int i = 0; i < 200; i++) {
      int n = random.nextInt(i % 50 == 0 ? 3000 : 40);
      List<Integer> indices = new ArrayList<>();
      List<Float> values = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        indices.add(k * 1000 + random.nextInt(1000));
        values.add(random.nextFloat());
      }
      Example example =
          Example.newBuilder()
              .setId("dóc-" + i + "-" + "x".repeat(random.nextInt(200)))
              .setLabel(random.nextInt(5) - 1)
              .setWeight(random.nextFloat())
              .setIndices(indices)
              .setValues(values)
              .build();
      examples.add(example);
      BinaryEncoder target = i % 7 == 0 ? blocking : encoder;
      writer.write(example, target);
      target.flush();
    }
    byte[] bytes = stream.toByteArray();
    RawExample raw = new RawExample();
    SpecificDatumReader<Example> reader = new SpecificDatumReader<>(Example.class);
    int position = 0;
    for (Example expected : examples) {
      position = raw.parse(bytes, position);
      assertEquals(expected.getId(), raw.id());
      assertEquals(expected.getLabel(), raw.label);
      assertEquals(expected.getLabel(), RawExample.label(bytes, raw.offset));
      Example decoded =
          reader.read(
              null, DecoderFactory.get().binaryDecoder(bytes, raw.offset, raw.length, null));
      assertEquals(expected, decoded, "the bytes are exactly the datum");
    }
    assertEquals(bytes.length, position);
  }
}
