package dev.sheaf.common;

/**
 * Configuration keys only {@code -D} can set that apply to every command submitting MapReduce jobs;
 * such a command lists them among its settings so that {@code --help} names them.
 */
public enum JobOption implements StageOption {
  JOB_JAR_CACHE_DIR(
      OptionSpec.configOnly(
          JobJarCache.DIR,
          JobJarCache.DEFAULT_DIR,
          "where the job jar is shipped once and reused, on the default file system, relative to"
              + " the home directory unless absolute; empty: upload it with every job"));

  private final OptionSpec spec;

  JobOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
