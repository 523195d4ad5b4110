#!/usr/bin/env bash
# Cold start to the first 200 on /healthz, on an existing database (run 5 times).
# Usage: bench/cold-start.sh [BINARY]   (default target/release/tremplin)
set -euo pipefail
bin=${1:-target/release/tremplin}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Create the database once (migrations, partners, demo team, catalogue).
"$bin" --data-dir "$dir" --bind 127.0.0.1:18700 --demo >/dev/null 2>&1 &
pid=$!
until curl -fs http://127.0.0.1:18700/healthz >/dev/null; do sleep 0.05; done
kill "$pid"; wait "$pid" 2>/dev/null || true
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$bin" --data-dir "$dir" --bind 127.0.0.1:18700 >/dev/null 2>&1 &
  pid=$!
  until curl -fs http://127.0.0.1:18700/healthz >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  echo "run $i: $(( (end - start) / 1000000 )) ms to the first 200 on /healthz"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
