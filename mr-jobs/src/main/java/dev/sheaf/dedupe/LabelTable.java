package dev.sheaf.dedupe;

import dev.sheaf.avro.ComponentLabel;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.mapred.FsInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Near dedupe's labels held in a map task's memory, for the map-side last pass ({@link
 * NearFilter.MapSideMapper}): member rank -> what its duplicate record needs from its component's
 * representative. Read from the {@code labels/} files {@link Representatives.LabelReducer} (or
 * {@link DriverGraph#writeLabels}) writes with {@link Representatives#SKETCH_ONCE}: each
 * representative's sketch comes with its first member only, so one array per representative is read
 * and held.
 */
final class LabelTable {
  /**
   * What a member's duplicate record needs: the representative's id and exact fingerprint, and its
   * sketch ({@code sketch[0, sketchLength)}, shared by the members of one component).
   */
  record Label(
      String representativeId,
      long fingerprintHigh,
      long fingerprintLow,
      long[] sketch,
      int sketchLength) {}

  /**
   * Heap a member's entry takes besides its rank's characters: the rank's String and array headers
   * and the map's entry and slot. Measured 147 bytes a member with ranks of about 48 characters.
   */
  static final long MEMBER_OVERHEAD_BYTES = 100;

  /**
   * Heap a component's shared label takes: its sketch prefix ({@link ShingleSketch#REPORTED_SIZE}
   * longs) and about 250 bytes of id and headers. Measured 2,166.
   */
  static final long COMPONENT_BYTES = ShingleSketch.REPORTED_SIZE * Long.BYTES + 250;

  private final Map<String, Label> labels = new HashMap<>();

  private LabelTable() {}

  /**
   * Reads every visible Avro file of {@code directory} (ComponentLabels grouped by representative,
   * as the representatives job writes them).
   *
   * @throws IOException when a file cannot be read, or a member's representative comes without its
   *     sketch (the files were not written with {@link Representatives#SKETCH_ONCE})
   */
  static LabelTable read(Configuration conf, Path directory) throws IOException {
    return read(conf, directory.getFileSystem(conf).listStatus(directory, LabelTable::visible));
  }

  private static LabelTable read(Configuration conf, FileStatus[] files) throws IOException {
    LabelTable table = new LabelTable();
    for (FileStatus file : files) {
      table.readFile(conf, file.getPath());
    }
    return table;
  }

  /**
   * The table {@link #shared} last read (soft: a JVM that goes on to other work gives it up under
   * memory pressure), and the files it was read from.
   */
  private static SoftReference<LabelTable> lastTable = new SoftReference<>(null);

  private static String lastFiles;

  /**
   * {@link #read}, once per JVM for the same files: the map tasks of one embedded run (and of a JVM
   * that runs several tasks) share one table instead of each reading and holding its own. The files
   * are named by their paths, lengths and modification times, so other labels are read anew (and
   * the last table let go). The table is not changed after it is read, so the tasks' threads share
   * it safely.
   *
   * @throws IOException as {@link #read}
   */
  static synchronized LabelTable shared(Configuration conf, Path directory) throws IOException {
    FileStatus[] statuses =
        directory.getFileSystem(conf).listStatus(directory, LabelTable::visible);
    StringBuilder files = new StringBuilder(directory.toString());
    for (FileStatus file : statuses) {
      files.append('\n').append(file.getPath()).append(' ').append(file.getLen()).append(' ');
      files.append(file.getModificationTime());
    }
    LabelTable table = lastTable.get();
    if (table == null || !files.toString().equals(lastFiles)) {
      lastTable.clear();
      table = read(conf, statuses);
      lastTable = new SoftReference<>(table);
      lastFiles = files.toString();
    }
    return table;
  }

  private void readFile(Configuration conf, Path file) throws IOException {
    long[][] sketch = new long[1][];
    Label representative = null;
    String representativeRank = null;
    try (DataFileReader<ComponentLabel> reader =
        new DataFileReader<>(
            new FsInput(file, conf), new SpecificDatumReader<>(ComponentLabel.class))) {
      ComponentLabel label = null;
      while (reader.hasNext()) {
        label = reader.next(label);
        String rank = label.getRepresentative();
        if (!rank.equals(representativeRank)) {
          if (!label.getSketch().hasRemaining()) {
            throw new IOException(file + ": representative " + rank + " has no sketch");
          }
          sketch[0] = null;
          int length = ShingleSketch.fromBytes(label.getSketch(), sketch);
          representativeRank = rank;
          representative =
              new Label(
                  label.getRepresentativeId(),
                  label.getFingerprintHigh(),
                  label.getFingerprintLow(),
                  sketch[0],
                  length);
        }
        labels.put(label.getMember(), representative);
      }
    }
  }

  private static boolean visible(Path path) {
    return !path.getName().startsWith("_") && !path.getName().startsWith(".");
  }

  /**
   * The heap, in bytes, a table of the labels union-find found takes: each member's rank (its UTF-8
   * bytes, at least the one or two bytes a character Java keeps) plus {@link
   * #MEMBER_OVERHEAD_BYTES}, and {@link #COMPONENT_BYTES} a component.
   */
  static long estimatedBytes(DriverComponents.Sizes sizes) {
    return sizes.memberRankBytes()
        + sizes.members() * MEMBER_OVERHEAD_BYTES
        + sizes.components() * COMPONENT_BYTES;
  }

  /** The label of the member of rank {@code rank}, or null when it is kept. */
  Label get(String rank) {
    return labels.get(rank);
  }

  /** Members labelled. */
  int size() {
    return labels.size();
  }
}
