#!/usr/bin/env bash
# Steering at volume: `tremplin demo --scale 200000 --accompaniments 5` (200,000 companies,
# 1,000,000 accompaniments, 800,000 requests over six years), then wrk on loopback (16
# connections by default, CONNS=…; 10 s) against the pilot's dashboard, plus single timed
# requests of a breakdown, the service-quality page and the monthly review. The server logs how
# long each recount took ("companies accompanied recounted … ms"): that is what a view waits for
# right after the data changed (the server recounts in the background every 15 s).
# Usage: bench/steering.sh [sqlite|postgres] [SCALE]   (postgres uses postgres@127.0.0.1/bench_steering)
set -euo pipefail
backend=${1:-sqlite}
scale=${2:-200000}
bin=${BIN:-target/release/tremplin}
port=18712
base=http://127.0.0.1:$port
dir=${KEEP_DIR:-$(mktemp -d)}
pid=
trap 's=$?; [[ $s -ne 0 && -f $dir/server.log ]] && grep -m3 -iE "error|panick" "$dir/server.log"; [[ -n $pid ]] && kill $pid 2>/dev/null; [[ -z ${KEEP_DIR:-} ]] && rm -rf "$dir"' EXIT
args=(--data-dir "$dir")
if [[ $backend == postgres ]]; then
  args+=(--database-url postgres://postgres@127.0.0.1:5432/bench_steering)
fi
if [[ ! -f $dir/generated-$backend ]]; then
  if [[ $backend == postgres ]]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS bench_steering" -c "CREATE DATABASE bench_steering"
  fi
  echo "== $backend: generating $scale companies with 5 accompaniments each"
  "$bin" "${args[@]}" demo --scale "$scale" --accompaniments 5
  if [[ $backend == postgres ]]; then
    psql -q -h 127.0.0.1 -U postgres -d bench_steering -c "VACUUM ANALYZE"
  fi
  touch "$dir/generated-$backend"
fi
"$bin" "${args[@]}" --bind 127.0.0.1:$port --request-timeout-secs 120 --demo >"$dir/server.log" 2>&1 &
pid=$!
# Our server, not another one left on the port.
until curl -fs $base/healthz >/dev/null; do kill -0 $pid || { cat "$dir/server.log"; exit 1; }; sleep 0.1; done
jar=$dir/cookies
curl -fs -c "$jar" -o /dev/null -d "email=pilote@region-hdf.example&password=tremplin-demo" $base/connexion
cookie=$(awk '$6 == "tremplin_session" {print "tremplin_session=" $7}' "$jar")
echo "== first view of the dashboard (the recount at start-up may still be running)"
curl -fs -b "$jar" -o "$dir/first.html" -w 'HTTP %{http_code}, %{time_total} s\n' "$base/pilotage/tableau-de-bord"
# The page really is the dashboard (a login page would also answer 200).
grep -o 'id="steer-count">[^<]*\|id="steer-as-of">[^<]*' "$dir/first.html"
recounts() { sed 's/\x1b\[[0-9;]*m//g' "$dir/server.log" | tr -d '\000' | grep -a -o 'companies accompanied recounted.*' || true; }
recounts
show() { grep -E "Latency|50%|75%|90%|95%|99%|Requests/sec|Non-2xx|Socket errors"; }
for path in "/pilotage/tableau-de-bord" "/statistiques"; do
  echo "== GET $path"
  wrk -t2 -c${CONNS:-16} -d${DURATION:-10s} --latency -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $cookie" "$base$path" | show
done
year=$(date +%Y)
for path in "/pilotage/tableau-de-bord?annee=$((year - 1))" "/pilotage/tableau-de-bord/repartition?annee=$((year - 1))&par=departement" \
            "/pilotage/tableau-de-bord/repartition?annee=$((year - 1))&par=besoin&zone=150" "/pilotage/qualite?annee=$((year - 1))" "/pilotage/revue"; do
  curl -fs -b "$jar" -o /dev/null -w "GET $path: HTTP %{http_code}, %{time_total} s\n" "$base$path"
done
echo "== a change, then the dashboard (recounted on this view unless the background recount came first)"
curl -fs -b "$jar" -o /dev/null -d "annee=$year&cible_team=600" "$base/pilotage/objectifs"
curl -fs -b "$jar" -o "$dir/after.html" -w 'HTTP %{http_code}, %{time_total} s\n' "$base/pilotage/tableau-de-bord"
grep -o 'id="steer-count">[^<]*\|id="steer-as-of">[^<]*' "$dir/after.html"
recounts | tail -2
