#!/usr/bin/env bash
# Throughput of `sheaf dedupe` (near and exact) in embedded mode on the SpamAssassin corpus repeated N
# times (each copy under new ids, so every copy after the first is an exact duplicate).
# Prints documents/s, MB/s, peak heap and peak RSS. Not a test: run it by hand and quote the figures.
# Usage: bench/dedupe-throughput.sh [COPIES] [DEDUPE OPTIONS...]   (default 8; e.g. --exact-only;
#        needs npm + python3 for the corpus, else falls back to the bundled 300-message sample)
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/dedupe"
mkdir -p "$work"
source "$home/bench/lib.sh"
bench_args "bench/dedupe-throughput.sh [COPIES] [DEDUPE OPTIONS...]" "$@"

bench_copies "$(bench_corpus)" "$copies" "$work/input-x$copies"
bench_run "dedupe (x$copies${extra[*]:+ ${extra[*]}})" "$work/input-x$copies" dedupe --input "$work/input-x$copies" \
  --output "$work/out" --overwrite "${extra[@]}"
