"""xLSTM's exponential gating (Beck et al. 2024), the memory of its sLSTM cell, naive and stabilised.

  c_t = f_t * c_{t-1} + i_t * z_t,   n_t = f_t * n_{t-1} + i_t,   h_t = o_t * c_t / n_t
  i_t = exp(i_tilde_t),  f_t = exp(f_tilde_t) or sigmoid(f_tilde_t),  o_t = sigmoid(o_tilde_t)
The normaliser n_t sums the same gates as c_t, so h_t is a weighted average of the candidates z_t, whatever their
scale. The gates themselves are unbounded and overflow; the stabiliser m_t = max(log f_t + m_{t-1}, log i_t) keeps
    i'_t = exp(log i_t - m_t),   f'_t = exp(log f_t + m_{t-1} - m_t)
in [0, 1]. c and n are then both divided by exp(m_t), which their ratio h_t does not see.
"""

from collections import namedtuple

import numpy as np

from .activations import sigmoid
from .validate import Shapes

FORGET_GATES = ("exp", "sigmoid")

ExpGateCache = namedtuple("ExpGateCache", "forget f_tilde z o i_gate f_gate c n")


def _log_forget(f_tilde, forget):
    if forget not in FORGET_GATES:
        raise ValueError(f"forget: expected 'exp' or 'sigmoid', got {forget!r}")
    # log sigmoid(x) = -log(1 + exp(-x)), without overflow
    return f_tilde if forget == "exp" else -np.logaddexp(0.0, -f_tilde)


def exp_gate_memory(i_tilde, f_tilde, z, o_tilde, forget="exp", stabilise=True):
    """Run the memory over T steps from c_0 = n_0 = 0: h (B, T, H) and the cache for the backward pass.

    i_tilde, f_tilde and o_tilde are the gates' pre-activations and z the candidates, all (B, T, H). With
    stabilise=False the gates are exp(...) as written, and c and n overflow to inf once the exponents pass about 709
    (float64; about 88 in float32), which makes h = inf / inf = nan.
    """
    if not isinstance(stabilise, bool):
        raise ValueError(f"stabilise: expected True or False, got {stabilise!r}")
    shapes = Shapes()
    i_tilde = shapes.check("i_tilde", i_tilde, ("B", "T", "H"))
    f_tilde, z, o_tilde = (shapes.check(name, v, ("B", "T", "H"))
                           for name, v in (("f_tilde", f_tilde), ("z", z), ("o_tilde", o_tilde)))
    log_f = _log_forget(f_tilde, forget)
    o = sigmoid(o_tilde)
    B, T, H = i_tilde.shape
    i_gate, f_gate, c, n = (np.empty((B, T, H)) for _ in range(4))
    c_t, n_t = np.zeros((B, H)), np.zeros((B, H))
    # m_0 = -inf: the first stabiliser is the first input gate's exponent, so that n_t >= 1 at every step.
    m_t = np.full((B, H), -np.inf if stabilise else 0.0)
    with np.errstate(over="ignore", invalid="ignore"):  # the naive memory is allowed to overflow: that is the lesson
        for t in range(T):
            m_prev = m_t
            m_t = np.maximum(log_f[:, t] + m_prev, i_tilde[:, t]) if stabilise else m_prev
            i_gate[:, t] = np.exp(i_tilde[:, t] - m_t)
            f_gate[:, t] = np.exp(log_f[:, t] + m_prev - m_t)
            c_t = f_gate[:, t] * c_t + i_gate[:, t] * z[:, t]
            n_t = f_gate[:, t] * n_t + i_gate[:, t]
            c[:, t], n[:, t] = c_t, n_t
        h = o * c / n
    return h, ExpGateCache(forget, f_tilde, z, o, i_gate, f_gate, c, n)


def exp_gate_memory_backward(dh, cache):
    """Given dL/dh (B, T, H), the gradients {"i_tilde", "f_tilde", "z", "o_tilde"}.

    h does not depend on the stabiliser, so m_t is held fixed: the gradient through the scaled gates is exact.
    """
    if not isinstance(cache, ExpGateCache):
        raise ValueError(f"cache: expected the ExpGateCache from exp_gate_memory, got {type(cache).__name__}")
    k = cache
    dh = Shapes().check("dh", dh, k.c.shape)
    grads = {name: np.zeros_like(k.c) for name in ("i_tilde", "f_tilde", "z", "o_tilde")}
    grads["o_tilde"] = dh * k.c / k.n * k.o * (1 - k.o)
    dc_next, dn_next = np.zeros_like(k.c[:, 0]), np.zeros_like(k.c[:, 0])
    zero = np.zeros_like(dc_next)
    for t in reversed(range(k.c.shape[1])):
        dc = dh[:, t] * k.o[:, t] / k.n[:, t] + dc_next
        dn = -dh[:, t] * k.o[:, t] * k.c[:, t] / k.n[:, t] ** 2 + dn_next
        c_prev, n_prev = (k.c[:, t - 1], k.n[:, t - 1]) if t else (zero, zero)
        grads["z"][:, t] = dc * k.i_gate[:, t]
        grads["i_tilde"][:, t] = (dc * k.z[:, t] + dn) * k.i_gate[:, t]  # d exp(i_tilde - m) / d i_tilde = itself
        d_log_f = (dc * c_prev + dn * n_prev) * k.f_gate[:, t]
        grads["f_tilde"][:, t] = d_log_f if k.forget == "exp" else d_log_f * (1 - sigmoid(k.f_tilde[:, t]))
        dc_next, dn_next = dc * k.f_gate[:, t], dn * k.f_gate[:, t]
    return grads
