#!/usr/bin/env bash
# Throughput of `sheaf vectorize` and `sheaf shard` in embedded mode on the SpamAssassin corpus
# repeated COPIES times (cleaned first, not timed): docs/s, MB/s (per core too), non-zeros/s for
# vectorize; for shard the same beside the time of copying the same bytes (hadoop fs -cp
# equivalent: a plain file copy), since a shuffle-and-rewrite cannot beat a copy.
# Extra arguments go to vectorize, e.g. `--features vocab --ngrams 1-2`.
# Not a test: run it by hand and quote the figures.
# Usage: bench/vectorize-shard-throughput.sh [COPIES] [VECTORIZE OPTIONS...]   (default 8)
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/vectorize-shard"
mkdir -p "$work"
source "$home/bench/lib.sh"
bench_args "bench/vectorize-shard-throughput.sh [COPIES] [VECTORIZE OPTIONS...]" "$@"

bench_copies "$(bench_corpus)" "$copies" "$work/raw-x$copies"
"$home/bin/sheaf" clean --format jsonl --input "$work/raw-x$copies" --output "$work/clean" --overwrite \
  --strip-quotes --rule min-words=20 | cut -c1-80

# MB of text, not of compressed Avro: the JSON lines of the cleaned documents
clean_bytes=$("$home/bin/sheaf" inspect "$work/clean" | wc -c)
clean_docs=$(python3 -c "import json;print(json.load(open('$work/clean/_MANIFEST.json'))['records']['kept'])")
bench_run_measured "vectorize (x$copies${extra[*]:+ ${extra[*]}})" "$clean_bytes" "$clean_docs" vectorize \
  --input "$work/clean" --output "$work/vectors" --overwrite "${extra[@]}"

vector_bytes=$(cat "$work/vectors"/part-*.avro | wc -c)   # shard moves these bytes
vector_docs=$(python3 -c "import json;print(json.load(open('$work/vectors/_MANIFEST.json'))['records']['examples'])")
bench_run_measured "shard (x$copies, 16 shards)" "$vector_bytes" "$vector_docs" shard --input "$work/vectors" \
  --output "$work/shards" --overwrite --shards 16
rm -rf "$work/copy" && mkdir -p "$work/copy"
start=$(date +%s.%N)
cp "$work/vectors"/part-*.avro "$work/copy/" && sync
end=$(date +%s.%N)
awk -v bytes="$vector_bytes" -v start="$start" -v end="$end" 'BEGIN {
  printf "bench copy of the same bytes: %.1f MB in %.2f s: %.2f MB/s\n", bytes / 1e6, end - start, bytes / 1e6 / (end - start) }'
