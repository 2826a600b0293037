#!/usr/bin/env bash
# Jauge's report + signature against what a buyer would otherwise do on the same machine: a
# word-processor report (the same content as HTML, converted by LibreOffice headless) signed with
# pyHanko. Both on a 30-offer × 400-criterion × 9-evaluator evaluation. Prints the timings (median
# of RUNS runs) and the ratio. Not a test: nothing here asserts a duration.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"
cd "$JAUGE_ROOT"
RUNS="${RUNS:-3}"

install_apt libreoffice-writer-nogui poppler-utils
install_python_tools
cargo build --release --locked -p jauge-cli
cargo build --release --locked -p jauge-domain --example synthetic
exec python3 bench/compare_report.py "$RUNS"
