package dev.sheaf.dedupe;

import dev.sheaf.common.InputFormatKind;
import dev.sheaf.common.InputOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** The parsed, validated options of {@code sheaf dedupe}. */
public final class DedupeOptions {
  private final InputOptions input;
  private final Path output;
  private final boolean overwrite;

  private DedupeOptions(InputOptions input, Path output, boolean overwrite) {
    this.input = input;
    this.output = output;
    this.overwrite = overwrite;
  }

  static Options options() {
    Options options = new Options();
    InputOptions.addTo(options, InputFormatKind.JSONL);
    options.addOption(Option.builder().longOpt("output").hasArg().argName("DIR").required()
        .desc("output directory: kept documents, _duplicates/, _rejects/, _MANIFEST.json").build());
    options.addOption(Option.builder().longOpt("overwrite").desc("replace an existing output").build());
    options.addOption(Option.builder().longOpt("exact-only")
        .desc("remove exact duplicates only (same text after NFKC, lower case, punctuation and "
            + "white space removed); the only mode until near-duplicate detection lands").build());
    return options;
  }

  static DedupeOptions parse(CommandLine line) {
    return new DedupeOptions(InputOptions.parse(line, InputFormatKind.JSONL),
        new Path(line.getOptionValue("output")), line.hasOption("overwrite"));
  }

  /** The parameters as the manifest records them. */
  Map<String, Object> describe() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    input.describeTo(parameters);
    parameters.put("mode", "exact");
    parameters.put("normalization", "NFKC, lower case, punctuation removed, white space collapsed");
    parameters.put("fingerprint", "MurmurHash3 x64 128");
    parameters.put("keep", "smallest-id");
    return parameters;
  }

  InputOptions input() {
    return input;
  }

  Path output() {
    return output;
  }

  boolean overwrite() {
    return overwrite;
  }
}
