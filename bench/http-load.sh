#!/usr/bin/env bash
# Latency and throughput of /healthz and the home page under load: wrk, loopback,
# 64 connections, 10 s, 2 threads. Usage: bench/http-load.sh [BINARY]
set -euo pipefail
bin=${1:-target/release/tremplin}
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" --data-dir "$dir" --bind 127.0.0.1:18701 --demo >/dev/null 2>&1 &
pid=$!
until curl -fs http://127.0.0.1:18701/healthz >/dev/null; do sleep 0.05; done
show() { grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors"; }
for path in /healthz / "/dispositifs?q=financer+salon"; do
  echo "== GET $path"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:18701$path" | show
done
echo "== POST /api/v1/orientation"
wrk -t2 -c64 -d10s --latency -s "$(dirname "$0")/orientation.lua" http://127.0.0.1:18701/api/v1/orientation | show
