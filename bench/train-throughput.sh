#!/usr/bin/env bash
# `sheaf train` and `sheaf evaluate` on SpamAssassin features (hashing 2^18, 1-2-grams, tf-idf,
# l2) beside liblinear (`liblinear-train -s 0`, L2 logistic regression, on `sheaf export` output of
# the same shards): test accuracy, and for Sheaf seconds per epoch and examples/s per core per
# epoch, in embedded mode. Then the same on COPIES copies of the corpus (new ids), where the
# per-epoch job start-up no longer hides the per-example cost. Not a test: run it by hand.
# Needs liblinear-tools (apt-get install liblinear-tools) for the comparison; skips it without.
# Usage: bench/train-throughput.sh [COPIES] [TRAIN OPTIONS...]   (default 16; e.g. --optimizer adam)
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/train"
mkdir -p "$work"
source "$home/bench/lib.sh"
copies=16
if [[ $# -gt 0 && $1 != -* ]]; then copies=$1; shift; fi
train_options=("$@")
"$home/bin/sheaf" --help >/dev/null   # build outside the timings

echo "== SpamAssassin (x1)"
bench_spam_features "$(dirname "$(bench_corpus)")/spamassassin.jsonl" "$work/x1" >/dev/null
"$home/bin/sheaf" shard --verify "$work/x1/shards" >/dev/null
python3 -c "import json;m=json.load(open('$work/x1/shards/_MANIFEST.json'));print('  shards:', m['records'], 'dim', m['shard']['dim'])"
bench_train_and_report "x1 (defaults${train_options[*]:+ ${train_options[*]}})" "$work/x1/shards" "$work/x1/model" \
  "${train_options[@]}"
if command -v liblinear-train >/dev/null; then
  "$home/bin/sheaf" export --shards "$work/x1/shards" --split train --output "$work/x1/train.svm" --overwrite >/dev/null
  "$home/bin/sheaf" export --shards "$work/x1/shards" --split test --output "$work/x1/test.svm" --overwrite >/dev/null
  start=$(date +%s.%N)
  liblinear-train -q -s 0 "$work/x1/train.svm" "$work/x1/liblinear.model"
  end=$(date +%s.%N)
  accuracy=$(liblinear-predict "$work/x1/test.svm" "$work/x1/liblinear.model" /dev/null | grep -o '[0-9.]*%')
  awk -v s="$(echo "$end - $start" | bc)" -v a="$accuracy" 'BEGIN {
    printf "bench liblinear -s 0 (C=1) x1: %.2f s to train, test accuracy %s\n", s, a }'
else
  echo "bench liblinear: not installed (apt-get install liblinear-tools); comparison skipped"
fi

echo "== SpamAssassin x$copies (copies under new ids)"
bench_copies "$(bench_corpus)" "$copies" "$work/raw-x$copies"
bench_spam_features "$work/raw-x$copies" "$work/xn" >/dev/null
bench_train_and_report "x$copies (3 epochs${train_options[*]:+, ${train_options[*]}})" "$work/xn/shards" "$work/xn/model" \
  --epochs 3 "${train_options[@]}"
