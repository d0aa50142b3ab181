#!/usr/bin/env bash
# Throughput of `sheaf clean` in embedded mode on the raw SpamAssassin e-mails (JSON lines, every
# step on: e-mail parsing, HTML, normalisation, quotes, boilerplate, quality rules, PII masking)
# repeated COPIES times, then the documents dropped per rule and the personal data masked per kind.
# Extra arguments go to clean, e.g. `--languages en` to time the language filter too.
# Not a test: run it by hand and quote the figures.
# Usage: bench/clean-throughput.sh [COPIES] [CLEAN OPTIONS...]   (default 8)
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/clean"
mkdir -p "$work"
source "$home/bench/lib.sh"
bench_args "bench/clean-throughput.sh [COPIES] [CLEAN OPTIONS...]" "$@"

bench_copies "$(bench_corpus)" "$copies" "$work/input-x$copies"
bench_run "clean (x$copies${extra[*]:+ ${extra[*]}})" "$work/input-x$copies" clean --format jsonl \
  --input "$work/input-x$copies" --output "$work/out" --overwrite --strip-quotes "${extra[@]}"
python3 - "$work/out/_MANIFEST.json" <<'PY'
import json, sys
clean = json.load(open(sys.argv[1]))["clean"]
for title, counts in (("filtered by rule", clean["filteredByRule"]), ("PII masked", clean["piiMasked"]),
                      ("changes", clean["changes"])):
    print(f"bench clean {title}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
PY
