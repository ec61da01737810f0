"""The LSTM and GRU over a whole sequence, forward and backward: the course's fused path, a naive one, and torch.

Each figure is the median wall time of one forward and one backward pass over the sequence, the loss being
sum(hs * dhs) for a fixed random dhs, with gradients for xs, the start states and every weight. The naive cells below
are written as the classic course assignments write them: one weight matrix per gate, concat(h_prev, x_t) at every
step, nothing hoisted out of the loop, a list of per-step caches and parameter gradients summed step by step.

Threads are left at their defaults: numpy's BLAS (OpenBLAS) uses every core, and torch uses
torch.get_num_threads() threads, which defaults to the number of physical cores (2 on the course's 2-core
benchmark machine). torch.set_num_threads is not called, so torch runs as a user would find it. An
OPENBLAS_CORETYPE in the environment picks OpenBLAS's kernels, and so moves the numpy timings (course and naive).
"""

import statistics
import time

import numpy as np

from benchmarks.report import cell_table
from helpers.fused import gru_backward_fused, gru_forward_fused, lstm_backward_fused, lstm_forward_fused
from helpers.gru import init_gru_params
from helpers.lstm import GATE_ORDER, init_lstm_params
from helpers.pytorch_layout import gru_to_torch, lstm_to_torch

SIZES = [(32, 100, 64, 64), (64, 100, 128, 128)]  # (B, T, D, H)
QUICK_SIZES = [(2, 5, 3, 4)]
DTYPES = ("float32", "float64")
REPEATS, QUICK_REPEATS = 11, 2


def sigmoid(a):
    """The textbook logistic; exp(-a) overflows only below a = -88 (float32) or -709 (float64), giving 0 anyway."""
    return 1 / (1 + np.exp(-a))


def naive_lstm_params(params):
    """The course's stacked W (H + D, 4H) and b (4H,) as one W_k (H + D, H) and b_k (H,) per gate k in i, f, g, o."""
    H = params["b"].shape[0] // 4
    return {f"{kind}_{gate}": params[kind][..., k * H:(k + 1) * H].copy()
            for k, gate in enumerate(GATE_ORDER) for kind in ("W", "b")}


def naive_lstm_forward(xs, h0, c0, p):
    """The LSTM step by step from per-gate weights: hs (B, T, H) and a list of per-step caches."""
    h, c, hs, caches = h0, c0, [], []
    for t in range(xs.shape[1]):
        hx = np.concatenate([h, xs[:, t]], axis=1)
        i = sigmoid(hx @ p["W_i"] + p["b_i"])
        f = sigmoid(hx @ p["W_f"] + p["b_f"])
        g = np.tanh(hx @ p["W_g"] + p["b_g"])
        o = sigmoid(hx @ p["W_o"] + p["b_o"])
        c_next = f * c + i * g
        tanh_c = np.tanh(c_next)
        caches.append((hx, c, i, f, g, o, tanh_c))
        h, c = o * tanh_c, c_next
        hs.append(h)
    return np.stack(hs, axis=1), caches


def naive_lstm_backward(dhs, caches, p):
    """Backpropagation through time, one gate at a time: (dxs, dh0, dc0, per-gate grads)."""
    H = dhs.shape[2]
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    dh_next, dc_next, dxs = np.zeros_like(dhs[:, 0]), np.zeros_like(dhs[:, 0]), []
    for t in reversed(range(len(caches))):
        hx, c_prev, i, f, g, o, tanh_c = caches[t]
        dh = dhs[:, t] + dh_next
        dc = dc_next + dh * o * (1 - tanh_c ** 2)
        das = {"i": dc * g * i * (1 - i), "f": dc * c_prev * f * (1 - f), "g": dc * i * (1 - g ** 2),
               "o": dh * tanh_c * o * (1 - o)}
        dhx = np.zeros_like(hx)
        for gate, da in das.items():
            grads["W_" + gate] += hx.T @ da
            grads["b_" + gate] += da.sum(axis=0)
            dhx += da @ p["W_" + gate].T
        dh_next, dc_next = dhx[:, :H], dc * f
        dxs.append(dhx[:, H:])
    return np.stack(dxs[::-1], axis=1), dh_next, dc_next, grads


def naive_gru_forward(xs, h0, p):
    """The GRU step by step, reset after the matrix (PyTorch's placement), from the course's W_z, W_r, W_h, biases."""
    H = h0.shape[1]
    h, hs, caches = h0, [], []
    for t in range(xs.shape[1]):
        x = xs[:, t]
        hx = np.concatenate([h, x], axis=1)
        z = sigmoid(hx @ p["W_z"] + p["b_z"])
        r = sigmoid(hx @ p["W_r"] + p["b_r"])
        hidden = h @ p["W_h"][:H] + p["b_hh"]
        h_tilde = np.tanh(x @ p["W_h"][H:] + p["b_h"] + r * hidden)
        caches.append((hx, h, z, r, hidden, h_tilde))
        h = z * h + (1 - z) * h_tilde
        hs.append(h)
    return np.stack(hs, axis=1), caches


