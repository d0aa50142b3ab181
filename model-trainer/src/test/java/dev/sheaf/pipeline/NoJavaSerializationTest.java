package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java deserialisation anywhere in Sheaf's own code: records are Avro, files JSON or our slice
 * format, so no input can make the JVM build arbitrary objects. Also no shell is started from Java.
 */
class NoJavaSerializationTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "ObjectInputStream|readObject\\s*\\(|XMLDecoder|SerializationUtils\\.deserialize|Runtime\\.getRuntime\\(\\)\\.exec"
              + "|new ProcessBuilder");

  @Test
  void mainSourcesNeitherDeserialiseJavaObjectsNorStartProcesses() throws Exception {
    List<String> hits = new ArrayList<>();
    int files = 0;
    for (String module : new String[] {"mr-jobs", "model-trainer", "avro-schemas"}) {
      Path main = Path.of("..", module, "src", "main");
      try (Stream<Path> paths = Files.walk(main)) {
        for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(path);
          for (int i = 0; i < lines.size(); i++) {
            if (FORBIDDEN.matcher(lines.get(i)).find()) {
              hits.add(path + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertTrue(files > 150, "read the sources: " + files);
    assertEquals(List.of(), hits);
  }
}
