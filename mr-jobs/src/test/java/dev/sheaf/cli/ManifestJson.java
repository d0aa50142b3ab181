package dev.sheaf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads a stage output's {@code _MANIFEST.json} for assertions. */
public final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestJson() {}

  public static JsonNode read(Path output) {
    try {
      return JSON.readTree(output.resolve("_MANIFEST.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
