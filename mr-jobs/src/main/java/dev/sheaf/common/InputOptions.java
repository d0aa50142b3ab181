package dev.sheaf.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
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

  /**
   * The input options as a command's settings, {@code --format} defaulting to {@code
   * defaultFormat}.
   */
  public static List<StageOption> settings(InputFormatKind defaultFormat) {
    List<StageOption> settings = new ArrayList<>();
    for (InputOption option : InputOption.values()) {
      settings.add(
          option == InputOption.FORMAT ? option.withDefault(defaultFormat.optionValue()) : option);
    }
    return settings;
  }

  /**
   * The input options as given on {@code line}, validated.
   *
   * @param defaultFormat the format when {@code --format} is absent
   * @throws UsageException naming the option that is wrong
   */
  public static InputOptions parse(CommandLine line, InputFormatKind defaultFormat) {
    List<Path> inputs = new ArrayList<>();
    for (String value : InputOption.INPUT.values(line)) {
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
        InputOption.FORMAT.isSet(line)
            ? InputFormatKind.parse(InputOption.FORMAT.value(line))
            : defaultFormat;
    long maxBytes =
        InputOption.MAX_RECORD_BYTES.isSet(line)
            ? Sizes.parseBytes(
                InputOption.MAX_RECORD_BYTES.flag(), InputOption.MAX_RECORD_BYTES.value(line))
            : DEFAULT_MAX_RECORD_BYTES;
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new UsageException(
          InputOption.MAX_RECORD_BYTES.flag()
              + " must be between 1 and 2 GiB (got "
              + maxBytes
              + ")");
    }
    if (InputOption.LABEL_FROM_DIR.isSet(line) && format != InputFormatKind.EMAIL) {
      throw new UsageException(
          InputOption.LABEL_FROM_DIR.flag() + " applies to --format email only");
    }
    return new InputOptions(
        inputs,
        format,
        InputOption.ID_FIELD.value(line, DEFAULT_ID_FIELD),
        InputOption.TEXT_FIELD.value(line, DEFAULT_TEXT_FIELD),
        InputOption.LABEL_FIELD.value(line, DEFAULT_LABEL_FIELD),
        (int) maxBytes,
        InputOption.LABEL_FROM_DIR.isSet(line),
        InputOption.STRICT_FILES.isSet(line));
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
