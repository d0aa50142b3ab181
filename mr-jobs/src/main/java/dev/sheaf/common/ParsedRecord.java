package dev.sheaf.common;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Reject;

/**
 * What the Sheaf input formats hand to a mapper: either a {@link Document} or a {@link Reject}
 * saying why the record at that place could not be read. Exactly one of the two is set.
 */
public final class ParsedRecord {
  private Document document;
  private Reject reject;
  private boolean invalidUtf8;
  private int loneSurrogates;

  public static ParsedRecord of(Document document, boolean invalidUtf8) {
    ParsedRecord record = new ParsedRecord();
    record.document = document;
    record.invalidUtf8 = invalidUtf8;
    return record;
  }

  public static ParsedRecord rejected(Reject reject) {
    ParsedRecord record = new ParsedRecord();
    record.reject = reject;
    return record;
  }

  public static ParsedRecord rejected(
      RejectReason reason, String source, long offset, String detail, String excerpt) {
    return rejected(
        Reject.newBuilder()
            .setStage("")
            .setReason(reason.name())
            .setSource(source)
            .setOffset(offset)
            .setDetail(detail == null ? "" : detail)
            .setExcerpt(Utf8Text.excerpt(excerpt))
            .build());
  }

  /**
   * The same record, noting that {@code count} unpaired surrogates in it were replaced by U+FFFD.
   */
  public ParsedRecord withLoneSurrogatesReplaced(int count) {
    loneSurrogates = count;
    return this;
  }

  /** Unpaired surrogates replaced by U+FFFD in the document's strings. */
  public int loneSurrogatesReplaced() {
    return loneSurrogates;
  }

  public boolean isRejected() {
    return reject != null;
  }

  public Document document() {
    return document;
  }

  public Reject reject() {
    return reject;
  }

  /** True when the document's bytes held invalid UTF-8 that was replaced by U+FFFD. */
  public boolean hadInvalidUtf8() {
    return invalidUtf8;
  }

  @Override
  public String toString() {
    return isRejected() ? "reject " + reject : "document " + document;
  }
}
