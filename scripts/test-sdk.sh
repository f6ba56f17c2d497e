#!/usr/bin/env bash
# Runs the official Python SDK (nightfall==1.4.1) tests against `leakhound serve`
# (tests/python-sdk/). Needs python3; the SDK is installed into .venv by run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked -p leakhound-cli
LEAKHOUND_BIN="$PWD/target/debug/leakhound" tests/python-sdk/run.sh "$@"
