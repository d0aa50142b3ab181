package dev.sheaf.common;

/**
 * {@code --format csv}: comma-separated values with RFC 4180 quoting and a header row; see {@link
 * DelimitedInputFormat} for columns, splits and rejects.
 */
public final class CsvInputFormat extends DelimitedInputFormat {
  @Override
  protected char delimiter() {
    return ',';
  }
}
