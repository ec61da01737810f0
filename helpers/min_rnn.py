"""minGRU and minLSTM (Feng et al. 2024): gates that read only x_t, so the recurrence is linear in h and a scan
replaces the loop.

Both are h_t = a_t * h_{t-1} + b_t, with a_t and b_t computed from x_t alone for every t at once:
  minGRU:  z_t = sigmoid(x_t @ W_z + b_z),  h_tilde = x_t @ W_h + b_h,  a_t = 1 - z_t,  b_t = z_t * h_tilde
  minLSTM: f_t, i_t = sigmoid(...),  a_t = f_t / (f_t + i_t),  b_t = i_t / (f_t + i_t) * h_tilde
Feng et al. write z_t for the share of the candidate written, as notebook 02's g_t does (the course's GRU keeps with z).
"""

from collections import namedtuple

import numpy as np

from .activations import sigmoid
from .validate import Shapes, as_count, check_params, check_unit_interval

MIN_GRU_PARAMS = {"W_z": ("D", "H"), "b_z": ("H",), "W_h": ("D", "H"), "b_h": ("H",)}
MIN_LSTM_PARAMS = {"W_f": ("D", "H"), "b_f": ("H",), "W_i": ("D", "H"), "b_i": ("H",), "W_h": ("D", "H"), "b_h": ("H",)}

MinRNNCache = namedtuple("MinRNNCache", "kind xs params gates h_tilde a hs h0")


def _recurrence_inputs(a, b, h0):
    """a and b (B, T, H), a a gate in [0, 1]; h0 (B, H), zeros when None."""
    shapes = Shapes()
    a = check_unit_interval("a", shapes.check("a", a, ("B", "T", "H")))
    b = shapes.check("b", b, ("B", "T", "H"))
    h0 = np.zeros((a.shape[0], a.shape[2])) if h0 is None else shapes.check("h0", h0, ("B", "H"))
    return a, b, h0


def linear_recurrence_loop(a, b, h0=None):
    """h_t = a_t * h_{t-1} + b_t, one step after another: T steps, each waiting for the last. Returns hs (B, T, H)."""
    a, b, h = _recurrence_inputs(a, b, h0)
    hs = np.empty_like(b)
    for t in range(a.shape[1]):
        h = a[:, t] * h + b[:, t]
        hs[:, t] = h
    return hs


def linear_recurrence_scan(a, b, h0=None):
    """The same hs by a parallel prefix scan (Hillis and Steele 1986): about log2(T) whole-array rounds, no loop over t.

    Two steps compose into one, (a1, b1) then (a2, b2) = (a2 * a1, a2 * b1 + b2). Round k composes each step with the
    block of 2**k steps before it. Only products of gates in [0, 1] are formed, never divided by, so nothing overflows.
    """
    a, b, h0 = _recurrence_inputs(a, b, h0)
    a, b = a.copy(), b.copy()
    b[:, 0] += a[:, 0] * h0
    shift = 1
    while shift < a.shape[1]:
        b[:, shift:] += a[:, shift:] * b[:, :-shift]  # the right side is read in full before b is written
        a[:, shift:] *= a[:, :-shift]
        shift *= 2
    return b


def linear_recurrence_log_scan(a, b, h0=None):
    """The same hs from the closed form h_t = A_t * (h_0 + sum_{s<=t} b_s / A_s), A_t = a_1 ... a_t, in log space.

    The cumulative product A_t underflows within a few hundred steps, so it is kept as log A_t = cumsum(log a) and the
    sum as a running log-sum-exp (Feng et al. 2024, their appendix, after Heinsen 2023). Logs need positive numbers:
    the positive and negative parts of b (and h_0) are summed apart and subtracted at the end. Needs a > 0.
    """
    a, b, h0 = _recurrence_inputs(a, b, h0)
    if (a == 0).any():
        raise ValueError("a: expected gates above 0 for the log-space scan (log 0 is -inf), got a 0; "
                         "linear_recurrence_scan takes gates of exactly 0")
    log_A = np.cumsum(np.log(a), axis=1)

    def part(sign):
        with np.errstate(divide="ignore"):  # log 0 = -inf is exact here: that part adds nothing
            terms = np.concatenate([np.log(np.maximum(sign * h0, 0))[:, None], np.log(np.maximum(sign * b, 0)) - log_A],
                                   axis=1)
        return np.exp(np.logaddexp.accumulate(terms, axis=1)[:, 1:] + log_A)

    return part(1.0) - part(-1.0)


def linear_recurrence_backward(dhs, a, hs, h0=None):
    """Gradients of a loss through h_t = a_t * h_{t-1} + b_t, given dL/dhs: (da, db, dh0).

    The gradient reaching h_t obeys a reversed recurrence of the same form, delta_t = dhs_t + a_{t+1} * delta_{t+1},
    so the scan computes it too. Then db_t = delta_t, da_t = delta_t * h_{t-1} and dh0 = a_1 * delta_1.
    """
    a, _, h0 = _recurrence_inputs(a, np.zeros(np.shape(a)), h0)
    hs = Shapes().check("hs", hs, a.shape)
    dhs = Shapes().check("dhs", dhs, a.shape)
    a_next = np.concatenate([a[:, 1:], np.zeros_like(a[:, :1])], axis=1)
    delta = linear_recurrence_scan(a_next[:, ::-1], dhs[:, ::-1])[:, ::-1]
    h_prev = np.concatenate([h0[:, None], hs[:, :-1]], axis=1)
    return delta * h_prev, delta, a[:, 0] * delta[:, 0]


