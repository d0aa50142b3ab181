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
source "$home/bench/lib.sh"
corpus=$(bench_corpus)

rm -rf "$work/quality-in" && mkdir -p "$work/quality-in"
python3 "$home/bench/dedupe_quality.py" plant "$corpus" "$planted" "$work/quality-in/corpus.jsonl" "$work/pairs.tsv"

"$home/bin/sheaf" --help >/dev/null   # builds the jars if needed, outside the timings
"$home/bin/sheaf" dedupe --input "$work/quality-in" --output "$work/quality-out" --overwrite | tee "$work/quality.txt"
"$home/bin/sheaf" inspect "$work/quality-out/_duplicates" > "$work/duplicates.jsonl"
python3 "$home/bench/dedupe_quality.py" score "$work/quality-in/corpus.jsonl" "$work/pairs.tsv" "$work/duplicates.jsonl"

bench_copies "$work/quality-in/corpus.jsonl" "$copies" "$work/speed-in"
bench_run "dedupe (near, x$copies)" "$work/speed-in" dedupe --input "$work/speed-in" --output "$work/speed-out" --overwrite
