package dev.sheaf.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How a stage reads raw input ({@code --input}, {@code --format} and the format's options): parsed
 * from the command line, validated, and carried to the tasks in the job configuration.
 */
public final class InputOptions {
  public static final String FORMAT = "sheaf.input.format";
  public static final String ID_FIELD = "sheaf.input.id-field";
  public static final String DEFAULT_ID_FIELD = "id";
  public static final String TEXT_FIELD = "sheaf.input.text-field";
  public static final String DEFAULT_TEXT_FIELD = "text";
  public static final String LABEL_FIELD = "sheaf.input.label-field";
  public static final String DEFAULT_LABEL_FIELD = "label";
  public static final String MAX_RECORD_BYTES = "sheaf.input.max-record-bytes";
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;
  public static final String LABEL_FROM_DIR = "sheaf.input.label-from-dir";

  /**
   * Whether a file that cannot be read to its end fails the stage (else: a reject, the rest goes
   * on).
   */
  public static final String STRICT_FILES = "sheaf.input.strict-files";

  /** The qualified input paths, comma separated: ids and sources are made relative to them. */
  public static final String ROOTS = "sheaf.input.roots";

  private final List<Path> inputs;
  private final InputFormatKind format;
  private final String idField;
  private final String textField;
  private final String labelField;
  private final int maxRecordBytes;
  private final boolean labelFromDir;
  private final boolean strictFiles;

  private InputOptions(
      List<Path> inputs,
      InputFormatKind format,
      String idField,
      String textField,
      String labelField,
      int maxRecordBytes,
      boolean labelFromDir,
      boolean strictFiles) {
    this.inputs = List.copyOf(inputs);
    this.format = format;
    this.idField = idField;
    this.textField = textField;
    this.labelField = labelField;
    this.maxRecordBytes = maxRecordBytes;
    this.labelFromDir = labelFromDir;
    this.strictFiles = strictFiles;
  }

  /** Adds the input options to a command's options. */
  public static void addTo(Options options, InputFormatKind defaultFormat) {
    options.addOption(
        Option.builder()
            .longOpt("input")
            .hasArgs()
            .argName("PATH")
            .desc("input file or directory (repeat or separate with commas for several)")
            .required()
            .build());
    options.addOption(
        Option.builder()
            .longOpt("format")
            .hasArg()
            .argName("FORMAT")
            .desc(InputFormatKind.names() + " (default " + defaultFormat.optionValue() + ")")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("id-field")
            .hasArg()
            .argName("NAME")
            .desc(
                "jsonl: field, csv/tsv/parquet: column holding the id (default id; missing ids become <file>:<offset>)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("text-field")
            .hasArg()
            .argName("NAME")
            .desc("jsonl: field, csv/tsv/parquet: column holding the text (default text)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("label-field")
            .hasArg()
            .argName("NAME")
            .desc("jsonl: field, csv/tsv/parquet: column holding the label (default label)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("max-record-bytes")
            .hasArg()
            .argName("BYTES")
            .desc(
                "longer records are rejected as RECORD_TOO_LARGE (default 8 MiB; accepts 8m, 512k)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("label-from-dir")
            .desc("email: the label is the name of the directory holding the message")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("strict-files")
            .desc(
                "fail the stage on a file that cannot be read to its end (default: its records before the break are "
                    + "kept and the file is an UNREADABLE_FILE reject, as Spark's ignoreCorruptFiles)")
            .build());
  }

  public static InputOptions parse(CommandLine line, InputFormatKind defaultFormat) {
    List<Path> inputs = new ArrayList<>();
    for (String value : line.getOptionValues("input")) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          inputs.add(new Path(part.trim()));
        }
      }
    }
    if (inputs.isEmpty()) {
      throw new UsageException("--input needs a path");
    }
    InputFormatKind format =
        line.hasOption("format")
            ? InputFormatKind.parse(line.getOptionValue("format"))
            : defaultFormat;
    long maxBytes =
        line.hasOption("max-record-bytes")
            ? Sizes.parseBytes("--max-record-bytes", line.getOptionValue("max-record-bytes"))
            : DEFAULT_MAX_RECORD_BYTES;
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new UsageException(
          "--max-record-bytes must be between 1 and 2 GiB (got " + maxBytes + ")");
    }
    if (line.hasOption("label-from-dir") && format != InputFormatKind.EMAIL) {
      throw new UsageException("--label-from-dir applies to --format email only");
    }
    return new InputOptions(
        inputs,
        format,
        line.getOptionValue("id-field", DEFAULT_ID_FIELD),
        line.getOptionValue("text-field", DEFAULT_TEXT_FIELD),
        line.getOptionValue("label-field", DEFAULT_LABEL_FIELD),
        (int) maxBytes,
        line.hasOption("label-from-dir"),
        line.hasOption("strict-files"));
  }

  /** Writes these options into a job's configuration, where the record readers find them. */
  public void applyTo(Configuration conf, List<Path> qualifiedInputs) {
    conf.set(FORMAT, format.optionValue());
    conf.set(ID_FIELD, idField);
    conf.set(TEXT_FIELD, textField);
    conf.set(LABEL_FIELD, labelField);
    conf.setInt(MAX_RECORD_BYTES, maxRecordBytes);
    conf.setBoolean(LABEL_FROM_DIR, labelFromDir);
    conf.setBoolean(STRICT_FILES, strictFiles);
    List<String> roots = new ArrayList<>();
    for (Path path : qualifiedInputs) {
      roots.add(path.toString());
    }
    conf.setStrings(ROOTS, roots.toArray(new String[0]));
  }

  /** How the records were read, for messages: {@code --format jsonl}. */
  public String describe() {
    return "--format " + format.optionValue();
  }

  /** The options as the manifest records them. */
  public void describeTo(Map<String, Object> parameters) {
    parameters.put("format", format.optionValue());
    if (format == InputFormatKind.JSONL
        || format == InputFormatKind.CSV
        || format == InputFormatKind.TSV
        || format == InputFormatKind.PARQUET) {
      parameters.put("idField", idField);
      parameters.put("textField", textField);
      parameters.put("labelField", labelField);
    }
    if (format == InputFormatKind.EMAIL) {
      parameters.put("labelFromDir", labelFromDir);
    }
    parameters.put("maxRecordBytes", maxRecordBytes);
    parameters.put("strictFiles", strictFiles);
  }

  public List<Path> inputs() {
    return inputs;
  }

  public InputFormatKind format() {
    return format;
  }
}
