/**
 * {@code sheaf report} ({@link dev.sheaf.report.ReportCommand}): one self-contained HTML page
 * ({@code --output}, default {@code WORK/report.html}, PNG charts inline) on a work directory
 * ({@code --work}) of {@code sheaf pipeline} or {@code sheaf quickstart}. No MapReduce job: it
 * reads only the stages' own files.
 *
 * <p>The page shows the records through the stages with what each dropped and why (from the {@code
 * _MANIFEST.json} files), loss and accuracy per epoch (the model's {@code metrics.jsonl}), the test
 * metrics and confusion matrix (the metrics JSON), and the sizes of dedupe's duplicate clusters
 * ({@code _duplicates/}); a stage that has not run is reported as missing. {@link ReportData} reads
 * those files into figures, {@link ReportPage} renders them (with {@link Html}). {@link Charts}
 * draws the charts with XChart, headless; {@code sheaf train} uses it for its per-epoch {@code
 * training.png}.
 */
package dev.sheaf.report;
