#!/usr/bin/env bash
# Throughput of `sheaf vectorize` and `sheaf shard` in embedded mode on the SpamAssassin corpus
# repeated COPIES times (cleaned first, not timed): docs/s, MB/s (per core too), non-zeros/s for
# vectorize; for shard the same beside the time of copying the same bytes (hadoop fs -cp
# equivalent: a plain file copy), since a shuffle-and-rewrite cannot beat a copy.
# Extra arguments go to vectorize, e.g. `--features vocab --ngrams 1-2`.
# Not a test: run it by hand and quote the figures.
# Usage: bench/vectorize-shard-throughput.sh [COPIES] [VECTORIZE OPTIONS...]   (default 8)
set -euo pipefail

usage() { echo "usage: bench/vectorize-shard-throughput.sh [COPIES] [VECTORIZE OPTIONS...]" >&2; exit 2; }
copies=8
if [[ $# -gt 0 && $1 != -* ]]; then
  copies=$1
  shift
fi
[[ $copies =~ ^[1-9][0-9]*$ ]] || usage

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/vectorize-shard"
mkdir -p "$work"
source "$home/bench/lib.sh"

bench_copies "$(bench_corpus)" "$copies" "$work/raw-x$copies"
"$home/bin/sheaf" clean --format jsonl --input "$work/raw-x$copies" --output "$work/clean" --overwrite \
  --strip-quotes --rule min-words=20 | cut -c1-80

bench_timed() {  # LABEL INPUT_BYTES DOCS COMMAND ARGS...
  local label=$1 bytes=$2 docs=$3 command=$4
  shift 4
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose "$command" "$@" \
    > "$work/$command.out" 2> "$work/$command.err" || { cat "$work/$command.err" >&2; return 1; }
  end=$(date +%s.%N)
  grep "^$command:" "$work/$command.out"
  awk -v label="$label" -v docs="$docs" -v bytes="$bytes" -v start="$start" -v end="$end" -v cores="$(nproc)" \
      -v nnz="$(grep -o '[0-9]* non-zeros' "$work/$command.out" | cut -d' ' -f1)" \
      -v heap="$(grep -o 'peak heap used [0-9]* MiB' "$work/$command.err" | tail -n 1)" \
      -v rss="$(cat "$work/rss-kb")" 'BEGIN {
    s = end - start
    printf "bench %s: %d docs, %.1f MB in %.2f s (wall, JVM start included): %.0f docs/s, %.2f MB/s, %.2f MB/s per core (%d cores)%s, %s, peak RSS %d MiB\n",
      label, docs, bytes / 1e6, s, docs / s, bytes / 1e6 / s, bytes / 1e6 / s / cores, cores,
      nnz ? sprintf(", %.0f non-zeros/s", nnz / s) : "", heap, rss / 1024
  }'
}

# MB of text, not of compressed Avro: the JSON lines of the cleaned documents
clean_bytes=$("$home/bin/sheaf" inspect "$work/clean" | wc -c)
clean_docs=$(python3 -c "import json;print(json.load(open('$work/clean/_MANIFEST.json'))['records']['kept'])")
bench_timed "vectorize (x$copies${*:+ $*})" "$clean_bytes" "$clean_docs" vectorize --input "$work/clean" \
  --output "$work/vectors" --overwrite "$@"

vector_bytes=$(cat "$work/vectors"/part-*.avro | wc -c)   # shard moves these bytes
vector_docs=$(python3 -c "import json;print(json.load(open('$work/vectors/_MANIFEST.json'))['records']['examples'])")
bench_timed "shard (x$copies, 16 shards)" "$vector_bytes" "$vector_docs" shard --input "$work/vectors" \
  --output "$work/shards" --overwrite --shards 16
rm -rf "$work/copy" && mkdir -p "$work/copy"
start=$(date +%s.%N)
cp "$work/vectors"/part-*.avro "$work/copy/" && sync
end=$(date +%s.%N)
awk -v bytes="$vector_bytes" -v start="$start" -v end="$end" 'BEGIN {
  printf "bench copy of the same bytes: %.1f MB in %.2f s: %.2f MB/s\n", bytes / 1e6, end - start, bytes / 1e6 / (end - start) }'
