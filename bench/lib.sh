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

# bench_run LABEL INPUT_DIR COMMAND ARGS...: runs `bin/sheaf --verbose COMMAND ARGS...` (the jars
# built beforehand, outside the timing), prints the stage's own summary line, then docs/s, MB/s
# (in all and per core), peak heap and peak RSS, the JVM start included.
bench_run() {
  local label=$1 input=$2 command=$3
  shift 3
  local bytes docs start end
  bytes=$(cat "$input"/*.jsonl | wc -c)
  docs=$(cat "$input"/*.jsonl | wc -l)
  "$home/bin/sheaf" --help >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss-kb" "$home/bin/sheaf" --verbose "$command" "$@" \
    > "$work/$command.out" 2> "$work/$command.err" || { cat "$work/$command.err" >&2; return 1; }
  end=$(date +%s.%N)
  grep "^$command:" "$work/$command.out"
  awk -v label="$label" -v docs="$docs" -v bytes="$bytes" -v start="$start" -v end="$end" -v cores="$(nproc)" \
      -v heap="$(grep -o 'peak heap used [0-9]* MiB' "$work/$command.err" | tail -n 1)" \
      -v rss="$(cat "$work/rss-kb")" 'BEGIN {
    s = end - start
    printf "bench %s: %d docs, %.1f MB in %.2f s (wall, JVM start included): %.0f docs/s, %.2f MB/s, %.2f MB/s per core (%d cores), %s, peak RSS %d MiB\n",
      label, docs, bytes / 1e6, s, docs / s, bytes / 1e6 / s, bytes / 1e6 / s / cores, cores, heap, rss / 1024
  }'
}
