package dev.sheaf.common;

import java.util.List;
import org.apache.commons.cli.Options;

/**
 * A command's Commons CLI options built from its settings ({@link StageOption}), which it keeps:
 * {@link SheafCommand#settings()} reads them back for {@code --help}'s configuration keys, the
 * pipeline's checks and the generated documentation.
 */
public final class CommandOptions extends Options {
  private static final long serialVersionUID = 1L;

  private final transient List<StageOption> settings;

  /** Options for every setting of {@code settings} that has an option name, in order. */
  public CommandOptions(List<? extends StageOption> settings) {
    this.settings = List.copyOf(settings);
    for (StageOption setting : this.settings) {
      if (!setting.spec().isConfigOnly()) {
        addOption(setting.spec().toOption());
      }
    }
  }

  /** The settings these options were built from, {@code -D}-only keys included, in order. */
  public List<StageOption> settings() {
    return settings;
  }
}
