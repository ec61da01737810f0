"""Notebooks 10 and 11's computations: one training step of every cell, and minGRU's scans against its loop.

A training step is what `helpers.training.train` repeats: a fresh batch of the adding problem, forward, loss, backward
through time, clipping and one Adam step, with one BLAS thread as `train` runs it. The scans compute minGRU's linear
recurrence h_t = a_t h_{t-1} + b_t for every t at once; the loop goes step by step. Each figure is a median.
"""

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks.cells import median_ms
from helpers.min_rnn import (init_min_gru_params, linear_recurrence_log_scan, linear_recurrence_loop,
                             linear_recurrence_scan, min_gru_backward, min_gru_forward)
from helpers.models import CELLS, Cell
from helpers.optim import Adam, clip_by_norm
from helpers.tasks import adding_problem
from helpers.training import BLAS_THREADS, init_model, loss_and_grads

TRAINING = {"length": 60, "batch_size": 32, "hidden_size": 24}  # notebook 10's largest runs
QUICK_TRAINING = {"length": 5, "batch_size": 2, "hidden_size": 3}
SCANS = [(1, 1_000, 8), (1, 10_000, 8), (32, 1_000, 24)]  # (B, T, H), as notebook 11 times them
QUICK_SCANS = [(1, 20, 2)]

MIN_GRU = Cell("minGRU", init_min_gru_params, lambda xs, p: min_gru_forward(xs, p),
               lambda dhs, cache: min_gru_backward(dhs, cache)[::2])  # (dxs, grads): h_0 = 0 needs no gradient


def training_step(cell, length, batch_size, hidden_size, seed=0):
    """A function taking one training step of `cell` on the adding problem, as train does."""
    rng = np.random.default_rng(seed)
    params = init_model(cell, "adding", hidden_size, rng)
    adam = Adam(params, lr=0.02)

    def step():
        xs, ys = adding_problem(rng, batch_size, length)
        _, grads = loss_and_grads(cell, "adding", params, xs, ys)
        adam.step(params, clip_by_norm(grads, 1.0)[0])
    return step


def training_rows(quick=False):
    size = QUICK_TRAINING if quick else TRAINING
    cells = [*CELLS.values(), MIN_GRU]
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        times = median_ms([training_step(cell, **size) for cell in cells], repeats=2 if quick else 21)
    return [{"cell": cell.name, "T": size["length"], "B": size["batch_size"], "H": size["hidden_size"], "step_ms": ms}
            for cell, ms in zip(cells, times)]


def scan_rows(quick=False):
    rows, rng = [], np.random.default_rng(0)
    for B, T, H in QUICK_SCANS if quick else SCANS:
        a, b = rng.uniform(0.0, 1.0, size=(B, T, H)), rng.normal(size=(B, T, H))
        loop, scan, log_scan = median_ms([lambda: linear_recurrence_loop(a, b), lambda: linear_recurrence_scan(a, b),
                                          lambda: linear_recurrence_log_scan(a, b)], repeats=2 if quick else 11)
        rows.append({"B": B, "T": T, "H": H, "loop_ms": loop, "scan_ms": scan, "log_scan_ms": log_scan})
    return rows
