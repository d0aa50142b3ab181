# Shared by the bench/ scripts: the corpus, its copies, and one timed embedded run.
# Source it after setting `home` (the checkout) and `work` (the script's scratch directory).

# Prints the path of the full SpamAssassin corpus as JSON lines, building it on first use
# (needs npm and python3 via ../shared/corpora), else falls back to the bundled 300-message sample.
bench_corpus() {
  local corpus="$home/bench/work/spamassassin.jsonl"
  if [[ ! -s $corpus ]]; then
    mkdir -p "$home/bench/work"
    bash "$home/../shared/corpora/fetch-spamassassin.sh" "$corpus" >&2 || {
      echo "bench: could not build the full corpus (needs npm and ../shared); using the bundled 300-message sample" >&2
      cp "$home/test-fixtures/src/main/resources/corpora/spamassassin/spamassassin-300.jsonl" "$corpus"; }
  fi
  echo "$corpus"
}

# bench_copies SOURCE COPIES DIR: DIR holds COPIES copies of SOURCE, each under new ids (c0/, c1/, ...).
bench_copies() {
  local source=$1 copies=$2 dir=$3
  rm -rf "$dir" && mkdir -p "$dir"
  for ((i = 0; i < copies; i++)); do
    sed "s/^{\"id\": \"/{\"id\": \"c$i\//" "$source" > "$dir/copy-$i.jsonl"
  done
}

# bench_variants SOURCE COPIES DIR: DIR holds COPIES versions of SOURCE that dedupe keeps apart:
# copy 0 is SOURCE; copy i (new ids v<i>/...) has the words of each body line (after the first blank
# line, so the e-mail headers still parse) shuffled with a seed of its own. Lines, words, lengths
# and labels stay; 5-word shingles do not, so no copy is an exact or near duplicate of another and
# every stage after dedupe gets COPIES times the records (bench_copies' copies are all deduplicated).
bench_variants() {
  local source=$1 copies=$2 dir=$3
  rm -rf "$dir" && mkdir -p "$dir"
  python3 - "$source" "$copies" "$dir" <<'PY'
import json, random, sys
source, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
records = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
for i in range(copies):
    with open(f"{out}/variant-{i}.jsonl", "w", encoding="utf-8") as f:
        for n, record in enumerate(records):
            if i > 0:
                rng = random.Random(i * 1000003 + n)
                head, sep, body = record["text"].partition("\n\n")
                lines = []
                for line in body.split("\n"):
                    words = line.split(" ")
                    rng.shuffle(words)
                    lines.append(" ".join(words))
                record = dict(record, id=f"v{i}/{record['id']}", text=head + sep + "\n".join(lines))
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
PY
}

# bench_run LABEL INPUT_DIR COMMAND ARGS...: bench_run_measured over the JSON lines in INPUT_DIR.
bench_run() {
  local label=$1 input=$2
  shift 2
  bench_run_measured "$label" "$(cat "$input"/*.jsonl | wc -c)" "$(cat "$input"/*.jsonl | wc -l)" "$@"
}

# bench_run_measured LABEL BYTES DOCS COMMAND ARGS...: runs `bin/sheaf --verbose COMMAND ARGS...`
# (the jars built beforehand, outside the timing), prints the stage's own summary line, then
# docs/s, MB/s (in all and per core), non-zeros/s when the stage reports them, peak heap and
# peak RSS, the JVM start included.
bench_run_measured() {
  local label=$1 bytes=$2 docs=$3 command=$4
  shift 4
  local start end
  "$home/bin/sheaf" --help >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose "$command" "$@" \
    > "$work/$command.out" 2> "$work/$command.err" || { cat "$work/$command.err" >&2; return 1; }
  end=$(date +%s.%N)
  grep "^$command:" "$work/$command.out"
  awk -v label="$label" -v docs="$docs" -v bytes="$bytes" -v start="$start" -v end="$end" -v cores="$(nproc)" \
      -v nnz="$(grep -o '[0-9]* non-zeros' "$work/$command.out" | cut -d' ' -f1)" \
      -v heap="$(grep -o 'peak heap used [0-9]* MiB' "$work/$command.err" | tail -n 1)" \
      -v rss="$(cat "$work/rss-kb")" 'BEGIN {
    s = end - start
    printf "bench %s: %d docs, %.1f MB in %.2f s (wall, JVM start included): %.0f docs/s, %.2f MB/s, %.2f MB/s per core (%d cores)%s, %s, peak RSS %d MiB\n",
      label, docs, bytes / 1e6, s, docs / s, bytes / 1e6 / s, bytes / 1e6 / s / cores, cores,
      nnz ? sprintf(", %.0f non-zeros/s", nnz / s) : "", heap, rss / 1024
  }'
}

# bench_args USAGE "$@": sets `copies` (the first argument when it is a number, default 8) and
# `extra` (the rest), or prints USAGE and exits.
bench_args() {
  local usage=$1
  shift
  copies=8
  if [[ $# -gt 0 && $1 != -* ]]; then
    copies=$1
    shift
  fi
  [[ $copies =~ ^[1-9][0-9]*$ ]] || { echo "usage: $usage" >&2; exit 2; }
  extra=("$@")
}

# bench_spam_features INPUT_JSONL OUT_DIR: the trainer benchmarks' features (hashing 2^18, 1-2-grams,
# tf-idf, l2) in OUT_DIR/shards; one shard per core in each split, so every core trains.
bench_spam_features() {
  "$home/bin/sheaf" clean --format jsonl --input "$1" --output "$2/clean" --overwrite --strip-quotes \
    --rule min-words=20 | cut -c1-60
  "$home/bin/sheaf" vectorize --input "$2/clean" --output "$2/vectors" --overwrite --features hashing \
    --dim 2^18 --ngrams 1-2 | cut -c1-120
  "$home/bin/sheaf" shard --input "$2/vectors" --output "$2/shards" --overwrite --shards "$(nproc)" \
    --split 80/10/10 --seed 42 --codec snappy
}

# bench_train_and_report LABEL SHARDS MODEL OPTIONS...: trains, evaluates on test, prints the
# figures: seconds per epoch and examples/s (per core) after the first epoch, test accuracy, memory.
bench_train_and_report() {
  local label=$1 shards=$2 model=$3
  shift 3
  /usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose train --shards "$shards" --model "$model" \
    --overwrite "$@" > "$work/train.out" 2> "$work/train.err" || { cat "$work/train.err" >&2; return 1; }
  grep -E "^(epoch|train:)" "$work/train.out" | sed 's/^/  /'
  "$home/bin/sheaf" evaluate --model "$model" --shards "$shards" | head -n 1 | sed 's/^/  /'
  python3 - "$model" "$label" "$(nproc)" "$(grep -o 'peak heap used [0-9]* MiB' "$work/train.err" | tail -n 1)" \
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
