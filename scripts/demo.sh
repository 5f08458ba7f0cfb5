#!/usr/bin/env bash
# README quick start 1: install what is missing, build, scan the bundled sample card.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --quiet
exec target/release/cardscan scan fixtures/sample-card.png
