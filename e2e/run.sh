#!/usr/bin/env bash
# Browser end-to-end tests of Tremplin: system Chromium driven by playwright-core,
# accessibility checked with axe-core. Runs on SQLite, then on PostgreSQL when
# TREMPLIN_TEST_PG_URL is set. See e2e/README.md.
#
#   e2e/run.sh                        # every file in e2e/tests/
#   e2e/run.sh tests/foundation.test.mjs   # some files (paths relative to e2e/)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
repo_root=$(cd .. && pwd)

export TREMPLIN_BIN="${TREMPLIN_BIN:-$repo_root/target/debug/tremplin}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [[ ! -x "$TREMPLIN_BIN" ]]; then
  echo "e2e: Tremplin binary not found at $TREMPLIN_BIN: build it first with cargo build -p tremplin" >&2
  exit 1
fi

if [[ ! -x "$CHROMIUM_PATH" ]]; then
  if [[ "${E2E_REQUIRED:-0}" == 1 ]]; then
    echo "e2e: $CHROMIUM_PATH not found (apt-get install chromium) and E2E_REQUIRED=1" >&2
    exit 1
  fi
  echo "browser tests skipped: $CHROMIUM_PATH not found (apt-get install chromium)"
  exit 0
fi

# npm ci when node_modules is missing or package-lock.json changed since the last install.
stamp=node_modules/.tremplin-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  npm ci --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi

run_tests() {
  if (($# > 0)); then
    node --test --test-concurrency=1 "$@"
  else
    npm --silent test
  fi
}

status=0
echo "== browser tests on SQLite"
E2E_BACKEND=sqlite run_tests "$@" || status=1

if [[ -n "${TREMPLIN_TEST_PG_URL:-}" ]]; then
  echo "== browser tests on PostgreSQL"
  E2E_BACKEND=postgres run_tests "$@" || status=1
else
  echo "browser tests on PostgreSQL skipped: TREMPLIN_TEST_PG_URL not set"
fi

exit "$status"
