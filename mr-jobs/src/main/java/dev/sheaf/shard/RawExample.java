package dev.sheaf.shard;

import dev.sheaf.common.AvroCursor;
import java.nio.charset.StandardCharsets;

/**
 * One {@code Example} as its Avro binary encoding, with the two fields shard needs (where the id's
 * bytes are, the label) read from it and nothing else decoded: shard moves examples without
 * decoding or re-encoding their features. {@link #parse} walks the encoding of the Example schema
 * (string, int, float, array of int, array of float) to find where the datum ends.
 */
final class RawExample {
  int idOffset;
  int idLength;
  int label;
  byte[] bytes;
  int offset;
  int length;
  private final AvroCursor cursor = new AvroCursor();

  /** Reads the datum starting at {@code offset}; returns the offset just past it. */
  int parse(byte[] data, int start) {
    AvroCursor cursor = this.cursor.at(data, start);
    idLength = (int) cursor.readLong();
    idOffset = cursor.position();
    cursor.skip(idLength);
    label = (int) cursor.readLong();
    cursor.skip(4); // weight
    for (long count = cursor.readLong(); count != 0; count = cursor.readLong()) {
      if (count < 0) {
        cursor.skip(cursor.readLong()); // a block with its byte size: skip it whole
        continue;
      }
      for (long i = 0; i < count; i++) {
        cursor.readLong();
      }
    }
    for (long count = cursor.readLong(); count != 0; count = cursor.readLong()) {
      if (count < 0) {
        cursor.skip(cursor.readLong());
        continue;
      }
      cursor.skip(4 * count);
    }
    bytes = data;
    offset = start;
    length = cursor.position() - start;
    return cursor.position();
  }

  /** The id, decoded (for messages and tests; shard itself works on its bytes). */
  String id() {
    return new String(bytes, idOffset, idLength, StandardCharsets.UTF_8);
  }

  /** The label of an encoded Example: the int after its id. */
  static int label(byte[] data, int start) {
    AvroCursor cursor = new AvroCursor().at(data, start);
    cursor.skip(cursor.readLong());
    return (int) cursor.readLong();
  }
}
