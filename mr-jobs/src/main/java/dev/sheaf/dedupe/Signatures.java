package dev.sheaf.dedupe;

import java.nio.ByteBuffer;

/** MinHash signatures as Avro bytes: big-endian 32-bit values. */
final class Signatures {
  private Signatures() {}

  static ByteBuffer toBytes(int[] signature, ByteBuffer reuse) {
    ByteBuffer bytes = reuse != null && reuse.capacity() == signature.length * 4 ? reuse
        : ByteBuffer.allocate(signature.length * 4);
    bytes.clear();
    bytes.asIntBuffer().put(signature);
    bytes.limit(signature.length * 4);
    return bytes;
  }

  static int[] fromBytes(ByteBuffer bytes, int[] into) {
    int count = bytes.remaining() / 4;
    int[] signature = into != null && into.length == count ? into : new int[count];
    bytes.duplicate().asIntBuffer().get(signature);
    return signature;
  }
}
