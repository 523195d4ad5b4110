#!/usr/bin/env bash
# Shared follow-up at volume: `tremplin demo --scale 50000` (50,000 companies, 200,000 requests,
# 1,000,000 timeline events), then wrk on loopback (16 connections by default, CONNS=…; 10 s) against an adviser's
# inbox, a company file and the company search, and a 10,000-line CSV import timed end to end.
# Usage: bench/followup.sh [sqlite|postgres] [SCALE]   (postgres uses postgres@127.0.0.1/bench_followup)
set -euo pipefail
backend=${1:-sqlite}
scale=${2:-50000}
bin=${BIN:-target/release/tremplin}
port=18711
base=http://127.0.0.1:$port
dir=$(mktemp -d)
pid=
trap 's=$?; [[ $s -ne 0 && -f $dir/server.log ]] && grep -m3 -iE "error|panick" "$dir/server.log"; [[ -n $pid ]] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
args=(--data-dir "$dir")
if [[ $backend == postgres ]]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS bench_followup" -c "CREATE DATABASE bench_followup"
  args+=(--database-url postgres://postgres@127.0.0.1:5432/bench_followup)
fi
echo "== $backend: generating $scale companies"
"$bin" "${args[@]}" demo --scale "$scale"
"$bin" "${args[@]}" --bind 127.0.0.1:$port --demo >"$dir/server.log" 2>&1 &
pid=$!
until curl -fs $base/healthz >/dev/null; do sleep 0.1; done
jar=$dir/cookies
curl -fs -c "$jar" -o /dev/null -d "email=camille.lefebvre@cci-hdf.example&password=tremplin-demo" $base/connexion
cookie=$(awk '$6 == "tremplin_session" {print "tremplin_session=" $7}' "$jar")
# A company of the CCI with its whole history, and a name to search.
file=$(curl -fs -b "$jar" "$base/entreprises?q=atelier" | grep -o 'href="/entreprises/[0-9a-f-]\{36\}"' | head -1 | cut -d'"' -f2)
show() { grep -E "Latency|50%|75%|90%|95%|99%|Requests/sec|Non-2xx|Socket errors"; }
for path in "/demandes" "/demandes?onglet=all" "$file" "/entreprises?q=brasserie+des+flandres" "/entreprises?q=900001"; do
  echo "== GET $path"
  wrk -t2 -c${CONNS:-16} -d${DURATION:-10s} --latency -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $cookie" "$base$path" | show
done
echo "== import of 10,000 CSV lines (upload, dry run, confirm)"
csv=$dir/import.csv
{
  echo "Raison sociale;SIREN;Code NAF;Effectif;Commune"
  python3 - <<'PY'
def luhn_ok(s):
    t = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        t += d
    return t % 10 == 0
n = 0
i = 0
while n < 10000:
    base = "%08d" % (80000000 + i)
    i += 1
    s = next(base + str(k) for k in range(10) if luhn_ok(base + str(k)))
    print("Import %d;%s;10.71C;12;59350" % (n, s))
    n += 1
PY
} > "$csv"
start=$(date +%s.%N)
loc=$(curl -fs -b "$jar" -o /dev/null -w '%{redirect_url}' -F kind=companies -F encoding=auto -F "file=@$csv" $base/entreprises/import)
id=${loc##*/}
curl -s -b "$jar" -o /dev/null -w 'dry run: HTTP %{http_code}, %{time_total} s\n' "$base/entreprises/import/$id?apercu=1&col_name=0&col_siren=1&col_naf=2&col_headcount=3&col_commune=4"
curl -fs -b "$jar" -o /dev/null -w 'confirm: HTTP %{http_code}, %{time_total} s\n' -d "col_name=0&col_siren=1&col_naf=2&col_headcount=3&col_commune=4" "$base/entreprises/import/$id/confirmer"
end=$(date +%s.%N)
curl -fs -b "$jar" "$base/entreprises/import/$id" | grep -o 'id="import-done">[^<]*'
echo "import total: $(echo "$end - $start" | bc) s"
