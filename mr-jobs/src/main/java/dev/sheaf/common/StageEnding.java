package dev.sheaf.common;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How every record-to-record stage (dedupe, clean, vectorize, shard, predict) ends once its jobs
 * have run: the conservation check, the manifest with the output's files, the publication, and the
 * one summary line.
 */
public final class StageEnding {
  private StageEnding() {}

  /**
   * Checks that the records add up ({@code manifest}'s accounting), completes {@code manifest} with
   * the output's record count and files and writes it into the staging directory, publishes the
   * output, then prints {@code <stage>: <in> in -> <outcomes><details>; <output> (<seconds> s)}.
   *
   * @param manifest the stage's manifest ({@link Manifest#ofStage}), with everything but its output
   *     and end time
   * @param records the main output's record count (documents kept, examples, predictions)
   * @param shown the output as the user gave it, for the summary line
   * @param details text after the outcomes, e.g. {@code "; 4 shards per split"}; empty for none
   * @throws StageFailedException when the records do not add up (nothing is written or published)
   */
  public static void finish(
      Configuration conf,
      Manifest manifest,
      StageOutput output,
      long records,
      Path shown,
      String details)
      throws IOException {
    Conservation conservation = manifest.conservation();
    conservation.check();
    Instant end = Instant.now();
    manifest.output(conf, output.path(), records).write(conf, output.path(), end);
    output.publish();
    System.out.printf(
        "%s: %d in -> %s%s; %s (%.1f s)%n",
        conservation.stage(),
        conservation.recordsIn(),
        conservation.describe(),
        details,
        shown,
        Duration.between(manifest.start(), end).toMillis() / 1000.0);
  }
}
