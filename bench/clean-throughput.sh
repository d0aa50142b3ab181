#!/usr/bin/env bash
# Throughput of `sheaf clean` in embedded mode on the raw SpamAssassin e-mails (JSON lines, every
# step on: e-mail parsing, HTML, normalisation, quotes, boilerplate, quality rules, PII masking)
# repeated COPIES times, then the documents dropped per rule and the personal data masked per kind.
# Extra arguments go to clean, e.g. `--languages en` to time the language filter too.
# Not a test: run it by hand and quote the figures.
# Usage: bench/clean-throughput.sh [COPIES] [CLEAN OPTIONS...]   (default 8)
set -euo pipefail

usage() { echo "usage: bench/clean-throughput.sh [COPIES] [CLEAN OPTIONS...]" >&2; exit 2; }
copies=8
if [[ $# -gt 0 && $1 != -* ]]; then
  copies=$1
  shift
fi
[[ $copies =~ ^[1-9][0-9]*$ ]] || usage

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/clean"
mkdir -p "$work"
source "$home/bench/lib.sh"

bench_copies "$(bench_corpus)" "$copies" "$work/input-x$copies"
bench_run "clean (x$copies${*:+ $*})" "$work/input-x$copies" clean --format jsonl --input "$work/input-x$copies" \
  --output "$work/out" --overwrite --strip-quotes "$@"
python3 - "$work/out/_MANIFEST.json" <<'PY'
import json, sys
clean = json.load(open(sys.argv[1]))["clean"]
for title, counts in (("filtered by rule", clean["filteredByRule"]), ("PII masked", clean["piiMasked"]),
                      ("changes", clean["changes"])):
    print(f"bench clean {title}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
PY
