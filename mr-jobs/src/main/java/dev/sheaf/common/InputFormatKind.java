package dev.sheaf.common;

import java.util.Locale;

/** The {@code --format} values and the input format that reads each. */
public enum InputFormatKind {
  JSONL(JsonlInputFormat.class),
  TEXT(TextLinesInputFormat.class),
  EMAIL(EmailInputFormat.class),
  AVRO(AvroDocumentInputFormat.class),
  CSV(CsvInputFormat.class),
  TSV(TsvInputFormat.class),
  SEQUENCEFILE(SequenceFileDocumentInputFormat.class),
  WARC(WarcInputFormat.class),
  PARQUET(ParquetDocumentInputFormat.class);

  private final Class<? extends DocumentInputFormat> inputFormat;

  InputFormatKind(Class<? extends DocumentInputFormat> inputFormat) {
    this.inputFormat = inputFormat;
  }

  public Class<? extends DocumentInputFormat> inputFormat() {
    return inputFormat;
  }

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code --format} value; a clear {@link UsageException} for anything else. */
  public static InputFormatKind parse(String value) {
    for (InputFormatKind kind : values()) {
      if (kind.optionValue().equals(value)) {
        return kind;
      }
    }
    throw new UsageException("--format must be one of " + names() + " (got '" + value + "')");
  }

  /** The {@code --format} values, comma separated: {@code jsonl, text, ...}. */
  public static String names() {
    StringBuilder names = new StringBuilder();
    for (InputFormatKind kind : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(kind.optionValue());
    }
    return names.toString();
  }
}
