#!/usr/bin/env bash
# Solves 48 generated portfolios (300 to 8,000 projects, seeds 2 and 3, budget coverage 0.15 to
# 0.7) with a stratfund binary and prints one line per instance: name, status, solve seconds,
# objective, state money, gap. Compare two binaries (say, before and after a change) in one run:
#   bash benches/sweep_generated.sh target/release/stratfund > new.txt
#   bash benches/sweep_generated.sh /tmp/stratfund-before > old.txt
# The instances are written once into $SWEEP_DIR (default /tmp/stratfund-sweep).
set -euo pipefail
binary="${1:?usage: sweep_generated.sh <stratfund binary>}"
dir="${SWEEP_DIR:-/tmp/stratfund-sweep}"
mkdir -p "$dir"
for projects in 300 1000 2000 3000 5000 8000; do
  for seed in 2 3; do
    for coverage in 0.15 0.3 0.45 0.7; do
      name="g_${projects}_${seed}_${coverage}"
      if [ ! -e "$dir/$name.json" ]; then
        "$binary" generate --projects "$projects" --seed "$seed" --coverage "$coverage" \
          --portfolio "$dir/$name.json" --plan "$dir/$name.toml" >/dev/null
      fi
      "$binary" solve --portfolio "$dir/$name.json" --plan "$dir/$name.toml" --format json \
        --out "$dir/$name.allocation.json" >/dev/null
      python3 - "$name" "$dir/$name.allocation.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[2]))
print(sys.argv[1], a["status"], round(a["solve_seconds"], 3), a["objective"], a["totals"]["state"], a["gap"])
PY
    done
  done
done
