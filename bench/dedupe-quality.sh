#!/usr/bin/env bash
# Quality and speed of near-duplicate `sheaf dedupe` (embedded mode) on the SpamAssassin corpus:
#  1. plants near copies of known true Jaccard similarity (0.80 to 1.00, word 5-shingles) of
#     PLANTED random messages, runs dedupe, and prints pair recall (planted pairs at or above the
#     threshold that end in one cluster, overall and by similarity bin) and precision (dropped
#     documents whose true similarity to some member of their cluster is at least 0.75);
#  2. runs dedupe on that corpus repeated COPIES times (each copy under new ids) and prints
#     docs/s and MB/s (per core too).
# Not a test: run by hand and quote the figures. Needs python3; npm for the full corpus.
# Usage: bench/dedupe-quality.sh [PLANTED] [COPIES]   (defaults 600 and 8)
set -euo pipefail

usage() { echo "usage: bench/dedupe-quality.sh [PLANTED] [COPIES]" >&2; exit 2; }
planted=${1:-600}
copies=${2:-8}
[[ $planted =~ ^[0-9]+$ && $copies =~ ^[1-9][0-9]*$ ]] || usage
command -v python3 >/dev/null || { echo "bench: needs python3" >&2; exit 1; }

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/dedupe-quality"
mkdir -p "$work"
corpus="$home/bench/work/spamassassin.jsonl"
if [[ ! -s $corpus ]]; then
  bash "$home/../shared/corpora/fetch-spamassassin.sh" "$corpus" >&2 || {
    echo "bench: could not build the corpus (needs npm and ../shared); using the bundled 300-message sample" >&2
    cp "$home/test-fixtures/src/main/resources/corpora/spamassassin/spamassassin-300.jsonl" "$corpus"; }
fi

rm -rf "$work/quality-in" && mkdir -p "$work/quality-in"
python3 "$home/bench/dedupe_quality.py" plant "$corpus" "$planted" "$work/quality-in/corpus.jsonl" "$work/pairs.tsv"

"$home/bin/sheaf" --help >/dev/null   # builds the jars if needed, outside the timings
"$home/bin/sheaf" dedupe --input "$work/quality-in" --output "$work/quality-out" --overwrite | tee "$work/quality.txt"
"$home/bin/sheaf" inspect "$work/quality-out/_duplicates" > "$work/duplicates.jsonl"
python3 "$home/bench/dedupe_quality.py" score "$work/quality-in/corpus.jsonl" "$work/pairs.tsv" "$work/duplicates.jsonl"

rm -rf "$work/speed-in" && mkdir -p "$work/speed-in"
for ((i = 0; i < copies; i++)); do
  sed "s/^{\"id\": \"/{\"id\": \"c$i\//" "$work/quality-in/corpus.jsonl" > "$work/speed-in/copy-$i.jsonl"
done
bytes=$(cat "$work/speed-in"/*.jsonl | wc -c)
docs=$(cat "$work/speed-in"/*.jsonl | wc -l)
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose dedupe --input "$work/speed-in" \
  --output "$work/speed-out" --overwrite > "$work/speed.txt" 2> "$work/speed.err"
end=$(date +%s.%N)
cat "$work/speed.txt"
awk -v docs="$docs" -v bytes="$bytes" -v start="$start" -v end="$end" -v cores="$(nproc)" \
    -v heap="$(grep -o 'peak heap used [0-9]* MiB' "$work/speed.err" | tail -n 1)" -v rss="$(cat "$work/rss-kb")" 'BEGIN {
  s = end - start
  printf "bench dedupe (near, x%d): %d docs, %.1f MB in %.2f s (wall, JVM start included): %.0f docs/s, %.2f MB/s, %.2f MB/s per core (%d cores), %s, peak RSS %d MiB\n",
    ARGV[1], docs, bytes / 1e6, s, docs / s, bytes / 1e6 / s, bytes / 1e6 / s / cores, cores, heap, rss / 1024
}' "$copies"