def naive_gru_backward(dhs, caches, p):
    """Backpropagation through time for naive_gru_forward: (dxs, dh0, grads)."""
    H = dhs.shape[2]
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    dh_next, dxs = np.zeros_like(dhs[:, 0]), []
    for t in reversed(range(len(caches))):
        hx, h_prev, z, r, hidden, h_tilde = caches[t]
        dh = dhs[:, t] + dh_next
        da_h = dh * (1 - z) * (1 - h_tilde ** 2)
        d_hidden = da_h * r
        grads["W_h"][H:] += hx[:, H:].T @ da_h
        grads["W_h"][:H] += h_prev.T @ d_hidden
        grads["b_h"] += da_h.sum(axis=0)
        grads["b_hh"] += d_hidden.sum(axis=0)
        dx = da_h @ p["W_h"][H:].T
        dh_prev = dh * z + d_hidden @ p["W_h"][:H].T
        for gate, da in (("z", dh * (h_prev - h_tilde) * z * (1 - z)), ("r", da_h * hidden * r * (1 - r))):
            grads["W_" + gate] += hx.T @ da
            grads["b_" + gate] += da.sum(axis=0)
            dhx = da @ p["W_" + gate].T
            dh_prev, dx = dh_prev + dhx[:, :H], dx + dhx[:, H:]
        dh_next = dh_prev
        dxs.append(dx)
    return np.stack(dxs[::-1], axis=1), dh_next, grads


def median_ms(runs, repeats):
    """The median milliseconds of each function in `runs` over `repeats` calls, after one warm-up call of each.

    The functions take turns, so that a change in the machine's load falls on all of them alike. Only functions
    using the same threads should share a call: torch's OpenMP threads keep spinning for a while after their work,
    and would slow numpy's BLAS threads taking their turn next (and the other way round).
    """
    for run in runs:
        run()
    times = [[] for _ in runs]
    for _ in range(repeats):
        for run, taken in zip(runs, times):
            start = time.perf_counter()
            run()
            taken.append(time.perf_counter() - start)
    return [1e3 * statistics.median(taken) for taken in times]


def torch_run(cell, params, xs, h0, c0, dhs):
    """A function running torch.nn.LSTM or nn.GRU forward and backward (batch_first, CPU, the arrays' dtype).

    None if torch is not installed.
    """
    try:
        import torch
    except ImportError:
        return None
    B, T, D = xs.shape
    H = h0.shape[1]
    dtype = getattr(torch, str(xs.dtype))
    layer = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(D, H, batch_first=True, dtype=dtype)
    with torch.no_grad():
        for name, value in (lstm_to_torch(params) if cell == "lstm" else gru_to_torch(params)).items():
            getattr(layer, name + "_l0").copy_(torch.from_numpy(value.astype(xs.dtype)))
    # Gradients for xs and the start states too, as the course's and the naive backward passes return them.
    leaves = [torch.tensor(a, requires_grad=True) for a in (xs, h0[None], c0[None])[:3 if cell == "lstm" else 2]]
    dhs_t = torch.from_numpy(dhs)

    def run():
        layer.zero_grad()
        for leaf in leaves:
            leaf.grad = None
        out, _ = layer(leaves[0], tuple(leaves[1:]) if cell == "lstm" else leaves[1])
        out.backward(dhs_t)

    return run


def cell_runs(cell, size, dtype, seed=0):
    """(course, naive, torch or None): three functions, each one forward and backward on the same seeded data."""
    B, T, D, H = size
    rng = np.random.default_rng(seed)
    params = init_lstm_params(rng, D, H) if cell == "lstm" else init_gru_params(rng, D, H)
    params = {name: value.astype(dtype) for name, value in params.items()}
    xs, h0, c0, dhs = (rng.normal(size=shape).astype(dtype) for shape in ((B, T, D), (B, H), (B, H), (B, T, H)))
    if cell == "lstm":
        naive_params = naive_lstm_params(params)

        def course():
            lstm_backward_fused(dhs, lstm_forward_fused(xs, h0, c0, params)[2])

        def naive():
            naive_lstm_backward(dhs, naive_lstm_forward(xs, h0, c0, naive_params)[1], naive_params)
    else:
        def course():
            gru_backward_fused(dhs, gru_forward_fused(xs, h0, params, reset="after")[1])

        def naive():
            naive_gru_backward(dhs, naive_gru_forward(xs, h0, params)[1], params)
    return course, naive, torch_run(cell, params, xs, h0, c0, dhs)


def cell_rows(quick=False, repeats=None):
    """One row per cell, size and dtype: {"cell", "B", "T", "D", "H", "dtype", "course_ms", "naive_ms", "torch_ms"}.

    quick=True times one tiny size twice per path: the rows (both cells, both dtypes) are real, their timings are not.
    """
    repeats = repeats or (QUICK_REPEATS if quick else REPEATS)
    rows = []
    for size in QUICK_SIZES if quick else SIZES:
        for dtype in DTYPES:
            for cell in ("lstm", "gru"):
                course, naive, torch = cell_runs(cell, size, dtype)
                course_ms, naive_ms = median_ms([course, naive], repeats)
                torch_ms = None if torch is None else median_ms([torch], repeats)[0]
                rows.append({"cell": cell, **dict(zip("BTDH", size)), "dtype": dtype, "course_ms": course_ms,
                             "naive_ms": naive_ms, "torch_ms": torch_ms})
    return rows


def print_cell_table(rows):
    """Print the rows as the benchmark report does, with naive/course (the speedup) and course/torch (the ratio)."""
    print(cell_table(rows))


if __name__ == "__main__":
    print_cell_table(cell_rows())
