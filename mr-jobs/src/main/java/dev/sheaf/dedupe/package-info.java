/**
 * {@code sheaf dedupe} ({@link dev.sheaf.dedupe.DedupeJob}): {@code Document}s in, the kept {@code
 * Document}s out ({@code part-*.avro}), one {@code Duplicate} per dropped document in {@code
 * _duplicates/}, malformed input in {@code _rejects/}, and {@code _MANIFEST.json}; the output is
 * written to a staging directory and published by one rename.
 *
 * <p>With {@code --exact-only} the stage is one job, {@code sheaf dedupe}: {@link
 * ExactFingerprintMapper} keys each document by {@link PairKey} (fingerprint, rank); {@link
 * ExactDedupeReducer} keeps the first of each group and writes the others to {@code _duplicates/}.
 * Otherwise {@link NearDedupe} runs these jobs, intermediate files in the hidden work directory
 * beside the output:
 *
 * <ol>
 *   <li>{@code sheaf dedupe: minhash}: {@link MinHashMapper} writes each {@code DedupeNode} (with
 *       its document, without its sketch) to {@code nodes/} and a summary (with its sketch, without
 *       the document) keyed (fingerprint, rank) to the shuffle; {@link ExactGroupReducer} writes
 *       each exact group's leader to {@code leaders/}, the leader's (bucket, rank) entries to
 *       {@code part-r-*}, and (leader, member) edges to {@code exact/};
 *   <li>{@code sheaf dedupe: buckets}: {@link BucketMapper} and {@link CandidateReducer} turn the
 *       bucket entries, keyed (bucket, rank), into candidate pairs of ranks;
 *   <li>{@code sheaf dedupe: candidates}: {@link NodeSummaryMapper} (leaders) and {@link
 *       CandidateVerification.PairByCenterMapper} into {@link
 *       CandidateVerification.AttachCenterReducer}: each pair takes its centre's sketch ({@code
 *       CandidatePair});
 *   <li>{@code sheaf dedupe: verify}: {@link NodeSummaryMapper} and {@link
 *       CandidateVerification.PairByMemberMapper} into {@link CandidateVerification.VerifyReducer}:
 *       pairs at or above the threshold become edges;
 *   <li>connected components of the verified and exact edges: by union-find in the driver ({@link
 *       DriverComponents}) when the edges are at most its limit, else rounds of {@code sheaf
 *       dedupe: large-star N} and {@code small-star N} ({@link ConnectedComponents}) until a round
 *       changes no edge;
 *   <li>{@code sheaf dedupe: representatives}: {@link NodeSummaryMapper} and {@link
 *       Representatives.EdgeMapper} into {@link Representatives.LabelReducer}: a {@code
 *       ComponentLabel} for every member that is not its component's representative;
 *   <li>{@code sheaf dedupe: filter}: {@link NearFilter.MapSideMapper} over {@code nodes/}, the
 *       labels in memory, when they fit; else {@link NearFilter.LabelMapper} and {@link
 *       NearFilter.NodeMapper} into {@link NearFilter.FilterReducer}: unlabelled nodes are kept,
 *       labelled ones written to {@code _duplicates/}.
 * </ol>
 *
 * <p>When the leaders fit in the driver's memory, {@link DriverGraph} does the work of the buckets,
 * candidates, verify and representatives jobs and the connected components in the driver (the same
 * pairs, by {@link BucketPairing}, edges, labels and counters), and only the minhash job and the
 * filter run.
 *
 * <p>The driver then moves {@code _rejects/} from the minhash output into the output, deletes the
 * work directory, checks that every record read is accounted for, writes {@code _MANIFEST.json} and
 * publishes. Every shuffle uses {@link PairKey}: sorted on (first, second), grouped and partitioned
 * on first, so joins see a node's own record (tag {@code ""}) before the records joined to it, and
 * buckets and neighbour lists arrive smallest rank first.
 */
package dev.sheaf.dedupe;
