#!/usr/bin/env bash
# One entry point for the two things people do with this repository:
#   ./run.sh course   set up, build the book and open the notebooks in JupyterLab
#   ./run.sh test     set up everything the tests need and run every test
# Other commands: build (book only), preview (serve the book, rebuilt on each save: book/preview.py),
# lab (JupyterLab only), handbook (build the book, then print it as one PDF: the facilitator
# handbook, _build/html/handbook/learning-circles-handbook.pdf), bench (benchmarks).
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
VENV="${COURSE_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "run.sh: need root for: $*" >&2; return 1; fi; }

setup_python() {  # $1: requirements file
    if [ ! -x "$PY" ]; then
        python3 -m venv "$VENV"
        "$PY" -m pip install --quiet --upgrade pip
    fi
    # Reinstall only when a requirements file or pyproject.toml changed since the last install.
    local stamp="$VENV/.installed-$(basename "$1")" sum
    sum=$(cat requirements*.txt pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        "$PY" -m pip install --quiet --disable-pip-version-check -r "$1" 2>&1 | grep -v -i "warning" || true
        "$PY" -m pip check >/dev/null
        echo "$sum" > "$stamp"
    fi
}

setup_system() {  # Debian packages and npm tools that the browser, hub and sandbox tests use
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v bwrap >/dev/null || missing+=(bubblewrap)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)  # reads the printed flyer back
    if [ ${#missing[@]} -gt 0 ]; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
    command -v configurable-http-proxy >/dev/null || as_root npm install -g --silent configurable-http-proxy
    allow_bwrap_userns
}

allow_bwrap_userns() {  # Ubuntu >= 23.10 lets only AppArmor-profiled programs make user namespaces
    [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)" = 1 ] || return 0
    bwrap --ro-bind / / true 2>/dev/null && return 0
    printf '%s\n' 'abi <abi/4.0>,' 'include <tunables/global>' \
        'profile bwrap /usr/bin/bwrap flags=(unconfined) {' '  userns,' '}' |
        as_root tee /etc/apparmor.d/bwrap-userns >/dev/null
    as_root apparmor_parser -r /etc/apparmor.d/bwrap-userns
}

setup_print() {  # the handbook: Chromium prints it (Playwright drives it), poppler reads PDFs back
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    if [ ${#missing[@]} -gt 0 ]; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

setup_node() {  # the widget scripts the built book serves itself (package.json, no CDN)
    command -v npm >/dev/null || { echo "run.sh: the book build needs Node.js/npm (apt-get install npm)" >&2; return 1; }
    local stamp="node_modules/.installed-lock" sum
    sum=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        npm ci --ignore-scripts --no-audit --no-fund --silent
        echo "$sum" > "$stamp"
    fi
}

lab_root_flag() { [ "$(id -u)" = 0 ] && echo --allow-root || true; }

# jupyter-cache runs a notebook again only when the notebook itself changes, but the pages also
# show what activities/ and the installed packages produced: start afresh when those change.
refresh_notebook_cache() {
    local stamp="$ROOT/_build/.notebook-inputs" sum
    sum=$(cd "$ROOT" && find activities requirements.txt pyproject.toml -type f -not -name '*.pyc' \
          -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        # Sphinx also keeps the pages it read: without its doctrees it would not re-read the
        # notebooks and would show the old outputs.
        rm -rf "$ROOT/_build/.jupyter_cache" "$ROOT/_build/.doctrees"
        mkdir -p "$ROOT/_build" && echo "$sum" > "$stamp"
    fi
}

# Notebooks run during the build save activity state: use an empty folder so nobody's own saved
# work ends up in the published pages.
build_book() { refresh_notebook_cache; LEARNING_CIRCLES_DATA_DIR="$(mktemp -d)" "$VENV/bin/jupyter-book" build "$ROOT" -W -n --keep-going; }

case "${1:-}" in
  course)
    setup_python requirements.txt
    setup_node
    build_book
    echo "Book built: open $ROOT/_build/html/index.html"
    exec "$VENV/bin/jupyter" lab --notebook-dir="$ROOT" $(lab_root_flag) ;;
  build)
    setup_python requirements.txt
    setup_node
    build_book ;;
  preview)
    setup_python requirements.txt
    setup_node
    refresh_notebook_cache
    shift
    LEARNING_CIRCLES_DATA_DIR="$(mktemp -d)" exec "$PY" "$ROOT/book/preview.py" "$@" ;;
  handbook)
    setup_print
    setup_python requirements-test.txt  # Playwright and pypdf are pinned there
    setup_node
    build_book
    exec "$PY" -m handbook ;;
  lab)
    setup_python requirements.txt
    exec "$VENV/bin/jupyter" lab --notebook-dir="$ROOT" $(lab_root_flag) ;;
  test)
    setup_system
    setup_python requirements-test.txt
    setup_node
    shift
    exec "$PY" -m pytest "$@" ;;
  bench)
    setup_system
    setup_python requirements-test.txt
    setup_node
    shift
    exec "$PY" -m benchmarks "$@" ;;
  *)
    sed -n '2,7p' "$0"; exit 2 ;;
esac
