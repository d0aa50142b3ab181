/**
 * {@code sheaf inspect PATH} ({@link dev.sheaf.inspect.InspectCommand}): prints the records of a
 * stage's output for a person to read. No MapReduce job; it reads through the Hadoop file system
 * API, so any file system works.
 *
 * <p>Avro files, or a directory's {@code part-*} files, are printed as JSON, one record a line; a
 * {@code _} subdirectory ({@code _rejects/}, {@code _duplicates/}, {@code _filtered/}) is inspected
 * by naming it. A {@code .json}, {@code .jsonl}, {@code .tsv} or {@code .txt} file (a manifest, a
 * model's {@code model.json} or {@code metrics.jsonl}, the vectorizer's vocabulary and labels) is
 * printed as it is, up to {@code --limit} lines; a model directory prints its {@code model.json}.
 */
package dev.sheaf.inspect;
