/**
 * {@code sheaf quickstart} ({@link dev.sheaf.quickstart.QuickstartCommand}): runs the whole chain
 * on the bundled sample corpus (300 SpamAssassin e-mails as JSON lines) under {@code --work}
 * (default {@code sheaf-work/quickstart}), and prints {@code sheaf inspect} commands to look at the
 * results. It starts no MapReduce job itself: it runs each command in the same JVM through Hadoop's
 * {@code ToolRunner}, each output replacing the last run's ({@code --overwrite}).
 *
 * <p>Commands, in order, each reading the previous one's output:
 *
 * <ol>
 *   <li>the sample copied to {@code input/spamassassin-300.jsonl};
 *   <li>{@code dedupe} to {@code dedupe/};
 *   <li>{@code clean --strip-quotes} to {@code clean/};
 *   <li>{@code vectorize --features vocab --ngrams 1-2 --stopwords en} to {@code vectors/};
 *   <li>{@code shard --shards 2 --split 80/10/10 --seed 42} to {@code shards/};
 *   <li>{@code export} of the train split to {@code train.svm};
 *   <li>{@code train} with default options to {@code model/};
 *   <li>{@code evaluate} on the test split (to {@code model/eval-test.json});
 *   <li>{@code predict --jsonl} on the raw sample again to {@code predictions/}.
 * </ol>
 */
package dev.sheaf.quickstart;
