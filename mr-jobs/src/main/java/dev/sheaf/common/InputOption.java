package dev.sheaf.common;

/**
 * The options by which a stage reads raw input ({@link InputOptions} parses them). In {@code sheaf
 * pipeline} the first stage takes the reading options from the properties; the later stages read
 * the previous stage's Avro, so the pipeline sets them.
 */
public enum InputOption implements StageOption {
  INPUT(
      OptionSpec.valued(
              "input",
              "PATH",
              "input file or directory (repeat or separate with commas for several)")
          .repeatable()
          .mandatory()
          .setBy(PipelineRole.MANAGED)),
  /** Its default differs by command: {@link InputOptions#settings} sets it. */
  FORMAT(
      OptionSpec.valued("format", "FORMAT", InputFormatKind.names())
          .withKey(InputOptions.FORMAT)
          .setBy(PipelineRole.MANAGED)),
  ID_FIELD(
      OptionSpec.valued(
              "id-field",
              "NAME",
              "jsonl: field, csv/tsv/parquet: column holding the id (missing ids become"
                  + " <file>:<offset>)")
          .withDefault(InputOptions.DEFAULT_ID_FIELD)
          .withKey(InputOptions.ID_FIELD)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT)),
  TEXT_FIELD(
      OptionSpec.valued(
              "text-field", "NAME", "jsonl: field, csv/tsv/parquet: column holding the text")
          .withDefault(InputOptions.DEFAULT_TEXT_FIELD)
          .withKey(InputOptions.TEXT_FIELD)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT)),
  LABEL_FIELD(
      OptionSpec.valued(
              "label-field", "NAME", "jsonl: field, csv/tsv/parquet: column holding the label")
          .withDefault(InputOptions.DEFAULT_LABEL_FIELD)
          .withKey(InputOptions.LABEL_FIELD)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT)),
  MAX_RECORD_BYTES(
      OptionSpec.valued(
              "max-record-bytes",
              "BYTES",
              "longer records are rejected as RECORD_TOO_LARGE (a size: 8388608, 8m, 512k)")
          .withDefault((InputOptions.DEFAULT_MAX_RECORD_BYTES >> 20) + "m")
          .withKey(InputOptions.MAX_RECORD_BYTES)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT)),
  LABEL_FROM_DIR(
      OptionSpec.flag(
              "label-from-dir", "email: the label is the name of the directory holding the message")
          .withKey(InputOptions.LABEL_FROM_DIR)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT)),
  STRICT_FILES(
      OptionSpec.flag(
              "strict-files",
              "fail the stage on a file that cannot be read to its end (default: its records before"
                  + " the break are kept and the file is an UNREADABLE_FILE reject, as Spark's"
                  + " ignoreCorruptFiles)")
          .withKey(InputOptions.STRICT_FILES)
          .setBy(PipelineRole.MANAGED_AFTER_RAW_INPUT));

  private final OptionSpec spec;

  InputOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
