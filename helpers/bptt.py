"""The vanishing gradient, measured: ||dL/ds_k|| against the distance T - k, at initialisation, over several seeds.

A run draws a cell's weights as its initialiser does, multiplies the rows that read the state (the first H rows of
every W) by `scale`, feeds B sequences of standard normal inputs from a zero state, and lets a loss read only the last
state: dL/ds_T is a fixed random unit vector u (for the LSTM, dL/dh_T = u and dL/dc_T = 0: the loss reads what the
cell shows). Going back, dL/ds_{t-1} = dL/ds_t @ J_t with the Jacobians of helpers.gradient_flow, applied path by path
without building them. A norm runs over the whole batch, and over (h, c) for the LSTM.

Seed n gives two generators, SeedSequence(n).spawn(2): one draws the weights, the other u and then the inputs, one
time step after another. So a seed's weights do not depend on T, and a shorter sequence is a prefix of a longer one
with the same states: the lengths T of one run share its forward pass, and each goes back from its own s_T.
"""

from collections import namedtuple

import numpy as np

from .fused import gru_forward_fused, lstm_forward_fused
from .gradient_flow import (_gated_paths, _gru_paths, _lstm_back, _lstm_blocks, _lstm_paths, _lstm_shown, _path_back,
                            _path_matrix, _plain_paths)
from .gru import init_gru_params
from .lstm import init_lstm_params
from .rnn import gated_rnn_forward, init_rnn_params, rnn_forward
from .validate import Shapes, as_count, as_real_array

MODELS = ("plain RNN", "gated RNN", "LSTM", "GRU")


def _check_model(model):
    if model not in MODELS:
        raise ValueError(f"model: expected one of {list(MODELS)}, got {model!r}")
    return model


def _positive(name, value):
    number = as_real_array(name, value)
    if number.ndim != 0 or not number > 0:
        raise ValueError(f"{name}: expected one positive number, got {np.ravel(number).tolist()}")
    return float(number)


def _increasing(name, values, check):
    """`values` as an array of increasing numbers, each passed through check(name, value) first."""
    checked = [check(name, value) for value in np.ravel(np.asarray(values, dtype=object)).tolist()]
    if not checked or checked != sorted(set(checked)):
        raise ValueError(f"{name}: expected increasing numbers, got {np.ravel(values).tolist()}")
    return np.array(checked)


def _lengths(lengths):
    return _increasing("lengths", lengths, as_count)


def init_scaled(model, rng, size, scale=1.0, forget_bias=1.0):
    """A cell's weights as its initialiser draws them (D = H = size), the rows that read the state times `scale`.

    Only the LSTM reads `forget_bias`; the gated RNN's gate bias is 0, as init_rnn_params sets it.
    """
    _check_model(model)
    size, scale = as_count("size", size), _positive("scale", scale)
    if model == "LSTM":
        params = init_lstm_params(rng, size, size, forget_bias=forget_bias)
    elif model == "GRU":
        params = init_gru_params(rng, size, size)
    else:
        params = init_rnn_params(rng, size, size, gated=model == "gated RNN")
    for name in params:
        if name.startswith("W"):
            params[name][:size] *= scale  # the rows that multiply s_{t-1} (h_{t-1}) in [s_{t-1}, x_t] @ W
    return params


def _prepend(s0, states):
    """s_{t-1} for t = 1..T: s0, then every state but the last, (B, T, H)."""
    return np.concatenate([s0[:, None], states[:, :-1]], axis=1)


