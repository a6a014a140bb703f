"""The diff stage of the benchmark alone (bench/run.py's ``diff_runs``: the Penal Code pair in the
library and as a process, the synthetic 5,000-article code as a process, each against a
whole-text diff-match-patch word diff and ``git diff --word-diff`` measured in the same run).

    .venv/bin/python bench/diff_speed.py [--quick]     # → bench/results/diff.md and .json

The whole-text diffs take minutes (the synthetic pair about two): they run once or twice.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from run import diff_runs, write_table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lawtool-bench-diff-"))
    rows = [
        {"measure": name, **result, "target": target, "note": note}
        for name, result, target, note in diff_runs(tmp, 2 if args.quick else 5, quick=args.quick)
    ]
    write_table(rows, "diff")


if __name__ == "__main__":
    main()
