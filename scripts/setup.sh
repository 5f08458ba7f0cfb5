#!/usr/bin/env bash
# Installs what cardscan needs beyond Rust, and nothing that is already there.
#   scripts/setup.sh          system packages to build and run (Tesseract, Leptonica, clang)
#   scripts/setup.sh --test   also the test tools (Python vobject and Radicale in .venv)
# Debian/Ubuntu: apt-get (with sudo when not root). macOS: prints the Homebrew line.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Build: libtesseract/libleptonica headers, clang for bindgen, pkg-config.
# Run: Tesseract's trained data: English, orientation (osd) and the
# languages `--lang` is documented with.
packages="libtesseract-dev libleptonica-dev clang pkg-config tesseract-ocr
  tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-por tesseract-ocr-spa
  tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-ita tesseract-ocr-jpn"

case "$(uname -s)" in
Darwin)
    if ! command -v tesseract >/dev/null || ! pkg-config --exists tesseract lept 2>/dev/null; then
        echo "cardscan needs Tesseract and Leptonica. Install them with Homebrew:" >&2
        echo "  brew install tesseract tesseract-lang leptonica pkg-config" >&2
        exit 1
    fi
    ;;
Linux)
    if ! command -v apt-get >/dev/null; then
        echo "setup: no apt-get here; install Tesseract 4/5 and Leptonica with headers, clang and pkg-config, then rerun." >&2
        exit 1
    fi
    if [ "$want_test" = 1 ] && ! python3 -c "import venv, ensurepip" 2>/dev/null; then
        packages="$packages python3 python3-venv"
    fi
    missing=""
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "setup: installing$missing" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
    ;;
*)
    echo "setup: unsupported system $(uname -s); install Tesseract and Leptonica with headers, clang and pkg-config." >&2
    exit 1
    ;;
esac

if [ "$want_test" = 1 ]; then
    # vCard output is checked by an independent parser, Python's vobject;
    # CardDAV upload against a real server, Radicale.
    if [ ! -x .venv/bin/python3 ] || ! .venv/bin/python3 -c "import vobject, radicale" 2>/dev/null; then
        echo "setup: installing Python vobject and Radicale into .venv" >&2
        python3 -m venv .venv
        .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
    fi
fi
