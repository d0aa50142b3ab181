package dev.sheaf.common;

/**
 * A position in a byte array holding Avro binary encoding, and the few primitives a stage that
 * walks an encoding itself reads: zig-zag varints, little-endian floats, skips. Reused, not
 * allocated per record.
 */
public final class AvroCursor {
  private byte[] data;
  private int position;

  /** Points the cursor at {@code position} of {@code data}. */
  public AvroCursor at(byte[] data, int position) {
    this.data = data;
    this.position = position;
    return this;
  }

  public int position() {
    return position;
  }

  /**
   * Moves past {@code bytes} bytes (a separate call: {@code position += readLong()} would add to
   * the old position).
   */
  public void skip(long bytes) {
    position += (int) bytes;
  }

  public long readLong() {
    long raw = 0;
    int shift = 0;
    byte b;
    do {
      b = data[position++];
      raw |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  public float readFloat() {
    int bits =
        (data[position] & 0xff)
            | (data[position + 1] & 0xff) << 8
            | (data[position + 2] & 0xff) << 16
            | (data[position + 3] & 0xff) << 24;
    position += 4;
    return Float.intBitsToFloat(bits);
  }
}
