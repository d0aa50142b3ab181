package dev.sheaf.common;

/** Why an input record could not be read as a document. Also the counter group of rejects by reason. */
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
  MIME_PARSE_ERROR
}