def _init(rng, specs, input_size, hidden_size):
    input_size, hidden_size = as_count("input_size", input_size), as_count("hidden_size", hidden_size)
    bound = 1.0 / np.sqrt(hidden_size)
    rows = {"D": input_size, "H": hidden_size}
    return {name: rng.uniform(-bound, bound, size=[rows[d] for d in spec]) for name, spec in specs.items()}


def init_min_gru_params(rng, input_size, hidden_size):
    """Weights and biases drawn uniformly from +-1/sqrt(H), as for the course's other cells."""
    return _init(rng, MIN_GRU_PARAMS, input_size, hidden_size)


def init_min_lstm_params(rng, input_size, hidden_size):
    """Weights and biases drawn uniformly from +-1/sqrt(H), as for the course's other cells."""
    return _init(rng, MIN_LSTM_PARAMS, input_size, hidden_size)


def _forward(kind, xs, params, h0, specs, scan):
    shapes = Shapes()
    xs = shapes.check("xs", xs, ("B", "T", "D"))
    p = check_params(shapes, params, specs)
    h0 = np.zeros((xs.shape[0], p["b_h"].shape[0])) if h0 is None else shapes.check("h0", h0, ("B", "H"))
    h_tilde = xs @ p["W_h"] + p["b_h"]  # every step's candidate at once: none of them reads h
    if kind == "minGRU":
        z = sigmoid(xs @ p["W_z"] + p["b_z"])
        gates, a, b = (z,), 1 - z, z * h_tilde
    else:
        f, i = sigmoid(xs @ p["W_f"] + p["b_f"]), sigmoid(xs @ p["W_i"] + p["b_i"])
        gates, a, b = (f, i), f / (f + i), i / (f + i) * h_tilde
    hs = (linear_recurrence_scan if scan else linear_recurrence_loop)(a, b, h0)
    return hs, MinRNNCache(kind, xs, p, gates, h_tilde, a, hs, h0)


def min_gru_forward(xs, params, h0=None, scan=True):
    """minGRU over xs (B, T, D) from h0 (zeros if None): hs (B, T, H) and the cache for min_gru_backward.

    scan=False runs the loop instead: the same numbers, one step at a time.
    """
    return _forward("minGRU", xs, params, h0, MIN_GRU_PARAMS, scan)


def min_lstm_forward(xs, params, h0=None, scan=True):
    """minLSTM over xs (B, T, D) from h0 (zeros if None): hs (B, T, H) and the cache for min_lstm_backward."""
    return _forward("minLSTM", xs, params, h0, MIN_LSTM_PARAMS, scan)


def _backward(kind, dhs, cache):
    if not isinstance(cache, MinRNNCache) or cache.kind != kind:
        got = cache.kind if isinstance(cache, MinRNNCache) else type(cache).__name__
        raise ValueError(f"cache: expected the MinRNNCache of a {kind} forward pass, got {got}")
    c, p = cache, cache.params
    da, db, dh0 = linear_recurrence_backward(dhs, c.a, c.hs, c.h0)
    if kind == "minGRU":
        (z,) = c.gates
        dh_tilde = db * z
        pre = {"z": (-da + db * c.h_tilde) * z * (1 - z)}  # a = 1 - z, b = z * h_tilde
    else:
        f, i = c.gates
        total = f + i
        dI = db * c.h_tilde  # dL/d(i / (f + i)); a = f / (f + i) = 1 - i / (f + i)
        dh_tilde = db * i / total
        pre = {"f": (da - dI) * i / total ** 2 * f * (1 - f), "i": (dI - da) * f / total ** 2 * i * (1 - i)}
    pre["h"] = dh_tilde
    flat_x = c.xs.reshape(-1, c.xs.shape[2])
    grads, dxs = {}, 0.0
    for gate, d_pre in pre.items():
        flat = d_pre.reshape(-1, d_pre.shape[2])
        grads[f"W_{gate}"], grads[f"b_{gate}"] = flat_x.T @ flat, flat.sum(axis=0)
        dxs = dxs + d_pre @ p[f"W_{gate}"].T
    return dxs, dh0, grads


def min_gru_backward(dhs, cache):
    """Given dL/dhs (B, T, H), return (dxs, dh0, grads of W_z, b_z, W_h, b_h): no backpropagation step by step."""
    return _backward("minGRU", dhs, cache)


def min_lstm_backward(dhs, cache):
    """Given dL/dhs (B, T, H), return (dxs, dh0, grads of W_f, b_f, W_i, b_i, W_h, b_h)."""
    return _backward("minLSTM", dhs, cache)
