"""Training a cell on a long-memory task: seeded mini-batches, forward, loss, backward, clipping by norm, Adam.

The model is a cell (helpers.models) and a linear readout of its last hidden state, y = h_T @ W_y + b_y, trained on
the task's loss. Every run is seeded: the same seed gives the same weights, the same batches and the same numbers.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .models import READOUT, get_cell, init_readout, readout_backward, readout_forward
from .optim import Adam, clip_by_norm
from .progress import progress_bar
from .tasks import get_task
from .validate import as_count, as_positive, as_real_array

# Every run at a given task and length is scored on the same test batch, drawn from its own generator.
TEST_SEED, TEST_SIZE, TEST_CHUNK = 10_000, 4000, 500
# The verdict compares the test loss with the baseline (the best guess without memory). On the adding problem a model
# that keeps one of the two numbers and guesses the other scores half the baseline (1/12): "learning", not "solved".
SOLVED_BELOW, BASELINE_ABOVE = 0.1, 0.8
# The runs' matrices are small (32 x 48 by 48 x 96): one BLAS thread trains as fast as two on an idle 2-core machine,
# and several times faster on a busy one, where OpenBLAS's second thread spins waiting for a core (measured here under
# load: a fused GRU step took 106 ms with two threads and 14 ms with one).
BLAS_THREADS = 1
SOLVED_WINDOW = 25  # "solved at step": where the mean training loss of the last 25 steps first falls below 10%


def verdict(test_loss, baseline):
    """The verdict on a test loss: "solved" below 10% of the baseline, "at baseline" above 80%, else "learning"."""
    ratio = as_positive("test_loss", test_loss, zero=True) / as_positive("baseline", baseline)
    return "solved" if ratio < SOLVED_BELOW else "at baseline" if ratio > BASELINE_ABOVE else "learning"


@dataclass
class TrainingRun:
    """One training run: what was trained on what, the loss at every step, and the score on the test batch."""

    task: str
    cell: str
    length: int
    steps: int
    settings: dict  # hidden_size, batch_size, lr, clip, seed
    losses: np.ndarray  # the training loss of every step's mini-batch
    test_loss: float
    baseline: float
    verdict: str
    solved_at: int | None  # the first step at which the last SOLVED_WINDOW training losses average below 10%
    seconds: float
    params: dict = field(repr=False)

    @property
    def seconds_per_step(self):
        return self.seconds / self.steps

    @property
    def fraction_of_baseline(self):
        return self.test_loss / self.baseline


def check_runs(runs):
    """`runs` as a list, or ValueError unless it is a non-empty list of TrainingRun."""
    if not isinstance(runs, (list, tuple)) or not runs or not all(isinstance(run, TrainingRun) for run in runs):
        raise ValueError(f"runs: expected a non-empty list of TrainingRun, got {type(runs).__name__} "
                         f"of {len(runs) if isinstance(runs, (list, tuple)) else 'no'} items")
    return list(runs)


def solved_at(losses, baseline, window=SOLVED_WINDOW):
    """The first step (counted from 1) at which the mean of the last `window` losses is below 10% of the baseline,
    or None if it never is."""
    losses, window = as_real_array("losses", losses), as_count("window", window)
    if losses.ndim != 1:
        raise ValueError(f"losses: expected one loss per step, a 1-D array, got shape {losses.shape}")
    baseline = as_positive("baseline", baseline)
    if len(losses) < window:
        return None
    below = np.flatnonzero(np.convolve(losses, np.ones(window) / window, mode="valid") < SOLVED_BELOW * baseline)
    return int(below[0]) + window if below.size else None


def _split(cell_params_names, params):
    return {name: params[name] for name in cell_params_names}, {name: params[name] for name in READOUT}


def loss_and_grads(cell, task, params, xs, ys):
    """Forward through the cell and the readout of h_T, the task's loss, and backward: (loss, grads of every param)."""
    cell, task = get_cell(cell), get_task(task)
    cell_params, readout = _split([name for name in params if name not in READOUT], params)
    hs, cache = cell.forward(xs, cell_params)
    h_T = hs[:, -1]
    loss, dy = task.loss(readout_forward(h_T, readout), ys)
    dh_T, readout_grads = readout_backward(dy, h_T, readout)
    dhs = np.zeros(np.shape(hs))
    dhs[:, -1] = dh_T  # only the last state is read out
    _, cell_grads = cell.backward(dhs, cache)
    return loss, {**cell_grads, **readout_grads}


