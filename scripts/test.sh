#!/usr/bin/env bash
# Every test: Rust (unit, integration, doc), the Python package built as a wheel by maturin and
# installed into the venv (pytest, doctests, stub check), examples and notebooks.
# Exits non-zero as soon as anything fails.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo test (release: HiGHS is built once for tests, examples and the wheel)"
cargo test --release --all-targets
cargo test --release --doc

step "examples"
for example in examples/*.rs; do
  [ -e "$example" ] || continue
  name="$(basename "$example" .rs)"
  cargo run --release --quiet --example "$name" >/dev/null
  echo "example $name ok"
done

step "Python wheel (maturin) installed into $VENV"
rm -f python/stratfund/_core*.so
rm -rf target/wheels
"$VENV/bin/maturin" build --release --quiet --interpreter "$PY" --out target/wheels
"$PY" -m pip install -q --force-reinstall --no-deps target/wheels/stratfund-*.whl

step "pytest (against the installed wheel, not the source tree)"
cd "$ROOT/python/tests"
"$PY" -m pytest -q -p no:cacheprovider --rootdir "$ROOT/python/tests" --import-mode=importlib .
"$PY" -m pytest -q -p no:cacheprovider --doctest-modules --pyargs stratfund
cd "$ROOT"
