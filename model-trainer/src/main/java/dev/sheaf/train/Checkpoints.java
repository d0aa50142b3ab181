package dev.sheaf.train;

import dev.sheaf.common.JsonFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code epoch-NNNN/} checkpoints of a model directory: naming, completeness, the newest,
 * pruning.
 */
final class Checkpoints {
  private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");

  private final Configuration conf;
  private final Path modelDir;
  private final FileSystem fs;

  Checkpoints(Configuration conf, Path modelDir) throws IOException {
    this.conf = conf;
    this.modelDir = modelDir;
    this.fs = modelDir.getFileSystem(conf);
  }

  Path dir(int epoch) {
    return new Path(modelDir, String.format("epoch-%04d", epoch));
  }

  /** Where an epoch job writes before its output is checked and becomes the checkpoint. */
  Path pending(int epoch) {
    return new Path(modelDir, String.format(".epoch-%04d.pending", epoch));
  }

  void writeState(TrainingState state) throws IOException {
    JsonFiles.write(conf, new Path(dir(state.epoch()), TrainingState.FILE), state);
  }

  TrainingState readState(int epoch) throws IOException {
    return JsonFiles.mapper()
        .treeToValue(
            JsonFiles.read(conf, new Path(dir(epoch), TrainingState.FILE)), TrainingState.class);
  }

  /** The complete checkpoints' epochs (those with a state.json), ascending. */
  List<Integer> complete() throws IOException {
    List<Integer> epochs = new ArrayList<>();
    FileStatus[] children = fs.exists(modelDir) ? fs.listStatus(modelDir) : new FileStatus[0];
    for (FileStatus child : children) {
      Matcher matcher = NAME.matcher(child.getPath().getName());
      if (child.isDirectory()
          && matcher.matches()
          && fs.isFile(new Path(child.getPath(), TrainingState.FILE))) {
        epochs.add(Integer.parseInt(matcher.group(1)));
      }
    }
    epochs.sort(null);
    return epochs;
  }

  /**
   * Removes checkpoints other than the newest {@code keep}, the best one and {@code current}; and
   * incomplete ones newer than {@code current} (left by a killed run).
   */
  void prune(int current, int best, int keep) throws IOException {
    List<Integer> epochs = complete();
    for (int i = 0; i < epochs.size(); i++) {
      int epoch = epochs.get(i);
      boolean newest = i >= epochs.size() - keep;
      if (!newest && epoch != best && epoch != current) {
        fs.delete(dir(epoch), true);
      }
    }
  }

  /**
   * Removes what a killed run may have left beyond {@code epoch}: pending outputs and incomplete
   * checkpoints.
   */
  void removeAfter(int epoch) throws IOException {
    for (FileStatus child : fs.listStatus(modelDir)) {
      String name = child.getPath().getName();
      Matcher matcher =
          NAME.matcher(name.startsWith(".") ? name.substring(1).replace(".pending", "") : name);
      if (matcher.matches() && Integer.parseInt(matcher.group(1)) > epoch) {
        fs.delete(child.getPath(), true);
      }
    }
  }
}
