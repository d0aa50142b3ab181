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
cores=$(nproc)
"$home/bin/sheaf" --help >/dev/null   # build outside the timings

# features as the issue specifies; one shard per core in each split, so every core trains
features() { # INPUT_JSONL_DIR OUT_DIR
  "$home/bin/sheaf" clean --format jsonl --input "$1" --output "$2/clean" --overwrite --strip-quotes \
    --rule min-words=20 | cut -c1-60
  "$home/bin/sheaf" vectorize --input "$2/clean" --output "$2/vectors" --overwrite --features hashing \
    --dim 2^18 --ngrams 1-2 | cut -c1-120
  "$home/bin/sheaf" shard --input "$2/vectors" --output "$2/shards" --overwrite --shards "$cores" \
    --split 80/10/10 --seed 42 --codec snappy
}

# train_and_report LABEL SHARDS MODEL OPTIONS...: trains, evaluates on test, prints the figures
train_and_report() {
  local label=$1 shards=$2 model=$3
  shift 3
  /usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose train --shards "$shards" --model "$model" \
    --overwrite "$@" > "$work/train.out" 2> "$work/train.err" || { cat "$work/train.err" >&2; return 1; }
  grep -E "^(epoch|train:)" "$work/train.out" | sed 's/^/  /'
  "$home/bin/sheaf" evaluate --model "$model" --shards "$shards" | head -n 1 | sed 's/^/  /'
  python3 - "$model" "$label" "$cores" "$(grep -o 'peak heap used [0-9]* MiB' "$work/train.err" | tail -n 1)" \
      "$(cat "$work/rss-kb")" <<'PY'
import json, sys
model, label, cores, heap, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
epochs = [json.loads(line) for line in open(model + "/metrics.jsonl")]
steady = epochs[1:] or epochs   # epoch 1 includes the JIT warm-up
seconds = sum(e["seconds"] for e in steady) / len(steady)
rate = sum(e["examples"] for e in steady) / sum(e["seconds"] for e in steady)
test = json.load(open(model + "/eval-test.json"))
print(f"bench sheaf train {label}: {epochs[0]['examples']} train examples, {len(epochs)} epochs, "
      f"{seconds:.2f} s/epoch, {rate:,.0f} examples/s, {rate / cores:,.0f} examples/s per core ({cores} cores), "
      f"test accuracy {100 * test['accuracy']:.2f}%, {heap}, peak RSS {rss // 1024} MiB")
PY
}

echo "== SpamAssassin (x1)"
features "$(dirname "$(bench_corpus)")/spamassassin.jsonl" "$work/x1" >/dev/null
"$home/bin/sheaf" shard --verify "$work/x1/shards" >/dev/null
python3 -c "import json;m=json.load(open('$work/x1/shards/_MANIFEST.json'));print('  shards:', m['records'], 'dim', m['shard']['dim'])"
train_and_report "x1 (defaults${train_options[*]:+ ${train_options[*]}})" "$work/x1/shards" "$work/x1/model" \
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
features "$work/raw-x$copies" "$work/xn" >/dev/null
train_and_report "x$copies (3 epochs${train_options[*]:+, ${train_options[*]}})" "$work/xn/shards" "$work/xn/model" \
  --epochs 3 "${train_options[@]}"
