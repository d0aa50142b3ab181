package dev.sheaf.testing;

import java.util.Objects;
import org.apache.avro.mapred.AvroWrapper;

/** A key/value pair a task wrote; equality looks inside Avro wrappers. */
public record Record<K, V>(K key, V value) {
  /** The Avro datum of the key (for {@code AvroKey} outputs). */
  @SuppressWarnings("unchecked")
  public <T> T keyDatum() {
    return (T) ((AvroWrapper<?>) key).datum();
  }

  /** The Avro datum of the value (for {@code AvroValue} outputs). */
  @SuppressWarnings("unchecked")
  public <T> T valueDatum() {
    return (T) ((AvroWrapper<?>) value).datum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record<?, ?> other
        && unwrap(key).equals(unwrap(other.key))
        && unwrap(value).equals(unwrap(other.value));
  }

  @Override
  public int hashCode() {
    return Objects.hash(unwrap(key), unwrap(value));
  }

  private static Object unwrap(Object o) {
    return o instanceof AvroWrapper<?> wrapper
        ? String.valueOf(wrapper.datum())
        : String.valueOf(o);
  }

  @Override
  public String toString() {
    return unwrap(key) + "\t" + unwrap(value);
  }
}
