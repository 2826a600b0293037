# Installs what Jauge's build, app and tests need on Debian/Ubuntu. Sourced by scripts/run and
# scripts/test; every step is skipped when already done, so a second run costs a few seconds.
# shellcheck shell=bash

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# install_apt PACKAGE… — installs the Debian packages that are missing, and only those.
install_apt() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "==> apt-get install ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# install_python_tools — pyHanko (signature validation in the tests) in a private virtualenv.
install_python_tools() {
    local venv="$JAUGE_ROOT/target/tools/venv"
    if [ ! -x "$venv/bin/pyhanko" ]; then
        echo "==> pip install pyhanko into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check \
            "pyHanko==0.38.*" "pyhanko-cli==0.6.*"
    fi
    export JAUGE_TOOL_PYHANKO="$venv/bin/pyhanko"
}

# check_rust — the one toolchain of the machine, with its formatter and linter.
check_rust() {
    if ! command -v cargo >/dev/null; then
        echo "cargo is missing: install Rust (https://rustup.rs) and run this again" >&2
        exit 1
    fi
}

JAUGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAUGE_ROOT

# check_node — Node.js 20.19 or newer with npm (the UI's build tools need it).
check_node() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        install_apt nodejs npm
    fi
    if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
        echo "Node.js $(node --version) is too old: Jauge's UI needs 20.19 or newer" >&2
        exit 1
    fi
}

# install_ui — the UI's npm packages, from the committed lock file.
install_ui() {
    if [ ! -d "$JAUGE_ROOT/ui/node_modules" ] || [ "$JAUGE_ROOT/ui/package-lock.json" -nt "$JAUGE_ROOT/ui/node_modules/.package-lock.json" ]; then
        echo "==> npm ci (ui)"
        (cd "$JAUGE_ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
