package dev.sheaf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled corpora, copied out of the class path into a test's directory:
 *
 * <ul>
 *   <li>{@code spamassassin}: 300 SpamAssassin e-mails as JSON lines ({@code id}, {@code label},
 *       {@code text}), every 20th of the corpus, the last 14 replaced by 7 pairs of the corpus's
 *       own near duplicates;
 *   <li>{@code spamassassin-eml}: 24 raw messages as {@code ham/*.eml} and {@code spam/*.eml};
 *   <li>{@code mbox}: one mbox file of 6 messages (mboxrd escaping);
 *   <li>{@code hostile}: broken input, see {@link #hostile(Path)}.
 * </ul>
 */
public final class Fixtures {
  public static final String SPAMASSASSIN = "spamassassin";
  public static final String SPAMASSASSIN_EML = "spamassassin-eml";
  public static final String MBOX = "mbox";
  public static final String HOSTILE = "hostile";

  /** The generated over-long line of the hostile set: 9 MiB, over the 8 MiB default limit. */
  public static final String HUGE_LINE_FILE = "huge-line.jsonl";

  public static final int HUGE_LINE_BYTES = 9 << 20;

  private Fixtures() {}

  /** Copies corpus {@code name} into {@code target} (created) and returns {@code target}. */
  public static Path copy(String name, Path target) {
    String resource = "/corpora/" + name;
    URL url = Fixtures.class.getResource(resource);
    if (url == null) {
      throw new IllegalArgumentException("no corpus " + name + " on the class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem jar;
        try {
          jar = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          jar = FileSystems.newFileSystem(uri, Map.of());
        }
        copyTree(jar.getPath(resource), target);
      } else {
        copyTree(Path.of(uri), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the hostile set into {@code target}: invalid JSON, invalid UTF-8, an empty file, binary
   * junk, JSON lines without text (and with an array, a string, a blank line), a gzip file, and a
   * generated file whose first line is 9 MiB long followed by one good line.
   */
  public static Path hostile(Path target) {
    copy(HOSTILE, target);
    try (OutputStream out = Files.newOutputStream(target.resolve(HUGE_LINE_FILE))) {
      out.write("{\"id\":\"huge-1\",\"text\":\"".getBytes(StandardCharsets.US_ASCII));
      byte[] words = "lorem ipsum dolor sit amet ".repeat(4096).getBytes(StandardCharsets.US_ASCII);
      long written = 0;
      while (written < HUGE_LINE_BYTES) {
        out.write(words);
        written += words.length;
      }
      out.write(
          "\"}\n{\"id\":\"after-huge\",\"text\":\"The line after the huge one is still read.\"}\n"
              .getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** The lines of the bundled JSON-lines sample. */
  public static List<String> spamassassinLines() {
    try (InputStream in =
        Fixtures.class.getResourceAsStream("/corpora/spamassassin/spamassassin-300.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
