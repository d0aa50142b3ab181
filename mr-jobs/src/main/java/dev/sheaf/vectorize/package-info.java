/**
 * {@code sheaf vectorize} ({@link dev.sheaf.vectorize.VectorizeJob}): {@code Document}s in, sparse
 * {@code Example}s out ({@code part-*.avro}), with the vectorizer in {@code _vectorizer/},
 * malformed input in {@code _rejects/}, and {@code _MANIFEST.json}.
 *
 * <p>Jobs, in order:
 *
 * <ol>
 *   <li>{@code sheaf vectorize dictionary}, run when the vocabulary, the idf or the label names
 *       must come from the data: {@link DictionaryMapper} emits (Text, LongWritable) counts keyed
 *       {@code T<term>}, {@code H<index>} or {@code L<label>}; Hadoop's {@code LongSumReducer} is
 *       both combiner and reducer; text output to {@code dictionary/} in the work directory.
 *   <li>In the driver: the counts are read back, the vocabulary chosen ({@code --min-df}, {@code
 *       --max-df}, {@code --max-vocab}), and {@code _vectorizer/} written in the work directory:
 *       {@code vectorizer.json} ({@link VectorizerSpec}), {@code vocabulary.tsv} (vocab) or {@code
 *       df.tsv} (hashing with idf), {@code labels.txt}, {@code stopwords.txt}, and {@code
 *       split.json} with a fit split ({@link dev.sheaf.shard.SplitRule}).
 *   <li>{@code sheaf vectorize}, map-only: {@link VectorizeMapper} loads that directory as a {@link
 *       Vectorizer} and writes one {@code Example} per document, or counts why it dropped it
 *       ({@link VectorizeCounters}).
 * </ol>
 *
 * The driver then moves {@code _vectorizer/} into the output, deletes the work directory, checks
 * that the records read are accounted for, writes {@code _MANIFEST.json} and publishes the staging
 * directory as the output.
 *
 * <p>{@link TextTokenizer} and {@link Vectorizer} are shared with {@code sheaf predict}, so
 * training and serving compute the same features.
 */
package dev.sheaf.vectorize;
