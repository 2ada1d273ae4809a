"""DataFrame -> Rust -> DataFrame round trip of a 10,000-project portfolio (issue 4 target: < 100 ms).

    .venv/bin/python benches/python_frames.py [--projects 10000] [--repeat 9]

Prints the best of N timings of ``sf.Portfolio.from_frame(df)`` (DataFrame columns into the core,
every field validated) and ``portfolio.to_frame()`` (back to a DataFrame indexed by id), and checks
that the round trip is lossless.
"""

import argparse
import time

import stratfund as sf


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    portfolio, _ = sf.demo.generate(projects=args.projects, seed=1)
    frame = portfolio.to_frame()
    best_in = best_out = best_total = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        again = sf.Portfolio.from_frame(frame, catalog="decision-1131-2025")
        middle = time.perf_counter()
        back = again.to_frame()
        end = time.perf_counter()
        best_in, best_out, best_total = min(best_in, middle - start), min(best_out, end - middle), min(best_total, end - start)
    assert again == portfolio and back.equals(frame), "the round trip lost something"
    print(f"{args.projects} projects: from_frame {best_in * 1e3:.1f} ms, to_frame {best_out * 1e3:.1f} ms, "
          f"round trip {best_total * 1e3:.1f} ms (best of {args.repeat})")


if __name__ == "__main__":
    main()
