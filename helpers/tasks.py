"""Long-memory tasks, generated in code from a seeded generator: the adding problem and recalling a marked symbol.

Each task makes a batch (xs (B, T, D), ys (B, O)) and knows its loss and its baseline: the loss of the best guess that
ignores the sequence. A model beats the baseline only by remembering what the task asks it to remember.
"""

from collections import namedtuple

import numpy as np

from .validate import as_count, as_real_array

# Two independent U(0, 1) numbers have a sum with mean 1 and variance 1/12 + 1/12 = 1/6. Predicting the mean, 1.0,
# for every sequence scores an MSE of E[(X1 + X2 - 1)^2] = Var(X1 + X2) = 1/6, about 0.167; no constant does better.
ADDING_BASELINE_MSE = 1 / 6
# With K equally likely symbols, the best guess without memory gives each probability 1/K: cross-entropy ln K.
SYMBOLS = 4
MARKED_SYMBOL_BASELINE = float(np.log(SYMBOLS))

Task = namedtuple("Task", "name make baseline loss input_size output_size description")


def _check_batch(rng, batch_size, length):
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng: expected a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    return as_count("batch_size", batch_size), as_count("length", length, low=2)


def adding_problem(rng, batch_size, length):
    """The adding problem (after Hochreiter and Schmidhuber 1997): add the two marked numbers of a sequence.

    xs (B, T, 2): channel 0 holds values drawn uniformly from [0, 1); channel 1 is a marker, 1.0 at exactly two steps,
    one in the first half (t < T // 2) and one in the second, 0 elsewhere. ys (B, 1) is the sum of the marked values.
    """
    batch_size, length = _check_batch(rng, batch_size, length)
    values = rng.uniform(0.0, 1.0, size=(batch_size, length))
    rows = np.arange(batch_size)
    first = rng.integers(0, length // 2, size=batch_size)
    second = rng.integers(length // 2, length, size=batch_size)
    markers = np.zeros((batch_size, length))
    markers[rows, first] = markers[rows, second] = 1.0
    ys = values[rows, first] + values[rows, second]
    return np.stack([values, markers], axis=-1), ys[:, None]


def marked_symbol(rng, batch_size, length, symbols=SYMBOLS):
    """Recall the marked symbol: T symbols of `symbols` kinds, one-hot, one of them marked; the answer is that one.

    xs (B, T, K + 1): channels 0 to K - 1 hold the one-hot symbol of each step, drawn uniformly; channel K is a
    marker, 1.0 at exactly one step drawn uniformly from the whole sequence, 0 elsewhere. ys (B, K) is the one-hot
    marked symbol. Every other symbol is a distractor of the same kinds, so the memory must be written at the marker
    and kept through everything that follows it, up to T - 1 steps.
    """
    batch_size, length = _check_batch(rng, batch_size, length)
    symbols = as_count("symbols", symbols, low=2)
    drawn = rng.integers(0, symbols, size=(batch_size, length))
    marked = rng.integers(0, length, size=batch_size)
    rows = np.arange(batch_size)
    xs = np.zeros((batch_size, length, symbols + 1))
    xs[..., :symbols] = np.eye(symbols)[drawn]
    xs[rows, marked, symbols] = 1.0
    return xs, np.eye(symbols)[drawn[rows, marked]]


def _check_prediction(y, ys, name="y"):
    y, ys = as_real_array(name, y), as_real_array("ys", ys)
    if y.ndim != 2 or y.shape != ys.shape:
        raise ValueError(f"{name}: expected a 2-D array of the targets' shape {ys.shape}, got shape {y.shape}")
    return y, ys


def mse_loss(y, ys):
    """The mean squared error over the batch and its gradient dLoss/dy: (mean((y - ys)^2), 2 (y - ys) / y.size)."""
    y, ys = _check_prediction(y, ys)
    error = y - ys
    return float(np.mean(error ** 2)), 2 * error / error.size


def cross_entropy_loss(logits, ys):
    """Softmax cross-entropy against one-hot targets, averaged over the batch, and its gradient dLoss/dlogits."""
    logits, ys = _check_prediction(logits, ys, "logits")
    shifted = logits - logits.max(axis=1, keepdims=True)  # the same softmax, and exp cannot overflow
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    batch = logits.shape[0]
    return float(-np.sum(ys * log_p) / batch), (np.exp(log_p) - ys) / batch


TASKS = {
    "adding": Task("adding", adding_problem, ADDING_BASELINE_MSE, mse_loss, 2, 1,
                   "add the two marked numbers; MSE, baseline 1/6 (predict 1.0)"),
    "marked_symbol": Task("marked_symbol", marked_symbol, MARKED_SYMBOL_BASELINE, cross_entropy_loss, SYMBOLS + 1,
                          SYMBOLS, f"recall the marked one of T symbols; cross-entropy, baseline ln {SYMBOLS}"),
}


def get_task(task):
    """A Task from TASKS by name, or a Task itself."""
    if isinstance(task, Task):
        return task
    if not isinstance(task, str) or task not in TASKS:
        raise ValueError(f"task: expected one of {sorted(TASKS)} or a Task, got {task!r}")
    return TASKS[task]
