#!/usr/bin/env bash
# Runs the official-client tests (hubspot-api-client, zenpy) against `leakhound emulate`.
#
# Builds nothing: LEAKHOUND_BIN must point at a built `leakhound` binary (default:
# target/debug/leakhound under the repository root). Creates the virtualenv at
# <repo>/.venv and installs requirements.txt into it when needed (PyPI access required once).
# Exit status is pytest's; "no tests collected" (pytest exit 5) counts as a failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
venv="${LEAKHOUND_VENV:-$repo/.venv}"
requirements="$here/requirements.txt"
stamp="$venv/.leakhound-emulator-requirements"

export LEAKHOUND_BIN="${LEAKHOUND_BIN:-$repo/target/debug/leakhound}"
if [[ ! -x "$LEAKHOUND_BIN" ]]; then
  echo "run.sh: $LEAKHOUND_BIN is not an executable; build leakhound or set LEAKHOUND_BIN" >&2
  exit 2
fi

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
# Reinstall only when requirements.txt changed since the last successful install.
if [[ ! -f "$stamp" ]] || ! cmp -s "$requirements" "$stamp"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi

status=0
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$here" "$@" || status=$?
if [[ $status -eq 5 ]]; then
  echo "run.sh: pytest collected no tests" >&2
  exit 1
fi
exit $status
