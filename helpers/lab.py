"""`python -m helpers.lab`: train cells on a long-memory task from the command line, with the notebook's code and table.

    python -m helpers.lab --task adding --length 50 --model lstm --steps 1000 --seed 0
    python -m helpers.lab --length 100 200 --model lstm gru --seed 0 1 2 --out notebooks/data/long-memory-runs.json

Several lengths, models and seeds train every combination. --out adds each run's settings and rounded results to a
JSON file (a run with the same settings is replaced), which notebook 10 reads with load_runs.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from .models import CELLS
from .tasks import TASKS
from .training import TrainingRun, check_runs, format_table, run_experiments

SETTINGS = ("task", "cell", "length", "steps", "hidden_size", "batch_size", "lr", "clip", "seed")
# The runs notebook 10 shows, found from the package so that any working directory will do (in a clone of the
# repository; a helpers installed on its own, as on Colab, has no such file).
STORED_RUNS = Path(__file__).resolve().parent.parent / "notebooks" / "data" / "long-memory-runs.json"
CURVE_EVERY = 50  # a stored learning curve keeps the mean training loss of every 50 steps


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr (and exit status 2), without the usage above them."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _whole(low):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}, got {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}, got {value}")
        return value
    parse.__name__ = f"whole number >= {low}"
    return parse


def _positive(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not value > 0 or not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def parser():
    p = OneLineParser(prog="python -m helpers.lab", description="Train the course's cells on a long-memory task "
                      "and print the table of notebook 10: test loss, its share of the baseline, the verdict.")
    p.add_argument("--task", choices=sorted(TASKS), default="adding", metavar="TASK",
                   help=f"the task: {', '.join(sorted(TASKS))} (default: adding)")
    p.add_argument("--length", type=_whole(2), nargs="+", default=[50], help="sequence length T, one or more")
    p.add_argument("--model", choices=sorted(CELLS), nargs="+", default=["lstm"], metavar="MODEL",
                   help=f"the cell, one or more of: {', '.join(CELLS)} (default: lstm)")
    p.add_argument("--steps", type=_whole(1), default=1000, help="training steps (default: 1000)")
    p.add_argument("--seed", type=_whole(0), nargs="+", default=[0], help="random seed, one or more (default: 0)")
    p.add_argument("--hidden", type=_whole(1), default=24, help="hidden size H (default: 24)")
    p.add_argument("--batch", type=_whole(1), default=32, help="mini-batch size (default: 32)")
    p.add_argument("--lr", type=_positive, default=0.02, help="Adam's learning rate (default: 0.02)")
    p.add_argument("--clip", type=_positive, default=1.0, help="clip the gradients' global norm to this (default: 1)")
    p.add_argument("--out", type=Path, help="add the runs to this JSON file")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def run_record(run):
    """What the file keeps of a run: its settings, its rounded results and its learning curve."""
    if not isinstance(run, TrainingRun):
        raise ValueError(f"run: expected a TrainingRun (from train or run_experiments), got {type(run).__name__}")
    losses = np.asarray(run.losses)
    blocks = [losses[k:k + CURVE_EVERY].mean() for k in range(0, len(losses), CURVE_EVERY)]
    return {"task": run.task, "cell": run.cell, "length": run.length, "steps": run.steps, **run.settings,
            "test_loss": round(run.test_loss, 6), "baseline": run.baseline, "verdict": run.verdict,
            "solved_at": run.solved_at, "seconds": round(run.seconds, 1),
            "curve_every": CURVE_EVERY, "curve": [float(f"{b:.5g}") for b in blocks]}


def load_runs(path=STORED_RUNS):
    """The runs stored in a JSON file by --out (by default the course's), as TrainingRuns without their weights;
    their losses are the stored curve, each block's mean repeated over its steps."""
    if not Path(path).is_file():
        raise ValueError(f"path: expected a JSON file written by `python -m helpers.lab --out`, got {str(path)!r}, "
                         f"which is not a file")
    records = json.loads(Path(path).read_text())
    return [TrainingRun(r["task"], r["cell"], r["length"], r["steps"],
                        {name: r[name] for name in SETTINGS[4:]}, np.repeat(r["curve"], r["curve_every"])[:r["steps"]],
                        r["test_loss"], r["baseline"], r["verdict"], r["solved_at"], r["seconds"], params={})
            for r in records]


def save_runs(path, runs):
    """Add the runs' records to the JSON file at path, replacing any with the same settings; keep them sorted."""
    runs = check_runs(runs)
    path = Path(path)
    records = json.loads(path.read_text()) if path.exists() else []
    new = [run_record(run) for run in runs]
    keys = {tuple(r[name] for name in SETTINGS) for r in new}
    kept = [r for r in records if tuple(r[name] for name in SETTINGS) not in keys]
    order = {name: k for k, name in enumerate(CELLS)}
    merged = sorted(kept + new, key=lambda r: (r["task"], r["length"], order.get(r["cell"], len(order)), r["seed"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, indent=1) + "\n")


def main(argv=None):
    p = parser()
    args = p.parse_args(argv)
    experiments = [{"cell": model, "length": length, "seed": seed}
                   for length in args.length for model in args.model for seed in args.seed]
    if args.out and args.out.exists() and not args.out.is_file():
        p.error(f"argument --out: expected a file to add the runs to, got {str(args.out)!r}, which is not a file")
    try:
        runs = run_experiments(experiments, progress=not args.no_progress, task=args.task, steps=args.steps,
                               hidden_size=args.hidden, batch_size=args.batch, lr=args.lr, clip=args.clip)
    except ValueError as error:
        p.error(str(error))
    print(format_table(runs, seconds=True))
    if args.out:
        try:
            save_runs(args.out, runs)
        except (OSError, ValueError) as error:  # unwritable, or not a file of runs
            p.error(f"argument --out: could not add the runs to {str(args.out)!r}: {error}")
        print(f"added {len(runs)} run(s) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
