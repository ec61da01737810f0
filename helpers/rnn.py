"""The plain RNN, which overwrites its state, and the gated RNN of notebook 02, which blends it with a candidate."""

from collections import namedtuple

import numpy as np

from .activations import tanh, tanh_grad
from .gate import gate_backward, gate_forward
from .linear import linear_backward, linear_forward
from .sequence import sequence_backward, sequence_forward
from .validate import Shapes, check_params

RNN_PARAMS = {"W_s": ("H+D", "H"), "b_s": ("H",)}
GATED_RNN_PARAMS = {"W_g": ("H+D", "H"), "b_g": ("H",), **RNN_PARAMS}

GatedStepCache = namedtuple("GatedStepCache", "s_prev g_t s_tilde gate_cache candidate_cache")


def _check_step(x_t, s_prev, params, specs):
    shapes = Shapes()
    x_t = shapes.check("x_t", x_t, ("B", "D"))
    s_prev = shapes.check("s_prev", s_prev, ("B", "H"))
    return x_t, s_prev, check_params(shapes, params, specs)


def init_rnn_params(rng, input_size, hidden_size, gated=True, gate_bias=0.0):
    """Weights drawn uniformly from +-1/sqrt(H), as PyTorch does; the gate bias starts at `gate_bias`."""
    bound = 1.0 / np.sqrt(hidden_size)
    specs = GATED_RNN_PARAMS if gated else RNN_PARAMS
    rows = {"H+D": hidden_size + input_size, "H": hidden_size}
    params = {name: rng.uniform(-bound, bound, size=[rows[d] for d in spec]) for name, spec in specs.items()}
    if gated:
        params["b_g"] = np.full(hidden_size, float(gate_bias))
    return params


def rnn_step_forward(x_t, s_prev, params):
    """Plain RNN: s_t = tanh(concat(s_prev, x_t) @ W_s + b_s). Every coordinate is rewritten every step."""
    x_t, s_prev, p = _check_step(x_t, s_prev, params, RNN_PARAMS)
    z, linear_cache = linear_forward((s_prev, x_t), p["W_s"], p["b_s"])
    return tanh(z), (z, linear_cache)


def rnn_step_backward(ds_t, cache):
    """Given dLoss/ds_t, return (dx_t, ds_prev, {"W_s": ..., "b_s": ...})."""
    z, linear_cache = cache
    ds_t = Shapes().check("ds_t", ds_t, z.shape)
    (ds_prev, dx_t), dW_s, db_s = linear_backward(ds_t * tanh_grad(z), linear_cache)
    return dx_t, ds_prev, {"W_s": dW_s, "b_s": db_s}


def gated_rnn_step_forward(x_t, s_prev, params):
    """Gated RNN: s_t = (1 - g_t) * s_prev + g_t * s_tilde, where g_t is a gate and s_tilde the plain RNN step."""
    x_t, s_prev, p = _check_step(x_t, s_prev, params, GATED_RNN_PARAMS)
    g_t, gate_cache = gate_forward((s_prev, x_t), p["W_g"], p["b_g"])
    s_tilde, candidate_cache = rnn_step_forward(x_t, s_prev, p)
    s_t = (1 - g_t) * s_prev + g_t * s_tilde
    return s_t, GatedStepCache(s_prev, g_t, s_tilde, gate_cache, candidate_cache)


def gated_rnn_step_backward(ds_t, cache):
    """Given dLoss/ds_t, return (dx_t, ds_prev, grads of W_g, b_g, W_s, b_s)."""
    if not isinstance(cache, GatedStepCache):
        raise ValueError(f"cache: expected the GatedStepCache from gated_rnn_step_forward, got {type(cache).__name__}")
    ds_t = Shapes().check("ds_t", ds_t, cache.s_prev.shape)
    (ds_prev_via_g, dx_via_g), dW_g, db_g = gate_backward(ds_t * (cache.s_tilde - cache.s_prev), cache.gate_cache)
    dx_via_s, ds_prev_via_s, candidate_grads = rnn_step_backward(ds_t * cache.g_t, cache.candidate_cache)
    # (1 - g_t) * ds_t is the direct path: where the gate keeps, the gradient passes back untouched.
    ds_prev = (1 - cache.g_t) * ds_t + ds_prev_via_g + ds_prev_via_s
    return dx_via_g + dx_via_s, ds_prev, {"W_g": dW_g, "b_g": db_g, **candidate_grads}


def rnn_forward(xs, s0, params):
    """The plain RNN over xs (B, T, D): states (B, T, H) and the caches for rnn_backward."""
    return sequence_forward(rnn_step_forward, xs, s0, params)


def rnn_backward(dstates, caches):
    """Backpropagation through time for the plain RNN: (dxs, ds0, grads)."""
    return sequence_backward(rnn_step_backward, dstates, caches)


def gated_rnn_forward(xs, s0, params):
    """The gated RNN over xs (B, T, D): states (B, T, H) and the caches (each holds its g_t) for gated_rnn_backward."""
    return sequence_forward(gated_rnn_step_forward, xs, s0, params)


def gated_rnn_backward(dstates, caches):
    """Backpropagation through time for the gated RNN: (dxs, ds0, grads)."""
    return sequence_backward(gated_rnn_step_backward, dstates, caches)
