package dev.sheaf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/** Reads the Avro records a stage wrote, for assertions. */
public final class AvroFiles {
  private AvroFiles() {}

  /**
   * All records of {@code type} in a file, or in the {@code *.avro} files directly inside a
   * directory (in file name order); an absent directory holds no records.
   */
  public static <T> List<T> read(Path fileOrDirectory, Class<T> type) {
    List<T> records = new ArrayList<>();
    if (!Files.exists(fileOrDirectory)) {
      return records;
    }
    try {
      List<Path> files;
      if (Files.isDirectory(fileOrDirectory)) {
        try (Stream<Path> list = Files.list(fileOrDirectory)) {
          files = list.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList();
        }
      } else {
        files = List.of(fileOrDirectory);
      }
      for (Path file : files) {
        try (DataFileReader<T> reader =
            new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
          reader.forEach(records::add);
        }
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
