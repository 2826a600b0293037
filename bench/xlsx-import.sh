#!/usr/bin/env bash
# Time and peak memory (maximum resident set) of `jauge xlsx import-offers` on each workbook
# of DIR, written by `cargo run -p jauge-sheets --example hostile_workbooks -- DIR`: lists of
# bids and hostile workbooks. Each import runs on a fresh copy of the demo evaluation.
#   bench/xlsx-import.sh DIR            (JAUGE=path/to/jauge to pick the binary)
set -uo pipefail
jauge=${JAUGE:-target/release/jauge}
dir=${1:?usage: bench/xlsx-import.sh DIR}
reference=2026-DNUM-CDC-014
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for file in "$dir"/*.xlsx; do
  rm -f "$work"/db*
  "$jauge" import assets/demo/cloud-de-confiance.json --db "$work/db.sqlite3" >/dev/null 2>&1
  /usr/bin/time -f "%e s, %M KiB" -o "$work/time" \
    "$jauge" xlsx import-offers "$reference" "$file" --db "$work/db.sqlite3" >"$work/out" 2>&1
  code=$?
  printf '%s | exit %s | %s | %s\n' "$(basename "$file")" "$code" "$(cat "$work/time")" \
    "$(head -c 160 "$work/out" | tr '\n' ' ')"
done
