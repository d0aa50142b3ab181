#!/usr/bin/env bash
# The benchmark suite: SpamAssassin x SCALE (variants that dedupe keeps apart, see bench_variants in
# bench/lib.sh; the corpus is built with ../shared/corpora) through
# `sheaf pipeline` in embedded mode (bench/pipeline.properties), then per stage: seconds, MB/s and
# documents/s of its input, peak heap, and the final test accuracy. Not a test: run it by hand.
# Usage: bench/run.sh [SCALE]   (default 1); prints one `bench stage` line a stage, and appends them
# to bench/work/run/results.tsv (scale, stage, seconds, records in, MB in, peak heap MiB).
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/run"
mkdir -p "$work"
source "$home/bench/lib.sh"
scale=${1:-1}
[[ $scale =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/run.sh [SCALE]" >&2; exit 2; }
"$home/bin/sheaf" --help >/dev/null   # build outside the timings

bench_variants "$(bench_corpus)" "$scale" "$work/raw-x$scale"
echo "== sheaf pipeline on SpamAssassin x$scale ($(cat "$work/raw-x$scale"/*.jsonl | wc -l) e-mails, $(du -sm "$work/raw-x$scale" | cut -f1) MB), $(nproc) cores, embedded"
"$home/bin/sheaf" pipeline --input "$work/raw-x$scale" --work "$work/x$scale" --overwrite \
  --conf "$home/bench/pipeline.properties" > "$work/pipeline.out" 2> "$work/pipeline.err" \
  || { cat "$work/pipeline.err" >&2; exit 1; }
sed -n '/^pipeline: file:/,$p' "$work/pipeline.out"
python3 - "$work/x$scale" "$scale" "$work/results.tsv" <<'PY'
import json, os, sys
work, scale, results = sys.argv[1], int(sys.argv[2]), sys.argv[3]
summary = json.load(open(os.path.join(work, "_pipeline", "summary.json")))
shards = json.load(open(os.path.join(work, "shards", "_MANIFEST.json")))
shard_bytes = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(work, "shards"))
                  for f in fs if f.endswith(".avro"))
lines = []
for stage in summary["stages"]:
    name, seconds, heap = stage["stage"], stage["seconds"], stage["peakHeapMiB"]
    if name in ("train", "evaluate"):
        records = stage.get("records", stage.get("examples", 0))
        mb = shard_bytes / 1e6
    else:
        records = stage["records"]["in"]
        mb = stage["inputBytes"] / 1e6
    print(f"bench stage x{scale} {name}: {seconds:.1f} s, {records:,} records in, {mb / seconds:.2f} MB/s, "
          f"{records / seconds:,.0f} records/s, peak heap {heap} MiB")
    lines.append(f"{scale}\t{name}\t{seconds:.2f}\t{records}\t{mb:.1f}\t{heap}\n")
final = [s for s in summary["stages"] if s["stage"] == "evaluate"][0]
print(f"bench pipeline x{scale}: {sum(s['seconds'] for s in summary['stages']):.1f} s in all, "
      f"test accuracy {100 * final['accuracy']:.2f}% ({final['examples']} test e-mails)")
with open(results, "a") as out:
    out.writelines(lines)
PY
