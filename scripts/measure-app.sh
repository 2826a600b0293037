#!/usr/bin/env bash
# Measures the desktop app's release build under Xvfb: cold start to first paint (5 runs, median)
# and PSS of the app plus its WebKit processes with the demo open (tests/e2e/measure.mjs), then
# grid opening and keystroke-to-saved latency on generated 10 × 60 × 5 and 12 × 120 × 5
# evaluations (tests/e2e/measure-edits.mjs). Goals: first paint ≤ 1.5 s, PSS < 350 MB, edits
# p90 ≤ 50 ms and ≤ 100 ms, the 12 × 120 × 5 grid open in ≤ 1 s. Prints Markdown tables.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$JAUGE_ROOT"

check_rust
# Node 20.19+ for the UI build and the WebdriverIO tests (check_node from setup.sh).
if declare -F check_node >/dev/null; then check_node; fi
install_apt build-essential pkg-config libwebkit2gtk-4.1-dev xvfb webkit2gtk-driver xauth

[ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
[ -d tests/e2e/node_modules ] || npm --prefix tests/e2e ci --no-audit --no-fund
TAURI_DRIVER="$JAUGE_ROOT/target/tools/bin/tauri-driver"
[ -x "$TAURI_DRIVER" ] || cargo install tauri-driver --locked --version ^2 --root "$JAUGE_ROOT/target/tools"

echo "==> tauri build --no-bundle (release)"
(cd ui && TAURI_APP_PATH=../src-tauri TAURI_FRONTEND_PATH=. npx tauri build --no-bundle --ci)

display=99
while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X${display}" ] && break
    sleep 0.1
done

echo "==> jauge CLI and generated evaluations (release)"
cargo build --release -p jauge-cli
work="$(mktemp -d)"
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cargo run --release -q -p jauge-domain --example synthetic -- 10 60 5 > "$work/10x60x5.json"
cargo run --release -q -p jauge-domain --example synthetic -- 12 120 5 > "$work/12x120x5.json"

cd tests/e2e
DISPLAY=":$display" PATH="$JAUGE_ROOT/target/tools/bin:$PATH" \
    node measure.mjs "$JAUGE_ROOT/target/release/jauge-desktop" "$TAURI_DRIVER"
DISPLAY=":$display" PATH="$JAUGE_ROOT/target/tools/bin:$PATH" \
    node measure-edits.mjs "$JAUGE_ROOT/target/release/jauge-desktop" "$TAURI_DRIVER" \
    "$JAUGE_ROOT/target/release/jauge" "$work/10x60x5.json" "$work/12x120x5.json"
