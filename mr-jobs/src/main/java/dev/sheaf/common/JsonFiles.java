package dev.sheaf.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small JSON files on any Hadoop file system (manifests, {@code model.json}, checkpoints, pipeline
 * records, metrics): reads one into a tree, writes a tree or any Jackson-serialisable object as
 * indented JSON, and lends the one {@link ObjectMapper} they are written with.
 */
public final class JsonFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * The shared mapper (indented output), for building trees and converting values the way {@link
   * #write} writes them. Do not reconfigure it.
   */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /**
   * The JSON tree in {@code file}.
   *
   * @throws java.io.FileNotFoundException if there is no such file
   * @throws com.fasterxml.jackson.core.JsonProcessingException if it is not JSON
   * @throws IOException if it cannot be read
   */
  public static JsonNode read(Configuration conf, Path file) throws IOException {
    return read(file.getFileSystem(conf), file);
  }

  /** {@link #read(Configuration, Path)} on a file system already at hand. */
  public static JsonNode read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return JSON.readTree(in);
    }
  }

  /**
   * The JSON tree in {@code file}, or null when there is no such file (e.g. a stage that has not
   * run).
   *
   * @throws IOException if the file is there but cannot be read or is not JSON
   */
  public static JsonNode readIfPresent(Configuration conf, Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    return fs.isFile(file) ? read(fs, file) : null;
  }

  /**
   * Writes {@code value} (a {@link JsonNode}, a record, a map...) as indented JSON into {@code
   * file}, replacing it.
   *
   * @throws IOException if the file cannot be written or {@code value} cannot be serialised
   */
  public static void write(Configuration conf, Path file, Object value) throws IOException {
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      JSON.writeValue(out, value);
    }
  }
}
