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
