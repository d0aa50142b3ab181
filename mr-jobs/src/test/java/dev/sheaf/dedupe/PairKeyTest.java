package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

class PairKeyTest {
  private static byte[] bytes(PairKey key) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    key.write(out);
    return java.util.Arrays.copyOf(out.getData(), out.getLength());
  }

  @Test
  void rawComparatorsAgreeWithTheObjectOrder() throws IOException {
    Random random = new Random(7);
    String[] parts = {
      "",
      "a",
      "b",
      "ab",
      "z9",
      "\u00e9",
      "\ud83d\ude00",
      "doc-10",
      "doc-9",
      "a\u0000b",
      "0",
      "x".repeat(300)
    };
    List<PairKey> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add(
          new PairKey()
              .set(parts[random.nextInt(parts.length)], parts[random.nextInt(parts.length)]));
    }
    PairKey.SortComparator sort = new PairKey.SortComparator();
    PairKey.GroupingComparator group = new PairKey.GroupingComparator();
    for (PairKey a : keys) {
      for (PairKey b : keys.subList(0, 40)) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        assertEquals(
            Integer.signum(a.compareTo(b)),
            Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)));
        assertEquals(
            a.first().equals(b.first()), group.compare(x, 0, x.length, y, 0, y.length) == 0);
      }
    }
  }

  @Test
  void sortsByCodePointsWithTheEmptyTagFirst() {
    assertTrue(new PairKey().set("n", "").compareTo(new PairKey().set("n", "0")) < 0);
    assertTrue(new PairKey().set("a", "z").compareTo(new PairKey().set("ab", "")) < 0);
    assertTrue(
        new PairKey().set("n", "\u00e9").compareTo(new PairKey().set("n", "\ud83d\ude00")) < 0);
  }

  @Test
  void roundTripsAndPartitionsOnTheFirstPartOnly() throws IOException {
    PairKey original = new PairKey().set("mail/ham/0001.eml", "rank\u0000x");
    PairKey copy = new PairKey();
    copy.readFields(new DataInputStream(new ByteArrayInputStream(bytes(original))));
    assertEquals(original, copy);
    PairKey.FirstPartitioner<Object> partitioner = new PairKey.FirstPartitioner<>();
    for (int i = 0; i < 50; i++) {
      int partition = partitioner.getPartition(new PairKey().set("bucket-" + i, "a"), null, 7);
      assertEquals(
          partition, partitioner.getPartition(new PairKey().set("bucket-" + i, "zzz"), null, 7));
      assertTrue(partition >= 0 && partition < 7);
    }
  }
}
