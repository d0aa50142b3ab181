package dev.sheaf.shard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheaf.avro.Example;
import dev.sheaf.common.JsonFiles;
import dev.sheaf.common.Manifest;
import dev.sheaf.common.StageFailedException;
import dev.sheaf.common.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sheaf shard --verify DIR}: reads every shard file a shard set's manifest lists and
 * compares its record count, size in bytes and SHA-256 with the manifest's entry, all problems in
 * one line.
 */
final class ShardVerifier {
  private ShardVerifier() {}

  /** Recomputes each shard's records, bytes and SHA-256 and compares them with the manifest. */
  /**
   * Checks every shard the manifest of {@code directory} lists and prints one line; returns the
   * exit code 0.
   *
   * @throws UsageException when {@code directory} is not a shard set or lists no shards
   * @throws StageFailedException when a shard is missing, unreadable or differs from its entry
   */
  static int verify(Configuration conf, Path directory) throws IOException {
    FileSystem fs = directory.getFileSystem(conf);
    Path manifestFile = new Path(directory, Manifest.FILE_NAME);
    if (!fs.exists(manifestFile)) {
      throw new UsageException(
          "--verify " + directory + ": no " + Manifest.FILE_NAME + " (not a shard set)");
    }
    JsonNode manifest = JsonFiles.read(fs, manifestFile);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (JsonNode shard : manifest.at("/shard/shards")) {
      checked++;
      problems.addAll(checkShard(fs, directory, shard));
    }
    if (checked == 0) {
      throw new UsageException("--verify " + directory + ": the manifest lists no shards");
    }
    if (!problems.isEmpty()) {
      throw new StageFailedException(
          "shard --verify: "
              + problems.size()
              + " problem(s) in "
              + directory
              + ": "
              + String.join("; ", problems));
    }
    System.out.printf(
        "shard --verify: %d shards OK (records, bytes, SHA-256); %s%n", checked, directory);
    return 0;
  }

  /**
   * What differs between one shard file and its manifest entry: records, bytes, SHA-256; empty when
   * nothing.
   */
  private static List<String> checkShard(FileSystem fs, Path directory, JsonNode shard)
      throws IOException {
    List<String> problems = new ArrayList<>();
    Path file = new Path(directory, shard.get("path").asText());
    if (!fs.exists(file)) {
      problems.add(shard.get("path").asText() + ": missing");
      return problems;
    }
    MessageDigest digest = ShardReducer.CountingDigestStream.sha256();
    long records = 0;
    try (DigestInputStream in = new DigestInputStream(fs.open(file), digest);
        DataFileStream<Example> reader =
            new DataFileStream<>(in, new SpecificDatumReader<>(Example.class))) {
      while (reader.hasNext()) {
        reader.next();
        records++;
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      problems.add(shard.get("path").asText() + ": unreadable (" + e.getMessage() + ")");
      return problems;
    }
    long bytes = fs.getFileStatus(file).getLen();
    String sha = HexFormat.of().formatHex(digest.digest());
    if (records != shard.get("records").asLong()) {
      problems.add(
          shard.get("path").asText()
              + ": "
              + records
              + " records, manifest says "
              + shard.get("records"));
    }
    if (bytes != shard.get("bytes").asLong()) {
      problems.add(
          shard.get("path").asText()
              + ": "
              + bytes
              + " bytes, manifest says "
              + shard.get("bytes"));
    }
    if (!sha.equals(shard.get("sha256").asText())) {
      problems.add(shard.get("path").asText() + ": SHA-256 differs from the manifest's");
    }
    return problems;
  }
}
