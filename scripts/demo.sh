#!/usr/bin/env bash
# The main job on the shipped demo data: install what is missing, build, solve the demo portfolio
# and print the allocation summary (tables by group and house, by year, shadow prices).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
cargo run --release --quiet --bin stratfund -- solve \
  --portfolio examples/data/demo_portfolio.json --plan examples/data/demo_plan.toml
