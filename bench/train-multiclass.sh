#!/usr/bin/env bash
# softmax regression on many classes: a synthetic corpus of short texts (bench/multiclass_corpus.py,
# default 43 classes, 15,000 texts, the size of the issue's Spark MLlib reference), vectorized with
# hashing 2^18 and 1-2-grams, trained with `sheaf train` defaults and evaluated on the test split,
# beside liblinear (`-s 0`, one-vs-rest logistic regression) when installed. Not a test.
# Usage: bench/train-multiclass.sh [CLASSES] [DOCS] [TRAIN OPTIONS...]
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/multiclass"
classes=${1:-43}
docs=${2:-15000}
shift $(( $# > 2 ? 2 : $# ))
mkdir -p "$work/raw"
python3 "$home/bench/multiclass_corpus.py" "$classes" "$docs" 7 > "$work/raw/corpus.jsonl"
"$home/bin/sheaf" vectorize --format jsonl --input "$work/raw" --output "$work/vectors" --overwrite \
  --features hashing --dim 2^18 --ngrams 1-2 | cut -c1-140
"$home/bin/sheaf" shard --input "$work/vectors" --output "$work/shards" --overwrite --shards "$(nproc)" --seed 42
start=$(date +%s.%N)
"$home/bin/sheaf" train --shards "$work/shards" --model "$work/model" --overwrite "$@" | grep -E "^(epoch|train:)"
end=$(date +%s.%N)
"$home/bin/sheaf" evaluate --model "$work/model" --shards "$work/shards" | head -n 1
awk -v s="$(echo "$end - $start" | bc)" 'BEGIN { printf "bench sheaf train softmax: %.1f s in all, JVM start included\n", s }'
if command -v liblinear-train >/dev/null; then
  "$home/bin/sheaf" export --shards "$work/shards" --split train --output "$work/train.svm" --overwrite >/dev/null
  "$home/bin/sheaf" export --shards "$work/shards" --split test --output "$work/test.svm" --overwrite >/dev/null
  start=$(date +%s.%N)
  liblinear-train -q -s 0 "$work/train.svm" "$work/liblinear.model"
  end=$(date +%s.%N)
  echo "bench liblinear -s 0: $(echo "$end - $start" | bc) s, test $(liblinear-predict "$work/test.svm" "$work/liblinear.model" /dev/null)"
fi
