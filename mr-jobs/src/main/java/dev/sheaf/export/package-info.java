/**
 * {@code sheaf export} ({@link dev.sheaf.export.ExportCommand}): one split of a shard set ({@code
 * --shards DIR}, {@code --split train|valid|test}) as one file ({@code --output FILE}), the shards
 * read in order and written as {@code libsvm} lines, {@code jsonl}, or one {@code parquet} file
 * ({@code --format}).
 *
 * <p>No MapReduce job: the command streams the shard files in the client. Label names come from the
 * shard set's {@code _vectorizer/labels.txt}; the count written is checked against the shard set's
 * {@code _MANIFEST.json}; the file is written under a hidden name beside the output and renamed to
 * it once complete. {@link ExampleWriteSupport} writes {@code Example} records as Parquet rows
 * (three-level {@code LIST} layout for {@code indices} and {@code values}).
 */
package dev.sheaf.export;
