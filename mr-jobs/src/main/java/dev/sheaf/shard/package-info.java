/**
 * {@code sheaf shard} ({@link dev.sheaf.shard.ShardJob}): the {@code Example}s of a vectorize
 * output in, train/valid/test shards out ({@code <split>/part-KKKKK-of-NNNNN.avro}), with a copy of
 * {@code _vectorizer/} and {@code _MANIFEST.json}. {@code --verify DIR} checks an existing shard
 * set against its manifest and runs no job.
 *
 * <p>Examples are read as {@link RawExample}s ({@link RawExampleInputFormat}): their bytes are
 * never decoded beyond the id and label. Each example's split and shuffled position come from a
 * hash of (seed, id) ({@link ShardKeys}, {@link SplitRule}). Jobs, in order:
 *
 * <ol>
 *   <li>{@code sheaf shard stratify}, with {@code --stratify} only: {@link ShardCountMapper} counts
 *       each label's u-bucket histogram, summed by {@code LongSumReducer} (one reducer) into {@code
 *       stratify/}; the driver turns it into per-label split cuts in the {@link ShardPlan}.
 *   <li>{@code sheaf shard count}: {@link ShardCountMapper} counts each split's order-bucket and
 *       label histograms into {@code counts/}; the driver adds them to the plan, written to {@code
 *       plan.bin} in the work directory.
 *   <li>{@code sheaf shard}: {@link ShardMapper} keys each example's bytes by (global shard, order
 *       hash, id), partitioned by {@link ShardMapper.ShardPartitioner}; each {@link ShardReducer}
 *       writes its shard files and a {@code _shards/<split>-KKKKK.json} sidecar through {@link
 *       ShardOutputFormat}.
 * </ol>
 *
 * The driver then reads the sidecars into the manifest and deletes them, copies {@code
 * _vectorizer/} from the input, checks that the examples of the three splits add up to those read,
 * writes {@code _MANIFEST.json} and publishes the staging directory as the output.
 */
package dev.sheaf.shard;
