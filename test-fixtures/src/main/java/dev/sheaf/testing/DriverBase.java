package dev.sheaf.testing;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;

/** What every driver has: the job's configuration, counters and the committed output directory. */
abstract class DriverBase<SELF extends DriverBase<SELF>> {
  Configuration conf = new Configuration();
  Counters counters = new Counters();
  Path outputDirectory;

  @SuppressWarnings("unchecked")
  private SELF self() {
    return (SELF) this;
  }

  /** The job's configuration (set it up with the job's own setup code). */
  public SELF withConfiguration(Configuration configuration) {
    this.conf = configuration;
    return self();
  }

  /** Where the tasks' committed files go (default: a new temporary directory). */
  public SELF withOutputDirectory(Path directory) {
    this.outputDirectory = directory;
    return self();
  }

  SELF withCounters(Counters shared) {
    this.counters = shared;
    return self();
  }

  Path ensureOutputDirectory() {
    if (outputDirectory == null) {
      outputDirectory = TaskHarness.newOutputDirectory();
    }
    return outputDirectory;
  }

  TaskHarness harness() {
    return new TaskHarness(conf, counters, ensureOutputDirectory());
  }

  public Counters counters() {
    return counters;
  }

  public long counter(Enum<?> name) {
    return counters.findCounter(name).getValue();
  }

  /** Where the committed files (e.g. {@code _rejects/}) are, once run. */
  public Path outputDirectory() {
    return outputDirectory;
  }
}
