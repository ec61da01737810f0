"""The GRU: an update gate z that keeps the old state, a reset gate r that hides it from the candidate.

h_t = z_t * h_prev + (1 - z_t) * h_tilde (the course's convention: z = 1 keeps). Two placements of r:
  reset="before" (Cho et al. 2014, arXiv v3): h_tilde = tanh(concat(r_t * h_prev, x_t) @ W_h + b_h)
  reset="after"  (their arXiv v1; PyTorch, cuDNN, Keras default):
                  h_tilde = tanh(x_t @ W_hx + b_h + r_t * (h_prev @ W_hh + b_hh))
where W_hh = W_h[:H] and W_hx = W_h[H:] are the row blocks of W_h, and b_hh exists only in the "after" form.
"""

from collections import namedtuple
from functools import partial

import numpy as np

from .activations import tanh
from .gate import gate_backward, gate_forward
from .linear import linear_backward, linear_forward
from .sequence import sequence_backward, sequence_forward
from .validate import Shapes, check_params

GRU_PARAMS = {
    "before": {"W_z": ("H+D", "H"), "b_z": ("H",), "W_r": ("H+D", "H"), "b_r": ("H",),
               "W_h": ("H+D", "H"), "b_h": ("H",)},
}
GRU_PARAMS["after"] = {**GRU_PARAMS["before"], "b_hh": ("H",)}

GRUStepCache = namedtuple("GRUStepCache", "reset h_prev z_t r_t h_tilde hidden_part z_cache r_cache candidate_caches")


def _check_reset(reset):
    if reset not in GRU_PARAMS:
        raise ValueError(f"reset: expected 'before' or 'after', got {reset!r}")
    return reset


def init_gru_params(rng, input_size, hidden_size, reset="after"):
    """Weights and biases drawn uniformly from +-1/sqrt(H), as PyTorch does."""
    bound = 1.0 / np.sqrt(hidden_size)
    rows = {"H+D": hidden_size + input_size, "H": hidden_size}
    specs = GRU_PARAMS[_check_reset(reset)]
    return {name: rng.uniform(-bound, bound, size=[rows[d] for d in spec]) for name, spec in specs.items()}


def gru_step_forward(x_t, h_prev, params, reset="after"):
    """One GRU step: return h_t (B, H) and the cache for gru_step_backward."""
    shapes = Shapes()
    x_t = shapes.check("x_t", x_t, ("B", "D"))
    h_prev = shapes.check("h_prev", h_prev, ("B", "H"))
    p = check_params(shapes, params, GRU_PARAMS[_check_reset(reset)])
    z_t, z_cache = gate_forward((h_prev, x_t), p["W_z"], p["b_z"])
    r_t, r_cache = gate_forward((h_prev, x_t), p["W_r"], p["b_r"])
    H = h_prev.shape[1]
    if reset == "before":
        a, cache = linear_forward((r_t * h_prev, x_t), p["W_h"], p["b_h"])
        hidden_part, candidate_caches = None, (cache,)
    else:
        input_part, input_cache = linear_forward((x_t,), p["W_h"][H:], p["b_h"])
        hidden_part, hidden_cache = linear_forward((h_prev,), p["W_h"][:H], p["b_hh"])
        a, candidate_caches = input_part + r_t * hidden_part, (input_cache, hidden_cache)
    h_tilde = tanh(a)
    h_t = z_t * h_prev + (1 - z_t) * h_tilde
    return h_t, GRUStepCache(reset, h_prev, z_t, r_t, h_tilde, hidden_part, z_cache, r_cache, candidate_caches)


def gru_step_backward(dh_t, cache):
    """Given dLoss/dh_t, return (dx_t, dh_prev, grads) for either placement of the reset gate."""
    if not isinstance(cache, GRUStepCache):
        raise ValueError(f"cache: expected the GRUStepCache from gru_step_forward, got {type(cache).__name__}")
    c = cache
    dh_t = Shapes().check("dh_t", dh_t, c.h_prev.shape)
    # tanh'(a) = 1 - h_tilde**2, read off the candidate we already have.
    da = dh_t * (1 - c.z_t) * (1 - c.h_tilde ** 2)
    if c.reset == "before":
        (d_reset_h, dx_t), dW_h, db_h = linear_backward(da, c.candidate_caches[0])
        dr_t, dh_prev = d_reset_h * c.h_prev, d_reset_h * c.r_t
        grads = {"W_h": dW_h, "b_h": db_h}
    else:
        (dx_t,), dW_hx, db_h = linear_backward(da, c.candidate_caches[0])
        (dh_prev,), dW_hh, db_hh = linear_backward(da * c.r_t, c.candidate_caches[1])
        dr_t = da * c.hidden_part
        grads = {"W_h": np.concatenate([dW_hh, dW_hx]), "b_h": db_h, "b_hh": db_hh}
    (dh_via_z, dx_via_z), dW_z, db_z = gate_backward(dh_t * (c.h_prev - c.h_tilde), c.z_cache)
    (dh_via_r, dx_via_r), dW_r, db_r = gate_backward(dr_t, c.r_cache)
    # z_t * dh_t is the direct path: where the update gate keeps, the gradient passes back untouched.
    dh_prev = dh_prev + c.z_t * dh_t + dh_via_z + dh_via_r
    return dx_t + dx_via_z + dx_via_r, dh_prev, {"W_z": dW_z, "b_z": db_z, "W_r": dW_r, "b_r": db_r, **grads}


def gru_forward(xs, h0, params, reset="after"):
    """The GRU over xs (B, T, D): states (B, T, H) and the caches for gru_backward."""
    _check_reset(reset)
    return sequence_forward(partial(gru_step_forward, reset=reset), xs, h0, params)


def gru_backward(dstates, caches):
    """Backpropagation through time for the GRU (either placement): (dxs, dh0, grads)."""
    return sequence_backward(gru_step_backward, dstates, caches)
