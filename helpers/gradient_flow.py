"""How far a gradient travels back in time: the one-step Jacobians ds_t/ds_{t-1}, and ||dL/ds_k|| for every step k.

A Jacobian here is (B, H, H) with J[b, i, j] = ds_t[b, i] / ds_{t-1}[b, j], so that with row vectors one step of the
backward pass is dL/ds_{t-1} = dL/ds_t @ J_t, and T - k steps multiply T - k Jacobians.
"""

import numpy as np

from .rnn import gated_rnn_step_forward, rnn_step_forward
from .validate import as_real_array


def rnn_jacobian(x_t, s_prev, params):
    """ds_t/ds_{t-1} of the plain RNN: diag(1 - s_t**2) @ W_s[:H].T, the tanh's slope times the rows reading s_prev."""
    s_t, _ = rnn_step_forward(x_t, s_prev, params)
    W_s = as_real_array("W_s", params["W_s"])
    return (1 - s_t ** 2)[:, :, None] * W_s[:s_t.shape[1]].T


def gated_rnn_jacobian_terms(x_t, s_prev, params):
    """The gated RNN's three paths from s_{t-1} to s_t, each (B, H, H); their sum is ds_t/ds_{t-1}.

    "direct": diag(1 - g_t), the state kept; "candidate": diag(g_t) @ (the plain RNN's Jacobian); "gate":
    diag((s_tilde - s_{t-1}) * g_t * (1 - g_t)) @ W_g[:H].T, a change of s_{t-1} moving the gate.
    """
    _, cache = gated_rnn_step_forward(x_t, s_prev, params)
    g_t, s_tilde, s_prev = cache.g_t, cache.s_tilde, cache.s_prev
    H = g_t.shape[1]
    W_g = as_real_array("W_g", params["W_g"])
    return {"direct": (1 - g_t)[:, :, None] * np.eye(H),
            "candidate": g_t[:, :, None] * rnn_jacobian(x_t, s_prev, params),
            "gate": ((s_tilde - s_prev) * g_t * (1 - g_t))[:, :, None] * W_g[:H].T}


def gated_rnn_jacobian(x_t, s_prev, params):
    """ds_t/ds_{t-1} of the gated RNN: the sum of its three paths (see gated_rnn_jacobian_terms)."""
    return sum(gated_rnn_jacobian_terms(x_t, s_prev, params).values())


def _norm(state):
    """The length of a state's gradient; a tuple state (the LSTM's (h, c)) counts all its parts."""
    parts = state if isinstance(state, tuple) else (state,)
    return float(np.sqrt(sum(np.sum(np.square(part)) for part in parts)))


def gradient_norms(step_backward, caches, ds_last):
    """||dL/ds_k|| for each distance T - k = 0, 1, ..., T, when the loss reads only the last state: dL/ds_T = ds_last.

    `step_backward(ds_t, cache) -> (dx_t, ds_prev, grads)` is a cell's one-step backward (rnn_step_backward,
    gated_rnn_step_backward, ...) and `caches` the list its forward pass returned. Entry d of the result is the norm
    of the gradient d steps back; the norm runs over the whole batch.
    """
    if not callable(step_backward):
        raise ValueError(f"step_backward: expected a one-step backward function, got {type(step_backward).__name__}")
    if not isinstance(caches, list) or not caches:
        raise ValueError(f"caches: expected the non-empty list a forward pass returned, got {type(caches).__name__}")
    parts = ds_last if isinstance(ds_last, tuple) else (ds_last,)
    checked = tuple(as_real_array("ds_last", part) for part in parts)
    ds = checked if isinstance(ds_last, tuple) else checked[0]
    norms = [_norm(ds)]
    for distance, cache in enumerate(reversed(caches)):
        try:
            ds = step_backward(ds, cache)[1]
        except ValueError as error:
            if distance:
                raise
            raise ValueError(f"ds_last, caches: expected dL/ds_T shaped like the last state and the caches of "
                             f"{getattr(step_backward, '__name__', 'step_backward')}'s forward pass; the first "
                             f"step back said: {error}") from error
        norms.append(_norm(ds))
    return np.array(norms)
