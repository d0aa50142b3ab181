package dev.sheaf.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

class FingerprintKeyTest {
  private static byte[] bytes(FingerprintKey key) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    key.write(out);
    return java.util.Arrays.copyOf(out.getData(), out.getLength());
  }

  private static FingerprintKey key(long high, long low, String id, long tieBreak) {
    FingerprintKey key = new FingerprintKey();
    key.set(high, low, id, tieBreak);
    return key;
  }

  @Test
  void rawComparatorsAgreeWithTheObjectOrder() throws IOException {
    Random random = new Random(7);
    String[] ids = {"a", "b", "ab", "z9", "é", "😀", "doc-10", "doc-9", ""};
    List<FingerprintKey> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long high = random.nextInt(3) - 1L;
      keys.add(key(high == 0 ? Long.MIN_VALUE : high, random.nextInt(2), ids[random.nextInt(ids.length)],
          random.nextInt(3) - 1L));
    }
    FingerprintKey.SortComparator sort = new FingerprintKey.SortComparator();
    FingerprintKey.GroupingComparator group = new FingerprintKey.GroupingComparator();
    for (FingerprintKey a : keys) {
      for (FingerprintKey b : keys.subList(0, 40)) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)));
        boolean sameFingerprint = a.high() == b.high() && a.low() == b.low();
        assertEquals(sameFingerprint, group.compare(x, 0, x.length, y, 0, y.length) == 0);
        assertEquals(Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)),
            Integer.signum(sort.compare(a, b)));
      }
    }
  }

  @Test
  void roundTripsThroughItsSerialisedForm() throws IOException {
    FingerprintKey original = key(-5, 42, "mail/ham/0001.eml", 99);
    byte[] data = bytes(original);
    FingerprintKey copy = new FingerprintKey();
    copy.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(data)));
    assertEquals(0, original.compareTo(copy));
    assertEquals("mail/ham/0001.eml", copy.id());
  }

  @Test
  void partitionsOnTheFingerprintOnly() {
    FingerprintKey.FingerprintPartitioner<Object> partitioner = new FingerprintKey.FingerprintPartitioner<>();
    for (int i = 0; i < 50; i++) {
      int first = partitioner.getPartition(key(i * 7919L, -i, "a", 1), null, 7);
      assertEquals(first, partitioner.getPartition(key(i * 7919L, -i, "zzz", -1), null, 7));
      assertEquals(true, first >= 0 && first < 7);
    }
  }
}
