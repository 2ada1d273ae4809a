"""An allocation of 10,000 projects from Python: JSON out and in, and its tables.

    .venv/bin/python benches/python_allocation.py [--projects 10000] [--repeat 9]

Solves a seeded demo portfolio once, then prints the best of N timings of ``to_json()`` (written by
the Rust core), ``Allocation.from_json`` (checked by the core), the ``projects`` DataFrame and the
``state_by_year()`` matrix, and checks that the JSON round trip is lossless.
"""

import argparse
import time
from typing import Any, Callable, Dict

import stratfund as sf


def best_of(repeat: int, work: Callable[[], Any]) -> float:
    """The shortest of ``repeat`` wall-clock timings of ``work()``, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    portfolio, plan = sf.demo.generate(projects=args.projects, seed=1)
    allocation = sf.solve(portfolio, plan)
    text = allocation.to_json()
    assert sf.Allocation.from_json(text) == allocation, "the JSON round trip lost something"
    steps: Dict[str, Callable[[], Any]] = {
        "to_json()": allocation.to_json,
        "Allocation.from_json(text)": lambda: sf.Allocation.from_json(text),
        "projects (DataFrame)": lambda: allocation.projects,
        "state_by_year() (DataFrame)": allocation.state_by_year,
    }
    print(f"{args.projects} projects ({allocation.totals['funded']} funded), best of {args.repeat}:")
    for name, work in steps.items():
        print(f"  {name:<30} {best_of(args.repeat, work):8.1f} ms")


if __name__ == "__main__":
    main()
