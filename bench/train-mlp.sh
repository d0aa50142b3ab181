#!/usr/bin/env bash
# The MLP beside logistic regression on SpamAssassin (the features of bench/train-throughput.sh:
# hashing 2^18, 1-2-grams, tf-idf, l2), embedded mode: seconds per epoch, examples/s per core and
# test accuracy of each; then `sheaf predict` on the raw corpus with the MLP (documents/s); then,
# with COPIES, 3 epochs of the MLP on COPIES copies of the corpus (new ids), where the per-epoch
# cost of moving a 2^18 x 64 first layer between tasks no longer hides the per-example cost.
# ND4J's backend is the one the jars carry: run it with SHEAF_BACKEND=cuda after `mvn -Pcuda
# -DskipTests install` on a GPU node for the CUDA figures. Not a test: run it by hand.
# Usage: bench/train-mlp.sh [EPOCHS] [COPIES]   (default 10 epochs, with --patience 3; no copies)
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/train-mlp"
mkdir -p "$work"
source "$home/bench/lib.sh"
epochs=${1:-10}
copies=${2:-0}
"$home/bin/sheaf" --help >/dev/null   # build outside the timings

corpus=$(bench_corpus)
echo "== SpamAssassin features"
bench_spam_features "$corpus" "$work/x1" >/dev/null
python3 -c "import json;m=json.load(open('$work/x1/shards/_MANIFEST.json'));print('  shards:', m['records'], 'dim', m['shard']['dim'])"

run() { # LABEL MODEL_NAME TRAIN_OPTIONS...
  local label=$1 name=$2
  shift 2
  echo "== $label"
  bench_train_and_report "$label" "$work/x1/shards" "$work/$name" --epochs "$epochs" --patience 3 "$@"
}
run "logreg (defaults)" logreg
run "mlp --hidden 32" mlp-32 --arch mlp --hidden 32
run "mlp --hidden 64 (default width)" mlp-64 --arch mlp --hidden 64
run "mlp --hidden 64 --dropout 0.3" mlp-64-dropout --arch mlp --hidden 64 --dropout 0.3
run "mlp --hidden 64,32 --activation tanh" mlp-64-32 --arch mlp --hidden 64,32 --activation tanh

echo "== sheaf predict on the raw corpus (mlp --hidden 64)"
bench_run_measured "predict (mlp 64)" "$(wc -c < "$corpus")" "$(wc -l < "$corpus")" predict \
  --model "$work/mlp-64" --input "$corpus" --output "$work/predictions" --overwrite

if ((copies > 1)); then
  echo "== mlp --hidden 64 on SpamAssassin x$copies (copies under new ids)"
  bench_copies "$corpus" "$copies" "$work/raw-x$copies"
  bench_spam_features "$work/raw-x$copies" "$work/xn" >/dev/null
  bench_train_and_report "mlp --hidden 64 x$copies (3 epochs)" "$work/xn/shards" "$work/mlp-xn" --epochs 3 \
    --arch mlp --hidden 64
fi
