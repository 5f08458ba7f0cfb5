#!/usr/bin/env bash
# README quick start 2: install what is missing (test tools too), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export CARDSCAN_PYTHON="$PWD/.venv/bin/python3"
cargo test --all-targets "$@"
# Doc examples are compiled too (they are not run: they need image files).
cargo test --doc
