package dev.sheaf.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The empty-gz field case's kind, made on the spot: a good file beside a 0-byte and an empty gzip
 * file.
 */
final class BrokenFiles {
  private BrokenFiles() {}

  /**
   * Writes good.jsonl (records g1, g2), zero_bytes.jsonl.gz and empty_payload.jsonl.gz into a new
   * {@code dir}.
   */
  static Path beside(Path dir) throws IOException {
    Path input = Files.createDirectories(dir);
    Files.writeString(
        input.resolve("good.jsonl"),
        "{\"id\":\"g1\",\"text\":\"good one\"}\n{\"id\":\"g2\",\"text\":\"good two\"}\n");
    Files.write(input.resolve("zero_bytes.jsonl.gz"), new byte[0]);
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    new GZIPOutputStream(empty).close();
    Files.write(input.resolve("empty_payload.jsonl.gz"), empty.toByteArray());
    return input;
  }
}
