package dev.sheaf.common;

/**
 * Why an input record could not be read as a document. Also the counter group of rejects by reason.
 */
public enum RejectReason {
  /** The line is not valid JSON. */
  INVALID_JSON,
  /** The line is valid JSON but not an object. */
  NOT_AN_OBJECT,
  /** The object has no text field, or it is null. */
  MISSING_TEXT,
  /** The text field is not a string. */
  TEXT_NOT_STRING,
  /** The text is empty or only white space. */
  EMPTY_TEXT,
  /** The record is longer than {@code --max-record-bytes}. */
  RECORD_TOO_LARGE,
  /** mime4j could not parse the e-mail. */
  MIME_PARSE_ERROR,
  /** A JSON object names the same key twice (which value is meant cannot be known). */
  DUPLICATE_KEY,
  /** The id field is an array or object: an id is a string or a number. */
  ID_NOT_SCALAR,
  /**
   * The label field is an array or object: a label is one class name (a string, number or boolean).
   */
  LABEL_NOT_SCALAR,
  /**
   * A file that could not be read to its end (truncated or corrupt compressed data, an unreadable
   * block): the records before the break are kept, this reject names the file and the fault.
   */
  UNREADABLE_FILE,
  /**
   * A CSV/TSV record with malformed quoting: text after a closing quote, or a quote never closed.
   */
  MALFORMED_CSV,
  /** A CSV/TSV record with more or fewer fields than its file's header. */
  WRONG_COLUMN_COUNT,
  /**
   * A CSV/TSV file whose header has no text column, names the text, id or label column twice, or
   * cannot be parsed: the whole file is this one reject.
   */
  BAD_HEADER,
  /**
   * A WARC response whose HTTP header cannot be parsed, or whose payload's content encoding cannot
   * be decoded.
   */
  MALFORMED_HTTP
}
