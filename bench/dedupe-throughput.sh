#!/usr/bin/env bash
# Throughput of `sheaf dedupe` in embedded mode on the SpamAssassin corpus repeated N times
# (each copy under new ids, so every copy after the first is an exact duplicate).
# Prints documents/s, MB/s, peak heap and peak RSS. Not a test: run it by hand and quote the figures.
# Usage: bench/dedupe-throughput.sh [COPIES]   (default 8; needs npm + python3 for the corpus,
#        else falls back to the bundled 300-message sample)
set -euo pipefail

usage() { echo "usage: bench/dedupe-throughput.sh [COPIES]" >&2; exit 2; }
copies=${1:-8}
[[ $copies =~ ^[1-9][0-9]*$ ]] || usage

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/dedupe"
mkdir -p "$work"
corpus="$home/bench/work/spamassassin.jsonl"
if [[ ! -s $corpus ]]; then
  fetch="$home/../shared/corpora/fetch-spamassassin.sh"
  if [[ -x $fetch || -f $fetch ]] && bash "$fetch" "$corpus" >&2; then
    :
  else
    echo "bench: could not build the full corpus; using the bundled 300-message sample" >&2
    cp "$home/test-fixtures/src/main/resources/corpora/spamassassin/spamassassin-300.jsonl" "$corpus"
  fi
fi

input="$work/input-x$copies"
rm -rf "$input" && mkdir -p "$input"
for ((i = 0; i < copies; i++)); do
  sed "s/^{\"id\": \"/{\"id\": \"c$i\//" "$corpus" > "$input/copy-$i.jsonl"
done
bytes=$(cat "$input"/*.jsonl | wc -c)
docs=$(cat "$input"/*.jsonl | wc -l)

"$home/bin/sheaf" --help >/dev/null   # builds the jars if needed, outside the timing
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose dedupe --input "$input" \
  --output "$work/out" --overwrite > "$work/stdout" 2> "$work/stderr"
end=$(date +%s.%N)

peak_heap=$(grep -o 'peak heap used [0-9]* MiB' "$work/stderr" | tail -n 1)
grep '^dedupe:' "$work/stdout"
awk -v docs="$docs" -v bytes="$bytes" -v start="$start" -v end="$end" -v heap="$peak_heap" \
    -v rss="$(cat "$work/rss-kb")" -v cores="$(nproc)" 'BEGIN {
  s = end - start
  printf "bench dedupe: %d docs, %.1f MB in %.2f s (wall, JVM start included): %.0f docs/s, %.2f MB/s, %s, peak RSS %d MiB, %d cores\n",
    docs, bytes / 1e6, s, docs / s, bytes / 1e6 / s, heap, rss / 1024, cores
}'
