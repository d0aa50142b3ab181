/**
 * What every {@code sheaf} stage shares: the command base class, raw-input formats, job setup,
 * rejects, record accounting, the manifest and output publishing. Runs no job of its own.
 *
 * <ul>
 *   <li>Commands: {@link SheafCommand} (a Hadoop {@code Tool} with Commons CLI options), {@link
 *       UsageException} (exit 2), {@link StageFailedException} (exit 1), {@link OptionValues} and
 *       {@link Sizes} for option values.
 *   <li>Input: {@link InputOptions} ({@code --input}, {@code --format} and its options) and {@link
 *       InputFormatKind}, one input format per {@code --format}: {@link JsonlInputFormat}, {@link
 *       TextLinesInputFormat}, {@link CsvInputFormat}, {@link TsvInputFormat}, {@link
 *       EmailInputFormat}, {@link WarcInputFormat}, {@link ParquetDocumentInputFormat}, {@link
 *       AvroDocumentInputFormat}, {@link SequenceFileDocumentInputFormat}. Each hands a mapper a
 *       {@link ParsedRecord}: a {@code Document}, or a {@code Reject} with its {@link
 *       RejectReason}. Text decoding: {@link TextEncoding}, {@link TextDecoder}, {@link Utf8Text},
 *       {@link CharsetLabels}; e-mail: {@link EmailParser}.
 *   <li>Tasks: {@link DocumentMapper}, the base of every mapper that reads documents, counts
 *       records in ({@link StageCounters}) and sends rejects through {@link RejectWriter} to {@code
 *       _rejects/}.
 *   <li>Driver: {@link StageInputs} (inputs checked and globs expanded before any job), {@link
 *       StageJobs} (jobs named {@code sheaf <stage>}, submitted and awaited), {@link Conservation}
 *       (every record read accounted for as output, filtered, duplicate or rejected), {@link
 *       Manifest} ({@code _MANIFEST.json}), and {@link StageOutput} (the stage writes into a hidden
 *       staging directory that {@link StageOutput#publish()} renames to the output; intermediate
 *       files go to the hidden work directory of {@link StagePaths}).
 *   <li>Runtime: {@link JobJarCache} (the job jar shipped to YARN once), {@link
 *       NioLocalFileSystem}, {@link LocalJobFailures} (task errors in embedded runs).
 *   <li>Small files on any file system: {@link TextFiles} (UTF-8 lines), {@link JsonFiles} (JSON
 *       trees and objects, the one shared mapper).
 * </ul>
 */
package dev.sheaf.common;
