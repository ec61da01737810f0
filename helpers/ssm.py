"""A selective state space model with one state per channel (Mamba's selective SSM with N = 1, Gu and Dao 2023).

Each channel d of x_t (B, D) has a scalar state. The step size reads the input, Delta_t = softplus(x_t @ W + b), and
the zero-order hold turns the continuous h' = A h + B x into the step
  h_t = A_bar_t * h_{t-1} + B_bar_t * x_t,   A_bar = exp(Delta A),   B_bar = (exp(Delta A) - 1) / A * B.
With A = -1 and B = 1, A_bar = 1 - sigmoid(x_t @ W + b) and B_bar = sigmoid(x_t @ W + b): notebook 02's gated RNN,
with the input itself as its candidate (their Theorem 1). The output map C and the skip D x are left out.
"""

from collections import namedtuple

import numpy as np

from .min_rnn import linear_recurrence_backward, linear_recurrence_scan
from .validate import Shapes, as_real_array, check_params

SSM_PARAMS = {"W": ("D", "D"), "b": ("D",), "A": ("D",), "B": ("D",)}

SSMCache = namedtuple("SSMCache", "xs params delta A_bar hs h0")


def softplus(z):
    """log(1 + exp(z)), computed without overflow: a smooth positive step size."""
    return np.logaddexp(0.0, as_real_array("z", z))[()]


def zero_order_hold(delta, A, B):
    """(A_bar, B_bar) = (exp(delta A), (exp(delta A) - 1) / A * B): the exact step of h' = A h + B x over delta."""
    delta, A, B = (as_real_array(name, v) for name, v in (("delta", delta), ("A", A), ("B", B)))
    if (delta < 0).any():
        raise ValueError(f"delta: expected step sizes >= 0, got {delta.min():g}")
    if (A >= 0).any():
        raise ValueError(f"A: expected negative numbers (a state that decays), got {A.max():g}")
    A_bar = np.exp(delta * A)
    return A_bar, (A_bar - 1) / A * B


def selective_ssm_forward(xs, params, h0=None):
    """The selective SSM over xs (B, T, D): states hs (B, T, D) and the cache for selective_ssm_backward."""
    shapes = Shapes()
    xs = shapes.check("xs", xs, ("B", "T", "D"))
    p = check_params(shapes, params, SSM_PARAMS)
    h0 = np.zeros((xs.shape[0], xs.shape[2])) if h0 is None else shapes.check("h0", h0, ("B", "D"))
    delta = softplus(xs @ p["W"] + p["b"])
    A_bar, B_bar = zero_order_hold(delta, p["A"], p["B"])
    hs = linear_recurrence_scan(A_bar, B_bar * xs, h0)
    return hs, SSMCache(xs, p, delta, A_bar, hs, h0)


def selective_ssm_backward(dhs, cache):
    """Given dL/dhs (B, T, D), return (dxs, dh0, grads of W, b, A, B)."""
    if not isinstance(cache, SSMCache):
        raise ValueError(f"cache: expected the SSMCache from selective_ssm_forward, got {type(cache).__name__}")
    c, p = cache, cache.params
    dA_bar, d_input, dh0 = linear_recurrence_backward(dhs, c.A_bar, c.hs, c.h0)
    A, B, x, u = p["A"], p["B"], c.xs, c.delta
    scale = (c.A_bar - 1) / A  # B_bar = scale * B, and d scale / d delta = A_bar
    d_delta = dA_bar * A * c.A_bar + d_input * x * B * c.A_bar
    d_z = d_delta * (1 - np.exp(-u))  # softplus'(z) = sigmoid(z) = 1 - exp(-softplus(z))
    flat_x, flat_z = x.reshape(-1, x.shape[2]), d_z.reshape(-1, x.shape[2])
    grads = {"W": flat_x.T @ flat_z, "b": flat_z.sum(axis=0),
             "A": (dA_bar * u * c.A_bar + d_input * x * B * (u * c.A_bar - scale) / A).sum(axis=(0, 1)),
             "B": (d_input * x * scale).sum(axis=(0, 1))}
    dxs = d_input * scale * B + d_z @ p["W"].T
    return dxs, dh0, grads

