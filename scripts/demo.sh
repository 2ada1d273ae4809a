#!/usr/bin/env bash
# The main job on the shipped demo data: install what is missing, build, and print the summary.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
cargo run --release --quiet --bin stratfund -- validate \
  --portfolio examples/data/demo_portfolio.json --plan examples/data/demo_plan.toml
