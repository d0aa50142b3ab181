#!/usr/bin/env bash
# Throughput of `sheaf dedupe` (near and exact) in embedded mode on the SpamAssassin corpus repeated N
# times (each copy under new ids, so every copy after the first is an exact duplicate).
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
source "$home/bench/lib.sh"

bench_copies "$(bench_corpus)" "$copies" "$work/input-x$copies"
bench_run "dedupe (x$copies)" "$work/input-x$copies" dedupe --input "$work/input-x$copies" \
  --output "$work/out" --overwrite
