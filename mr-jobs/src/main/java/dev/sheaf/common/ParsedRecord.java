package dev.sheaf.common;

import dev.sheaf.avro.Document;
import dev.sheaf.avro.Reject;
import java.util.Map;

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

  /**
   * A readable record: a {@link Document} of these fields.
   *
   * @param label the class label, or null when the input has none
   * @param source the input file, relative to the input root it was found under
   * @param meta the record's other fields by name (kept, not copied)
   * @param invalidUtf8 whether invalid UTF-8 in the record was replaced by U+FFFD
   */
  public static ParsedRecord document(
      String id,
      String text,
      String label,
      String source,
      Map<String, String> meta,
      boolean invalidUtf8) {
    return of(
        Document.newBuilder()
            .setId(id)
            .setText(text)
            .setLabel(label)
            .setSource(source)
            .setMeta(meta)
            .build(),
        invalidUtf8);
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
