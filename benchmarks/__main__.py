"""`python -m benchmarks [--quick] [--out FILE]`: notebooks, sliders, frames, cells and scans, against the targets.

The full run takes a few minutes on a 2-core machine. `--quick` runs each part on a small case (one notebook, tiny
cells, few repeats): it checks that the suite works and writes valid JSON, and its timings mean nothing.
"""

import argparse
import json
from pathlib import Path

from benchmarks.baseline import bare_figure_ms
from benchmarks.cells import cell_rows
from benchmarks.frames import frame_rows
from benchmarks.notebooks import notebook_rows
from benchmarks.report import report
from benchmarks.sequences import scan_rows, training_rows
from benchmarks.sliders import slider_rows

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
QUICK_NOTEBOOK = "01-gate-linear-plus-sigmoid.ipynb"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small case of each part, to check the suite runs")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json", help="where to write JSON")
    args = parser.parse_args(argv)
    notebooks = [path for path in NOTEBOOKS if path.name == QUICK_NOTEBOOK] if args.quick else NOTEBOOKS
    results = {"baseline_ms": bare_figure_ms(repeats=3 if args.quick else 15),
               "notebooks": notebook_rows(notebooks),
               "sliders": slider_rows(notebooks, moves=10 if args.quick else 12),
               "frames": frame_rows(notebooks, moves=3 if args.quick else 12),
               "cells": cell_rows(quick=args.quick),
               "training": training_rows(quick=args.quick),
               "scans": scan_rows(quick=args.quick)}
    print(report(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