def evaluate(cell, task, params, length):
    """The loss on the fixed test batch of this task and length (TEST_SIZE sequences from TEST_SEED)."""
    cell, task = get_cell(cell), get_task(task)
    xs, ys = task.make(np.random.default_rng(TEST_SEED), TEST_SIZE, length)
    cell_params, readout = _split([name for name in params if name not in READOUT], params)
    # In chunks, so that the forward pass's caches for 4000 long sequences never sit in memory at once.
    y_hat = np.concatenate([readout_forward(cell.forward(chunk, cell_params)[0][:, -1], readout)
                            for chunk in np.split(xs, TEST_SIZE // TEST_CHUNK)])
    return task.loss(y_hat, ys)[0]


def init_model(cell, task, hidden_size, rng):
    """The cell's parameters and the readout's, in one dict {name: array}."""
    cell, task = get_cell(cell), get_task(task)
    params = dict(cell.init(rng, task.input_size, hidden_size))
    if set(params) & set(READOUT):
        raise ValueError(f"cell: expected parameter names other than the readout's {READOUT}, got {sorted(params)}")
    return {**params, **init_readout(rng, hidden_size, task.output_size)}


def _bar_or_none(progress):
    if progress is False or progress is None:
        return None
    if not callable(getattr(progress, "update", None)):
        raise ValueError(f"progress: expected True, False or a bar with .update(n), got {type(progress).__name__}")
    return progress


def train(task, cell, length, steps, *, hidden_size=24, batch_size=32, lr=0.02, clip=1.0, seed=0, progress=True):
    """Train `cell` (a name in CELLS, or a Cell) on `task` (a name in TASKS, or a Task) at sequence length `length`.

    Each of `steps` steps draws a fresh mini-batch from a generator seeded by `seed`, clips the gradients to a global
    norm of `clip` (Pascanu et al. 2013) and takes one Adam step (Kingma and Ba 2015). `progress` shows a bar (True),
    none (False), or advances a bar made by helpers.progress.progress_bar. Returns a TrainingRun.
    """
    task, cell = get_task(task), get_cell(cell)
    length, steps = as_count("length", length, low=2), as_count("steps", steps)
    hidden_size, batch_size = as_count("hidden_size", hidden_size), as_count("batch_size", batch_size)
    lr, clip = as_positive("lr", lr), as_positive("clip", clip)
    seed = as_count("seed", seed, low=0)
    init_rng, batch_rng = np.random.default_rng(seed).spawn(2)  # the batches do not depend on the cell's size
    params = init_model(cell, task, hidden_size, init_rng)
    adam = Adam(params, lr=lr)
    bar = progress_bar(steps, f"{cell.name}, T = {length}") if progress is True else _bar_or_none(progress)
    losses = np.empty(steps)
    start = time.perf_counter()
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        try:
            for step in range(steps):
                xs, ys = task.make(batch_rng, batch_size, length)
                losses[step], grads = loss_and_grads(cell, task, params, xs, ys)
                grads, _ = clip_by_norm(grads, clip)
                adam.step(params, grads)
                if bar is not None:
                    bar.update(1)
        finally:
            if progress is True:
                bar.close()
        final = evaluate(cell, task, params, length)
    seconds = time.perf_counter() - start
    settings = {"hidden_size": hidden_size, "batch_size": batch_size, "lr": lr, "clip": clip, "seed": seed}
    return TrainingRun(task.name, cell.name, length, steps, settings, losses, final, task.baseline,
                       verdict(final, task.baseline), solved_at(losses, task.baseline), seconds, params)


def run_experiments(experiments, progress=True, **shared):
    """Train each experiment, a dict of train's arguments (task, cell, length, steps, ...) over `shared`; one bar."""
    if not isinstance(experiments, (list, tuple)) or not all(isinstance(e, dict) for e in experiments):
        raise ValueError(f"experiments: expected a list of dicts of train's arguments, got {type(experiments).__name__}")
    runs = [{**shared, **experiment} for experiment in experiments]
    bar = progress_bar(sum(run.get("steps", 0) for run in runs), "training") if progress else None
    try:
        results = []
        for run in runs:
            if bar is not None:
                bar.set_description(f"{get_cell(run.get('cell')).name}, T = {run.get('length')}")
            results.append(train(**run, progress=bar if bar is not None else False))
        return results
    finally:
        if bar is not None:
            bar.close()


def format_table(runs, seconds=False):
    """The runs as a text table of rounded figures: test loss, its share of the baseline, the verdict (and seconds)."""
    runs = check_runs(runs)
    header = ["task", "model", "T", "steps", "seed", "test loss", "of baseline", "verdict", "solved at step"]
    header += ["seconds"] if seconds else []
    rows = [[run.task, run.cell, str(run.length), str(run.steps), str(run.settings["seed"]), f"{run.test_loss:.3f}",
             f"{100 * run.fraction_of_baseline:.0f}%", run.verdict, "-" if run.solved_at is None else str(run.solved_at)]
            + ([f"{run.seconds:.1f}"] if seconds else []) for run in runs]
    return _table(header, rows)


def _table(header, rows):
    widths = [max(len(row[k]) for row in [header] + rows) for k in range(len(header))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in [header] + rows]
    return "\n".join(lines[:1] + ["  ".join("-" * width for width in widths)] + lines[1:])


def format_summary(runs):
    """Runs that differ only in their seed, summed up: how many solved, and the median step at which they did."""
    runs = check_runs(runs)
    groups = {}
    for run in runs:
        key = (run.task, run.cell, run.length, run.steps, *(v for k, v in run.settings.items() if k != "seed"))
        groups.setdefault(key, []).append(run)
    header = ["task", "model", "T", "steps", "seeds", "solved", "median solved at step"]
    rows = []
    for (task, cell, length, steps, *_), group in groups.items():
        steps_solved = [run.solved_at for run in group if run.verdict == "solved" and run.solved_at is not None]
        solved = sum(run.verdict == "solved" for run in group)
        rows.append([task, cell, str(length), str(steps), str(len(group)), f"{solved} of {len(group)}",
                     f"{np.median(steps_solved):.0f}" if steps_solved else "-"])
    return _table(header, rows)
