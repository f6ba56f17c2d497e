#!/usr/bin/env bash
# Runs the official Python SDK (nightfall==1.4.1) against `leakhound serve`.
#
#   LEAKHOUND_BIN=target/debug/leakhound tests/python-sdk/run.sh [pytest args]
#
# Creates (or reuses) a virtualenv, starts the server on a free loopback port with
# config.toml and a temporary data directory, runs pytest, and stops the server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${LEAKHOUND_BIN:-$root/target/debug/leakhound}"
[ -x "$bin" ] || { echo "run.sh: no leakhound binary at $bin (cargo build -p leakhound-cli)" >&2; exit 2; }

venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

work="$(mktemp -d)"
log="$work/server.log"
cleanup() {
  if [ -n "${server_pid:-}" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" serve --config "$here/config.toml" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/stdout" 2>"$log" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's/^leakhound serve listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/stdout" | head -n1)"
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "run.sh: the server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$log" >&2; echo "run.sh: the server did not report its address" >&2; exit 1; }
echo "run.sh: leakhound serve at $base"

status=0
LEAKHOUND_URL="$base" \
LEAKHOUND_KEY="NF-sdkTestKey0000000000000000000001" \
LEAKHOUND_SIGNING_SECRET="sdk-test-signing-secret" \
  "$venv/bin/python" -m pytest -q "$here" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log ---" >&2
  tail -n 50 "$log" >&2
fi
exit "$status"
