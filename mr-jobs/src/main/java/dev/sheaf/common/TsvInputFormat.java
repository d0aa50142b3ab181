package dev.sheaf.common;

/**
 * {@code --format tsv}: tab-separated values with a header row, quoted as RFC 4180 quotes CSV (a
 * field holding a tab, a line break or a leading {@code "} is quoted, as pandas and Excel write
 * them); see {@link DelimitedInputFormat} for columns, splits and rejects.
 */
public final class TsvInputFormat extends DelimitedInputFormat {
  @Override
  protected char delimiter() {
    return '\t';
  }
}