def _run_values(model, params, xs):
    """The forward pass over xs (B, T, D) from a zero state: what each path reads, {name: (B, T, H)}, and weights."""
    if not isinstance(params, dict):
        raise ValueError(f"params: expected the dict of a {model}'s weights, got {type(params).__name__}")
    xs = Shapes().check("xs", xs, ("B", "T", "D"))
    bias = {"plain RNN": "b_s", "gated RNN": "b_s", "LSTM": "b", "GRU": "b_z"}[model]
    s0 = np.zeros((xs.shape[0], np.size(params.get(bias, ())) // (4 if model == "LSTM" else 1)))
    weights = {name: as_real_array(name, value) for name, value in params.items() if name.startswith("W")}
    if model == "plain RNN":
        return {"s_t": rnn_forward(xs, s0, params)[0]}, weights
    if model == "gated RNN":
        states, caches = gated_rnn_forward(xs, s0, params)
        g_t, s_tilde = (np.stack([getattr(cache, name) for cache in caches], axis=1) for name in ("g_t", "s_tilde"))
        return {"g_t": g_t, "s_tilde": s_tilde, "s_prev": _prepend(s0, states)}, weights
    if model == "LSTM":
        _, cs, cache = lstm_forward_fused(xs, s0, s0, params)
        return {"i_t": cache.i, "f_t": cache.f, "c_tilde": cache.g, "o_t": cache.o, "c_prev": _prepend(s0, cs),
                "c_t": cs}, weights
    hs, cache = gru_forward_fused(xs, s0, params)
    h_prev = _prepend(s0, hs)
    hidden_part = h_prev @ weights["W_h"][:s0.shape[1]] + as_real_array("b_hh", params["b_hh"])  # what r_t scales
    return {"h_prev": h_prev, "z_t": cache.z, "r_t": cache.r, "h_tilde": cache.h_tilde,
            "hidden_part": hidden_part}, weights


def _paths_at(model, values, weights, t):
    """The paths of step t (1 to T): every value at time index t - 1, whatever axes come before (B, T, H)."""
    now = {name: value[..., t - 1, :] for name, value in values.items()}
    if model == "plain RNN":
        return _plain_paths(now["s_t"], weights["W_s"])
    if model == "gated RNN":
        return _gated_paths(now["g_t"], now["s_tilde"], now["s_prev"], weights["W_g"], weights["W_s"])
    if model == "LSTM":
        return _lstm_paths(now["i_t"], now["f_t"], now["c_tilde"], now["o_t"], now["c_prev"], now["c_t"],
                           weights["W"])
    return _gru_paths("after", now["h_prev"], now["z_t"], now["r_t"], now["h_tilde"], now["hidden_part"],
                      weights["W_z"], weights["W_r"], weights["W_h"])


def _shown_at(values, t):
    """The LSTM's dh_t/dc_t at step t (1 to T)."""
    return _lstm_shown(values["o_t"][..., t - 1, :], values["c_t"][..., t - 1, :])


def _step_back(model, values, weights, t, ds):
    """dL/ds_{t-1} = dL/ds_t @ J_t, path by path."""
    paths = _paths_at(model, values, weights, t)
    if model == "LSTM":
        return _lstm_back(ds, paths, _shown_at(values, t))
    return sum(_path_back(ds, path) for path in paths.values())


def run_jacobians(model, params, xs):
    """J_t = ds_t/ds_{t-1} for t = 1..T of a run over xs (B, T, D) from a zero state: (T, B, n, n), n = H or 2H."""
    values, weights = _run_values(_check_model(model), params, xs)
    steps = []
    for t in range(1, np.shape(xs)[1] + 1):
        paths = _paths_at(model, values, weights, t)
        if model == "LSTM":
            steps.append(_lstm_blocks(paths, _shown_at(values, t)))
        else:
            steps.append(sum(_path_matrix(path) for path in paths.values()))
    return np.stack(steps)


def _sweep(step_back, ds_last, lengths):
    """Norms d steps back from each s_T, T in `lengths`: (..., len(lengths), max T + 1), NaN beyond each T.

    `ds_last` (..., B, n) is dL/ds_T for every T; `step_back(t, ds)` maps dL/ds_t to dL/ds_{t-1} for ds with one more
    leading axis, one entry per length. All lengths go back together; one not started yet is zeros and stays so.
    """
    norms = np.full(ds_last.shape[:-2] + (len(lengths), lengths[-1] + 1), np.nan)
    ds = np.zeros((len(lengths),) + ds_last.shape)
    size = np.sqrt(np.sum(ds_last ** 2, axis=(-2, -1)))
    for t in range(lengths[-1], 0, -1):
        starting = lengths == t
        ds[starting] = ds_last
        norms[..., starting, 0] = size[..., None]
        ds = step_back(t, ds)
        live = np.flatnonzero(lengths >= t)
        norms[..., live, lengths[live] - t + 1] = np.moveaxis(np.sqrt(np.sum(ds[live] ** 2, axis=(-2, -1))), 0, -1)
    return norms


def reach_from_jacobians(jacobians, ds_last, lengths):
    """||dL/ds_k|| from the Jacobians J_1..J_T (T, B, n, n) of one run: (len(lengths), max T + 1), NaN beyond each T.

    ds_last (B, n) is dL/ds_T for every T in `lengths`; entry [j, d] is the norm d steps back from s_{lengths[j]}.
    """
    J = as_real_array("jacobians", jacobians)
    if J.ndim != 4 or J.shape[2] != J.shape[3]:
        raise ValueError(f"jacobians: expected (T, B, n, n), one square Jacobian per step and example, got shape "
                         f"{J.shape}")
    u = as_real_array("ds_last", ds_last)
    if u.shape != J.shape[1:3]:
        raise ValueError(f"ds_last: expected shape {J.shape[1:3]} (B, n) like the Jacobians' rows, got {u.shape}")
    lengths = _lengths(lengths)
    if lengths[-1] > len(J):
        raise ValueError(f"lengths: expected at most the {len(J)} steps of the Jacobians, got {lengths[-1]}")
    return _sweep(lambda t, ds: (ds[..., None, :] @ J[t - 1])[..., 0, :], u, lengths)  # a row per example


def _reach(model, runs, lengths, batch, size):
    """Norms for several runs [(seed, scale, forget_bias)] of one model, gone back together: (runs, lengths, T + 1)."""
    values, weights, ds_last = [], [], []
    for seed, scale, forget_bias in runs:
        weights_rng, data_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
        params = init_scaled(model, weights_rng, size, scale, forget_bias)
        u = data_rng.normal(size=(batch, size))
        xs = data_rng.normal(size=(lengths[-1], batch, size)).swapaxes(0, 1)  # step by step: short runs are prefixes
        run_values, run_weights = _run_values(model, params, xs)
        values.append(run_values)
        weights.append(run_weights)
        u /= np.linalg.norm(u)
        ds_last.append(np.concatenate([u, np.zeros_like(u)], axis=1) if model == "LSTM" else u)  # LSTM: dc_T = 0
    stack = {name: np.stack([run[name] for run in values]) for name in values[0]}
    W = {name: np.stack([run[name] for run in weights]) for name in weights[0]}
    return _sweep(lambda t, ds: _step_back(model, stack, W, t, ds), np.stack(ds_last), lengths)


def gradient_reach(model, T=100, seeds=8, scale=1.0, forget_bias=1.0, batch=8, size=16):
    """||dL/ds_k|| at the distances T - k = 0..T, for seeds 0..seeds-1: (seeds, T + 1), one row per initialisation.

    `model` is one of MODELS; `scale` multiplies the weights that read the state; `forget_bias` is the LSTM's b_f.
    """
    _check_model(model)
    T, seeds = as_count("T", T), as_count("seeds", seeds)
    batch, size = as_count("batch", batch), as_count("size", size)
    scale, forget_bias = _positive("scale", scale), float(as_real_array("forget_bias", forget_bias))
    return _reach(model, [(seed, scale, forget_bias) for seed in range(seeds)], np.array([T]), batch, size)[:, 0]


ReachGrid = namedtuple("ReachGrid", "scales forget_biases lengths norms")
ReachGrid.__doc__ = """gradient_reach over a grid: norms[model] is (scales, forget_biases, seeds, lengths, max T + 1).

Only the LSTM reads the forget bias; the other models' norms are the same along that axis. Entry [..., j, d] is the
norm d steps back from s_T, T = lengths[j], and NaN for d > T."""


def reach_grid(scales, forget_biases, lengths, seeds=5, batch=8, size=16):
    """gradient_reach for every model, scale, forget bias (the LSTM's) and length T of a grid: a ReachGrid.

    What a live figure needs to move through the grid without computing: one run per seed, scale and forget bias.
    """
    scales = _increasing("scales", scales, _positive)
    forget_biases = _increasing("forget_biases", forget_biases, lambda name, b: float(as_real_array(name, b)))
    lengths, seeds = _lengths(lengths), as_count("seeds", seeds)
    batch, size = as_count("batch", batch), as_count("size", size)
    norms = {}
    for model in MODELS:
        biases = forget_biases if model == "LSTM" else forget_biases[:1]
        per_seed = [_reach(model, [(seed, scale, b) for scale in scales for b in biases], lengths, batch, size)
                    for seed in range(seeds)]
        runs = np.stack(per_seed, axis=1).reshape(len(scales), len(biases), seeds, len(lengths), -1)
        norms[model] = np.broadcast_to(runs, (len(scales), len(forget_biases)) + runs.shape[2:])
    return ReachGrid(scales, forget_biases, lengths, norms)
