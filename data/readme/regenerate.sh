#!/bin/sh
# Regenerates the README's drawing of the sample reports' supply channels
# (data/readme/channels.svg) with the narcograph built from this checkout and
# Graphviz `dot`. Run from the repository root: sh data/readme/regenerate.sh
set -eu
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
cargo run --release --quiet -- --store "$store/store" --quiet load data/reports
cargo run --release --quiet -- --store "$store/store" export --view channels --format svg -o data/readme/channels.svg
