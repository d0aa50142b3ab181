/**
 * {@code sheaf clean} ({@link dev.sheaf.clean.CleanJob}): {@code Document}s in, cleaned {@code
 * Document}s out ({@code part-*.avro}), malformed input in {@code _rejects/}, dropped documents as
 * {@code Filtered} records in {@code _filtered/} with {@code --keep-filtered}, and {@code
 * _MANIFEST.json}.
 *
 * <p>Jobs, in order:
 *
 * <ol>
 *   <li>{@code sheaf clean}, map-only (no reducer): {@link CleanMapper} passes each document
 *       through {@link TextCleaner}, writes the kept ones to the output and counts each dropped one
 *       under the {@link FilterRule} that dropped it.
 * </ol>
 *
 * After the job the driver checks that kept, filtered and rejected documents add up to the records
 * read, writes {@code _MANIFEST.json} (counts per rule and per {@link PiiType} masked) and
 * publishes the staging directory as the output.
 *
 * <p>The steps of {@link TextCleaner}, in order: raw e-mail parsed ({@link RawEmail}) and HTML
 * turned into text ({@link HtmlText}); Unicode normalised ({@link UnicodeNormalizer}, with {@link
 * Mojibake}); quotes, boilerplate and letterless lines removed ({@link LineCleaner}); the document
 * rules of the chosen {@link Preset}s ({@link QualityFilter}: {@link GopherRepetition}, {@link
 * GopherQuality}, {@link C4Quality}, {@link FineWebQuality}, limits in {@link QualityLimit}); the
 * language ({@link LanguageFilter}); personal data masked ({@link PiiMasker}, {@link PhoneFinder});
 * the length cap. Options are parsed by {@link CleanOptions} (boilerplate files loaded by {@link
 * Boilerplate}) into {@link CleanSettings}, which carries them to the tasks; {@link
 * CleanParameters} records them in the manifest; outcomes are counted in {@link CleanCounters}.
 */
package dev.sheaf.clean;
