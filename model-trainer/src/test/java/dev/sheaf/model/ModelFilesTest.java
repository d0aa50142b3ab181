package dev.sheaf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Example;
import dev.sheaf.train.LrSchedule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slice files, the example decoder, and the learning-rate schedules. */
class ModelFilesTest {
  @TempDir Path dir;

  private static org.apache.hadoop.fs.Path hadoop(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }

  @Test
  void anyRowRangeReadsBackAcrossSliceFilesAndAGapIsAnError() throws Exception {
    LinearModel model = new LinearModel(Arch.SOFTMAX, 9, 3); // 10 rows of 3
    int count = (int) model.parameterCount();
    float[] params = new float[count];
    float[] state = new float[2 * count];
    for (int e = 0; e < count; e++) {
      params[e] = e;
      state[e] = 100 + e;
      state[count + e] = 200 + e;
    }
    Configuration conf = new Configuration();
    int[] starts = {0, 3, 7, 10};
    for (int s = 0; s < 3; s++) {
      try (OutputStream out =
          Files.newOutputStream(dir.resolve("part-" + s + ModelSlices.SUFFIX))) {
        // each file holds only its rows, as a reducer's slice arrays do
        int from = starts[s] * 3;
        int length = (starts[s + 1] - starts[s]) * 3;
        float[] sliceParams = java.util.Arrays.copyOfRange(params, from, from + length);
        float[] sliceState = new float[2 * length];
        System.arraycopy(state, from, sliceState, 0, length);
        System.arraycopy(state, count + from, sliceState, length, length);
        ModelSlices.write(
            out, starts[s], starts[s + 1] - starts[s], 3, 2, sliceParams, sliceState, 0, length);
      }
    }
    ModelSlices.Weights middle = ModelSlices.read(conf, hadoop(dir), model, 2, 8, 2);
    assertArrayEquals(java.util.Arrays.copyOfRange(params, 6, 24), middle.params());
    assertArrayEquals(
        java.util.Arrays.copyOfRange(state, count + 6, count + 24),
        java.util.Arrays.copyOfRange(middle.state(), 18, 36),
        "the second state array follows the first");
    assertArrayEquals(params, ModelSlices.read(conf, hadoop(dir), model, 0, 10, 0).params());
    // only some rows, across the files' boundaries: those rows' values, zero elsewhere
    int[] rows = {0, 2, 3, 6, 9};
    ModelSlices.Weights some = ModelSlices.readRows(conf, hadoop(dir), model, 2, rows);
    for (int e = 0; e < count; e++) {
      boolean read = java.util.Arrays.binarySearch(rows, e / 3) >= 0;
      assertEquals(read ? params[e] : 0, some.params()[e], "parameter " + e);
      assertEquals(read ? state[e] : 0, some.state()[e], "state " + e);
      assertEquals(read ? state[count + e] : 0, some.state()[count + e], "second state " + e);
    }

    Files.delete(dir.resolve("part-1" + ModelSlices.SUFFIX));
    IOException gap =
        assertThrows(IOException.class, () -> ModelSlices.read(conf, hadoop(dir), model, 0, 10, 0));
    assertTrue(gap.getMessage().contains("covers 6 of the rows 0..10"), gap.getMessage());
    Files.writeString(dir.resolve("part-1" + ModelSlices.SUFFIX), "not a slice");
    IOException junk =
        assertThrows(IOException.class, () -> ModelSlices.read(conf, hadoop(dir), model, 0, 10, 0));
    assertTrue(junk.getMessage().contains("is not a Sheaf parameter slice"), junk.getMessage());
  }

  @Test
  void decodesExamplesWhoseArraysComeInSizedBlocks() throws Exception {
    Example example =
        Example.newBuilder()
            .setId("doc-é")
            .setLabel(2)
            .setWeight(0.5f)
            .setIndices(List.of(3, 70, 1 << 20))
            .setValues(List.of(0.25f, -1f, 3.5f))
            .build();
    for (boolean blocked : new boolean[] {false, true}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      // the blocking encoder writes arrays as blocks with negative counts and byte sizes
      BinaryEncoder encoder =
          blocked
              ? EncoderFactory.get().blockingBinaryEncoder(bytes, null)
              : EncoderFactory.get().binaryEncoder(bytes, null);
      new SpecificDatumWriter<>(Example.class).write(example, encoder);
      new SpecificDatumWriter<>(Example.class).write(example, encoder);
      encoder.flush();
      byte[] data = bytes.toByteArray();
      SparseExample decoded = new SparseExample();
      int next = decoded.parse(data, 0);
      assertEquals(data.length, decoded.parse(data, next), "the second datum ends the buffer");
      assertEquals(2, decoded.label);
      assertEquals(0.5f, decoded.weight);
      assertEquals(3, decoded.size);
      assertArrayEquals(new int[] {3, 70, 1 << 20}, java.util.Arrays.copyOf(decoded.indices, 3));
      assertArrayEquals(new float[] {0.25f, -1f, 3.5f}, java.util.Arrays.copyOf(decoded.values, 3));
    }
  }

  @Test
  void learningRateSchedulesPerEpoch() {
    for (int epoch = 1; epoch <= 8; epoch++) {
      assertEquals(0.4, LrSchedule.CONSTANT.rate(0.4, epoch, 8));
    }
    assertEquals(0.4, LrSchedule.STEP.rate(0.4, 4, 8), 1e-12);
    assertEquals(0.04, LrSchedule.STEP.rate(0.4, 5, 8), 1e-12, "a tenth from half-way");
    assertEquals(0.004, LrSchedule.STEP.rate(0.4, 7, 8), 1e-12, "a hundredth from three quarters");
    assertEquals(0.4, LrSchedule.COSINE.rate(0.4, 1, 8), 1e-12);
    assertEquals(0.2, LrSchedule.COSINE.rate(0.4, 5, 8), 1e-12);
    assertTrue(LrSchedule.COSINE.rate(0.4, 8, 8) < 0.02);
  }
}
