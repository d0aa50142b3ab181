#!/usr/bin/env bash
# bench/run.sh at SCALE 1, 4 and 16 (or the scales given), then how each stage's time grows with the
# input: seconds per scale and the ratio to the smallest; linear growth gives ratios near the
# scale ratios (4x, 16x). Usage: bench/scaling.sh [SCALE...]   Not a test: run it by hand.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scales=("$@")
[[ ${#scales[@]} -gt 0 ]] || scales=(1 4 16)
results="$home/bench/work/run/results.tsv"
mkdir -p "$(dirname "$results")"
rm -f "$results"
for scale in "${scales[@]}"; do
  "$home/bench/run.sh" "$scale"
done
python3 - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
scales = sorted({int(r[0]) for r in rows})
stages = list(dict.fromkeys(r[1] for r in rows))
seconds = {(int(r[0]), r[1]): float(r[2]) for r in rows}
base = scales[0]
print("== scaling: seconds per stage (and x the smallest scale's time)")
print("stage".ljust(10) + "".join(f"x{s}".rjust(18) for s in scales))
for stage in stages + ["total"]:
    cells = []
    for s in scales:
        t = sum(seconds[(s, st)] for st in stages) if stage == "total" else seconds[(s, stage)]
        t0 = sum(seconds[(base, st)] for st in stages) if stage == "total" else seconds[(base, stage)]
        cells.append(f"{t:8.1f} s ({t / t0:4.1f}x)".rjust(18))
    print(stage.ljust(10) + "".join(cells))
PY
