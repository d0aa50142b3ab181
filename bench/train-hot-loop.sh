#!/usr/bin/env bash
# The trainer's per-example work on one shard file without Hadoop around it (one thread): decoding,
# then local mini-batch training, examples/s and ns per non-zero. Run bench/train-throughput.sh
# first (it makes the shards). With HIDDEN (as 64 or 128,64) it trains the MLP instead.
# Usage: bench/train-hot-loop.sh [SHARD_FILE] [OPTIMIZER] [BATCH] [HIDDEN]
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
file=${1:-$(ls "$home"/bench/work/train/xn/shards/train/part-*.avro | head -n 1)}
shards=$(dirname "$(dirname "$file")")
read -r dim labels < <(python3 -c "import json;m=json.load(open('$shards/_MANIFEST.json'))['shard'];print(m['dim'], len(m['labels']))")
(cd "$home" && mvn -B -q -o test-compile -pl model-trainer >/dev/null 2>&1 || mvn -B -q test-compile -pl model-trainer)
target="$home/model-trainer/target"
java -cp "$target/test-classes:$target/classes:$(cat "$target/launcher/classpath.txt")" \
  dev.sheaf.model.HotLoopBench "$file" "$dim" "$labels" "${2:-adagrad}" "${3:-32}" ${4:+"$4"}
