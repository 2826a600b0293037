#!/usr/bin/env bash
# End-to-end tests of the desktop app: builds the real debug binary, starts a private Xvfb and
# drives the app through tauri-driver + WebKitWebDriver (tests/e2e). Installs what is missing
# first, so it runs on a fresh Debian/Ubuntu machine; a second run only rebuilds what changed.
# Screenshots of every screen land in docs/screenshots/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$JAUGE_ROOT"

check_rust
# Node 20.19+ for the UI build and the WebdriverIO tests (check_node from setup.sh).
if declare -F check_node >/dev/null; then check_node; fi
install_apt build-essential pkg-config libwebkit2gtk-4.1-dev xvfb webkit2gtk-driver xauth libreoffice-calc-nogui

echo "==> npm ci (ui, tests/e2e)"
[ -d ui/node_modules ] && [ ui/node_modules/.package-lock.json -nt ui/package-lock.json ] \
    || npm --prefix ui ci --no-audit --no-fund
[ -d tests/e2e/node_modules ] && [ tests/e2e/node_modules/.package-lock.json -nt tests/e2e/package-lock.json ] \
    || npm --prefix tests/e2e ci --no-audit --no-fund

TAURI_DRIVER="$JAUGE_ROOT/target/tools/bin/tauri-driver"
if [ ! -x "$TAURI_DRIVER" ]; then
    echo "==> cargo install tauri-driver"
    cargo install tauri-driver --locked --version ^2 --root "$JAUGE_ROOT/target/tools"
fi

echo "==> cargo build -p jauge-cli (the evaluator's laptop in the committee scenario)"
cargo build -p jauge-cli --locked

echo "==> tauri build --debug --no-bundle"
# Through the Tauri CLI: a plain cargo build would load the dev server instead of the bundled UI.
# The CLI looks for tauri.conf.json below its working folder; from ui/ it must be told where.
(cd ui && TAURI_APP_PATH=../src-tauri TAURI_FRONTEND_PATH=. npx tauri build --debug --no-bundle --ci)

# A free display number: the first without a lock file.
display=99
while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do
    display=$((display + 1))
done
echo "==> Xvfb :$display"
Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X${display}" ] && break
    sleep 0.1
done

echo "==> node --test tests/e2e"
cd tests/e2e
DISPLAY=":$display" \
    JAUGE_E2E_APP="$JAUGE_ROOT/target/debug/jauge-desktop" \
    JAUGE_E2E_TAURI_DRIVER="$TAURI_DRIVER" \
    JAUGE_E2E_CLI="$JAUGE_ROOT/target/debug/jauge" \
    PATH="$JAUGE_ROOT/target/tools/bin:$PATH" \
    node --test --test-concurrency=1 app.test.mjs
