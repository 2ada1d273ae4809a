#!/usr/bin/env bash
# Installs what stratfund needs on a Debian machine, idempotently:
#   system packages (cmake, clang/libclang for HiGHS, python3-venv), a Rust toolchain check,
#   and a Python virtual environment in .venv with maturin, pytest and the analyst extras.
# Source it (`. scripts/setup.sh`) to get $ROOT, $VENV and $PY.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${STRATFUND_VENV:-$ROOT/.venv}"
export ROOT VENV

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

need_apt=()
command -v cmake >/dev/null 2>&1 || need_apt+=(cmake)
command -v c++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-dev)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing system packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo (Rust >= 1.85) is required; install it with rustup (https://rustup.rs)" >&2
  exit 1
fi

# highspy is the independent tests' second solver: pinned, so that a new HiGHS release cannot change
# what the tests compare against without a change here.
REQS="maturin>=1.9.4,<2 pytest>=7 numpy pandas matplotlib dask nbclient nbformat ipykernel mypy highspy==1.16.0"
STAMP="$VENV/.stratfund-requirements"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$REQS" ]; then
  log "creating the Python environment in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # shellcheck disable=SC2086
  "$VENV/bin/python" -m pip install -q $REQS
  echo "$REQS" > "$STAMP"
fi
PY="$VENV/bin/python"
export PY
