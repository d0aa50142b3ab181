#!/usr/bin/env bash
# Does training quality depend on the number of map tasks? A many-class corpus of short texts
# (bench/multiclass_corpus.py, default 43 classes, 15,000 texts), vectorized once (hashing 2^18,
# 1-2-grams, tf-idf, l2), sharded into 1, 8 and 32 files a split (one map task each, same split
# seed, so the same examples in train/valid/test), trained with `sheaf train` for each sync mode
# and each -D setting given, evaluated on test; beside liblinear -s 0 (C tuned on valid) on the
# same exported features when installed (apt-get install liblinear-tools). Prints one table row
# per run: epochs run, best valid loss (epoch), test accuracy, seconds an epoch, examples/s. Not a test.
# With CORPUS=spamassassin in the environment: the SpamAssassin e-mails (bench/lib.sh's corpus,
# cleaned and vectorized as bench/train-throughput.sh does) instead of the many-class corpus.
# Usage: bench/train-scaling.sh [CLASSES] [DOCS] [SHARD COUNTS] [MODES] [TRAIN OPTIONS...]
#   SHARD COUNTS default "1 8 32"; MODES default "average gradient lbfgs"; a mode may carry -D settings
#   after a colon, e.g. "average:sheaf.train.average-weights=rows". TRAIN OPTIONS go to every mode:
#   lbfgs refuses --lr, --optimizer and --lr-schedule, so run the modes apart when giving those.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/scaling${CORPUS:+-$CORPUS}"
classes=${1:-43}
docs=${2:-15000}
counts=${3:-1 8 32}
modes=${4:-average gradient lbfgs}
shift $(( $# > 4 ? 4 : $# ))
mkdir -p "$work/raw"
if [[ ${CORPUS:-} == spamassassin ]]; then
  source "$home/bench/lib.sh"
  "$home/bin/sheaf" clean --format jsonl --input "$(bench_corpus)" --output "$work/clean" --overwrite \
    --strip-quotes --rule min-words=20 | cut -c1-60
  "$home/bin/sheaf" vectorize --input "$work/clean" --output "$work/vectors" --overwrite --features hashing \
    --dim 2^18 --ngrams 1-2 | cut -c1-140
else
  python3 "$home/bench/multiclass_corpus.py" "$classes" "$docs" 7 > "$work/raw/corpus.jsonl"
  "$home/bin/sheaf" vectorize --format jsonl --input "$work/raw" --output "$work/vectors" --overwrite \
    --features hashing --dim 2^18 --ngrams 1-2 | cut -c1-140
fi
printf '%-7s %-44s %7s %18s %9s %8s %10s\n' shards mode epochs "best valid loss" "test acc" "s/epoch" "examples/s"
for count in $counts; do
  "$home/bin/sheaf" shard --input "$work/vectors" --output "$work/shards-$count" --overwrite --shards "$count" \
    --seed 42 > /dev/null
  for mode in $modes; do
    sync=${mode%%:*}
    defines=()
    if [[ $mode == *:* ]]; then
      IFS=, read -ra settings <<< "${mode#*:}"
      for setting in "${settings[@]}"; do defines+=(-D "$setting"); done
    fi
    model="$work/model-$count-${mode//[^a-zA-Z0-9]/_}"
    "$home/bin/sheaf" train "${defines[@]}" --shards "$work/shards-$count" --model "$model" --overwrite \
      --sync "$sync" "$@" > "$work/train.out"
    "$home/bin/sheaf" evaluate --model "$model" --shards "$work/shards-$count" > /dev/null
    python3 - "$model" "$count" "$mode" <<'PY'
import json, sys
model, count, mode = sys.argv[1:4]
epochs = [json.loads(line) for line in open(model + "/metrics.jsonl")]
best = min((e for e in epochs if "valid_loss" in e), key=lambda e: e["valid_loss"])
steady = epochs[1:] or epochs
seconds = sum(e["seconds"] for e in steady) / len(steady)
rate = sum(e["examples"] for e in steady) / sum(e["seconds"] for e in steady)
test = json.load(open(model + "/eval-test.json"))
print(f"{count:<7} {mode:<44} {len(epochs):>7} {best['valid_loss']:>12.4f} ({best['epoch']:>2}) "
      f"{100 * test['accuracy']:>8.2f}% {seconds:>8.2f} {rate:>10,.0f}")
PY
  done
done
if command -v liblinear-train >/dev/null; then
  for split in train valid test; do
    "$home/bin/sheaf" export --shards "$work/shards-1" --split "$split" --output "$work/$split.svm" --overwrite >/dev/null
  done
  best_c= best_acc=0
  for c in 0.25 1 4 16 64; do
    liblinear-train -q -s 0 -c "$c" "$work/train.svm" "$work/liblinear.model"
    acc=$(liblinear-predict "$work/valid.svm" "$work/liblinear.model" /dev/null | grep -o '[0-9.]*%' | tr -d %)
    if (( $(echo "$acc > $best_acc" | bc) )); then best_acc=$acc best_c=$c; fi
  done
  start=$(date +%s.%N)
  liblinear-train -q -s 0 -c "$best_c" "$work/train.svm" "$work/liblinear.model"
  end=$(date +%s.%N)
  printf 'liblinear -s 0 -c %s (best on valid, %s%%): %.1f s, test %s\n' "$best_c" "$best_acc" \
    "$(echo "$end - $start" | bc)" "$(liblinear-predict "$work/test.svm" "$work/liblinear.model" /dev/null)"
fi
