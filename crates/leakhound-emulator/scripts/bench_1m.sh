#!/usr/bin/env bash
# Reproduces BENCH.md: generates 1,000,000 tickets per helpdesk under /usr/bin/time -v, serves a
# few requests against the result, stops the emulator with SIGTERM and prints the figures.
# Needs a release build: cargo build -p leakhound-emulator --example emulate --release
# and about 4 GB free in $OUT (default /tmp/leakhound-bench-1m, deleted at the end).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bin="${EMULATE_BIN:-$repo/target/release/examples/emulate}"
out="${OUT:-/tmp/leakhound-bench-1m}"
tickets="${TICKETS:-1000000}"
mkdir -p "$out"
rm -f "$out"/data.sqlite3*
/usr/bin/time -v "$bin" --tickets "$tickets" --seed 42 --db "$out/data.sqlite3" >"$out/stdout" 2>"$out/stderr" &
time_pid=$!
start=$(date +%s)
until grep -q '^ready' "$out/stdout" 2>/dev/null; do
  sleep 2
  kill -0 "$time_pid" 2>/dev/null || { cat "$out/stderr"; exit 1; }
done
echo "ready after $(($(date +%s) - start)) s"
hs=$(awk '/^hubspot/{print $2}' "$out/stdout")
zd=$(awk '/^zendesk/{print $2}' "$out/stdout")
token=$(awk '/^hubspot/{sub("token=","",$3); print $3}' "$out/stdout")
basic=$(printf '%s/token:%s' admin@leakhound-emulator.test leakhound-emulator-token | base64 -w0)
after=""
for _ in $(seq 1 10); do
  after=$(curl -sf "$hs/crm/v3/objects/tickets?limit=100${after:+&after=$after}" -H "Authorization: Bearer $token" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["paging"]["next"]["after"])')
done
echo "hubspot list: 10 pages, next after=$after"
time curl -sf -X POST "$hs/crm/v3/objects/tickets/search" -H "Authorization: Bearer $token" \
  -d '{"filterGroups":[{"filters":[{"propertyName":"hs_lastmodifieddate","operator":"GTE","value":"2026-07-01T00:00:00Z"}]}],"sorts":[{"propertyName":"hs_lastmodifieddate","direction":"ASCENDING"}],"limit":100}' |
  python3 -c 'import sys, json; print("search total", json.load(sys.stdin)["total"])'
time curl -sf "$zd/api/v2/tickets.json?page%5Bsize%5D=100" -H "Authorization: Basic $basic" |
  python3 -c 'import sys, json; print("zendesk page", len(json.load(sys.stdin)["tickets"]))'
time curl -sf "$zd/api/v2/incremental/tickets/cursor.json?start_time=1780000000&per_page=1000" -H "Authorization: Basic $basic" |
  python3 -c 'import sys, json; print("incremental", len(json.load(sys.stdin)["tickets"]))'
time curl -sf "$zd/_admin/ground-truth?helpdesk=all" | wc -l
kill -TERM "$(pgrep -P "$time_pid")"
wait "$time_pid"
ls -la "$out"
grep -E 'generated|Maximum resident|Elapsed|User time|System time|Percent of CPU' "$out/stderr"
rm -f "$out"/data.sqlite3*
