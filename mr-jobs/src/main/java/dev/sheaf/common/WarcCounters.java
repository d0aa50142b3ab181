package dev.sheaf.common;

/**
 * WARC records {@code --format warc} read but did not make documents of: not records of the corpus
 * (so not part of {@link StageCounters#RECORDS_IN}), each counted here by why.
 */
public enum WarcCounters {
  /** {@code request} records: what the crawler sent. */
  REQUEST_RECORDS_SKIPPED,
  /** {@code metadata} records: the crawler's notes on a capture (outlinks, fetch times). */
  METADATA_RECORDS_SKIPPED,
  /** {@code warcinfo} records: the file's own description. */
  WARCINFO_RECORDS_SKIPPED,
  /** {@code resource}, {@code revisit}, {@code continuation} and unknown record types. */
  OTHER_RECORDS_SKIPPED,
  /** Response records whose block is not an HTTP response (DNS, Gemini, ...). */
  RESPONSES_NOT_HTTP,
  /** HTTP responses with a status outside 200-299 (redirects, errors): no page text. */
  RESPONSES_NOT_SUCCESSFUL,
  /** HTTP responses whose payload is not text (images, PDF, scripts' JSON): no text to read. */
  RESPONSES_NOT_TEXT
}
