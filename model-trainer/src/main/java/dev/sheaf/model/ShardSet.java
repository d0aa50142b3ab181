package dev.sheaf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A shard set as the trainer and evaluator see it: its manifest (feature dimension, label names,
 * the examples per split, the vectorizer and the stages upstream) and the manifest's SHA-256, the
 * fingerprint a model records of the data it was trained on.
 */
public record ShardSet(
    Path dir, JsonNode manifest, String fingerprint, int dim, List<String> labels) {
  public static final String VECTORIZER = "_vectorizer";

  public static ShardSet open(Configuration conf, Path dir) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    Path manifestFile = new Path(dir, Manifest.FILE_NAME);
    if (!fs.isFile(manifestFile)) {
      throw new UsageException(
          "--shards "
              + dir
              + " is not a shard set (no "
              + Manifest.FILE_NAME
              + "; make one with sheaf shard)");
    }
    byte[] bytes;
    try (InputStream in = fs.open(manifestFile)) {
      bytes = in.readAllBytes();
    }
    JsonNode manifest = new ObjectMapper().readTree(bytes);
    JsonNode shard = manifest.path("shard");
    if (!"shard".equals(manifest.path("command").asText()) || !shard.path("dim").isInt()) {
      throw new UsageException(
          "--shards "
              + dir
              + " is not a shard set (its manifest is from '"
              + manifest.path("command").asText()
              + "')");
    }
    List<String> labels = new ArrayList<>();
    shard.path("labels").forEach(label -> labels.add(label.asText()));
    return new ShardSet(
        fs.makeQualified(dir), manifest, sha256(bytes), shard.path("dim").asInt(), labels);
  }

  /** The examples the manifest counts in {@code split}. */
  public long records(String split) {
    return manifest.path("records").path(split).asLong(0);
  }

  public Path split(String split) {
    return new Path(dir, split);
  }

  /**
   * The vectorizer's parameters (features, n-grams, weighting) as the shard manifest records them.
   */
  public JsonNode vectorizer() {
    return manifest.path("shard").path("vectorizer");
  }

  /**
   * The parameters of the nearest upstream run of {@code command} (e.g. clean), or a missing node.
   */
  public JsonNode upstreamParameters(String command) {
    List<JsonNode> pending = new ArrayList<>();
    manifest.path("upstream").forEach(pending::add);
    while (!pending.isEmpty()) {
      JsonNode node = pending.remove(0);
      if (command.equals(node.path("command").asText())) {
        return node.path("parameters");
      }
      node.path("upstream").forEach(pending::add);
    }
    return MissingNode.getInstance();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
