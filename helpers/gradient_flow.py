"""How far a gradient travels back in time: the one-step Jacobians ds_t/ds_{t-1}, and ||dL/ds_k|| for every step k.

A Jacobian here is (B, H, H) with J[b, i, j] = ds_t[b, i] / ds_{t-1}[b, j], so that with row vectors one step of the
backward pass is dL/ds_{t-1} = dL/ds_t @ J_t, and T - k steps multiply T - k Jacobians. Each cell's Jacobian is a sum
of named terms, one per path from the old state to the new; "direct" is the path that only scales the old state by a
gate. The paths are written once, below, for arrays with any leading axes, so that helpers.bptt can send a gradient
back through them for many runs at once without building a matrix.
"""

import numpy as np

from .gru import gru_step_forward
from .lstm import lstm_step_forward
from .rnn import gated_rnn_step_forward, rnn_step_forward
from .validate import as_real_array


def _diag(v):
    """diag(v) for every row v (..., H): (..., H, H)."""
    return v[..., :, None] * np.eye(v.shape[-1])


def _rows(W, H):
    """The first H rows of W (..., H + D, H): the rows that read s_{t-1} in [s_{t-1}, x_t] @ W."""
    return W[..., :H, :]


# A path from s_{t-1} to s_t is a chain of factors (v, W_rows), each the matrix diag(v) @ W_rows.T (a layer that
# reads the state through W_rows, times its slope), or diag(v) when W_rows is None. The path's Jacobian is the product
# of its factors; a gradient goes back through it factor by factor, ds -> (ds * v) @ W_rows.T, with no matrix built.


def _path_matrix(path):
    """The (..., H, H) Jacobian of one path: the product of its factors."""
    matrix = None
    for v, W_rows in path:
        factor = _diag(v) if W_rows is None else v[..., :, None] * np.swapaxes(W_rows, -1, -2)
        matrix = factor if matrix is None else matrix @ factor
    return matrix


def _path_back(ds, path):
    """ds @ (the path's Jacobian), one factor at a time; ds may carry extra leading axes."""
    for v, W_rows in path:
        ds = ds * v
        if W_rows is not None:
            ds = ds @ np.swapaxes(W_rows, -1, -2)
    return ds


def _plain_paths(s_t, W_s):
    return {"candidate": ((1 - s_t ** 2, _rows(W_s, s_t.shape[-1])),)}


def _gated_paths(g_t, s_tilde, s_prev, W_g, W_s):
    H = g_t.shape[-1]
    return {"direct": ((1 - g_t, None),),
            "candidate": ((g_t * (1 - s_tilde ** 2), _rows(W_s, H)),),
            "gate": (((s_tilde - s_prev) * g_t * (1 - g_t), _rows(W_g, H)),)}


def _lstm_paths(i_t, f_t, c_tilde, o_t, c_prev, c_t, W):
    """The paths into c_t (from c_{t-1}: "direct"; from h_{t-1}: the rest) and h_t's own "output" path."""
    H = f_t.shape[-1]
    W_i, W_f, W_c, W_o = (W[..., :H, k * H:(k + 1) * H] for k in range(4))  # the rows that read h_{t-1}
    return {"direct": ((f_t, None),),
            "forget": ((c_prev * f_t * (1 - f_t), W_f),),
            "input": ((c_tilde * i_t * (1 - i_t), W_i),),
            "candidate": ((i_t * (1 - c_tilde ** 2), W_c),),
            "output": ((np.tanh(c_t) * o_t * (1 - o_t), W_o),)}


_INTO_C_FROM_H = ("forget", "input", "candidate")


def _lstm_shown(o_t, c_t):
    """dh_t/dc_t, a diagonal: h_t = o_t * tanh(c_t)."""
    return o_t * (1 - np.tanh(c_t) ** 2)


def _lstm_blocks(paths, shown):
    """The (..., 2H, 2H) Jacobian of (h_t, c_t) by (h_{t-1}, c_{t-1}), from the paths of _lstm_paths."""
    H = shown.shape[-1]
    J = np.empty(shown.shape[:-1] + (2 * H, 2 * H))
    dc_dh = sum(_path_matrix(paths[name]) for name in _INTO_C_FROM_H)
    dc_dc = _path_matrix(paths["direct"])
    J[..., H:, :H], J[..., H:, H:] = dc_dh, dc_dc
    J[..., :H, :H] = _path_matrix(paths["output"]) + shown[..., :, None] * dc_dh
    J[..., :H, H:] = shown[..., :, None] * dc_dc
    return J


def _lstm_back(ds, paths, shown):
    """[dL/dh_{t-1}, dL/dc_{t-1}] from ds = [dL/dh_t, dL/dc_t] (..., 2H), path by path: ds @ _lstm_blocks(...)."""
    H = shown.shape[-1]
    dh, dc = ds[..., :H], ds[..., H:] + ds[..., :H] * shown  # c_t reaches the loss through h_t as well
    dh_prev = _path_back(dh, paths["output"]) + sum(_path_back(dc, paths[name]) for name in _INTO_C_FROM_H)
    return np.concatenate([dh_prev, _path_back(dc, paths["direct"])], axis=-1)


def _gru_paths(reset, h_prev, z_t, r_t, h_tilde, hidden_part, W_z, W_r, W_h):
    H = z_t.shape[-1]
    W_zh, W_rh, W_hh = _rows(W_z, H), _rows(W_r, H), _rows(W_h, H)
    written = (1 - z_t) * (1 - h_tilde ** 2)  # how much a change of the candidate's pre-activation reaches h_t
    paths = {"direct": ((z_t, None),), "update": (((h_prev - h_tilde) * z_t * (1 - z_t), W_zh),)}
    if reset == "after":  # h_tilde = tanh(x_t @ W_hx + b_h + r_t * (h_prev @ W_hh + b_hh))
        paths["candidate"] = ((written * r_t, W_hh),)
        paths["reset"] = ((written * hidden_part * r_t * (1 - r_t), W_rh),)
    else:  # h_tilde = tanh(concat(r_t * h_prev, x_t) @ W_h + b_h): r_t acts before W_hh
        paths["candidate"] = ((written, W_hh), (r_t, None))
        paths["reset"] = ((written, W_hh), (h_prev * r_t * (1 - r_t), W_rh))
    return paths


def _matrices(paths):
    return {name: _path_matrix(path) for name, path in paths.items()}


def rnn_jacobian(x_t, s_prev, params):
    """ds_t/ds_{t-1} of the plain RNN: diag(1 - s_t**2) @ W_s[:H].T, the tanh's slope times the rows reading s_prev."""
    s_t, _ = rnn_step_forward(x_t, s_prev, params)
    return _path_matrix(_plain_paths(s_t, as_real_array("W_s", params["W_s"]))["candidate"])


def gated_rnn_jacobian_terms(x_t, s_prev, params):
    """The gated RNN's three paths from s_{t-1} to s_t, each (B, H, H); their sum is ds_t/ds_{t-1}.

    "direct": diag(1 - g_t), the state kept; "candidate": diag(g_t) @ (the plain RNN's Jacobian); "gate":
    diag((s_tilde - s_{t-1}) * g_t * (1 - g_t)) @ W_g[:H].T, a change of s_{t-1} moving the gate.
    """
    _, cache = gated_rnn_step_forward(x_t, s_prev, params)
    W_g, W_s = (as_real_array(name, params[name]) for name in ("W_g", "W_s"))
    return _matrices(_gated_paths(cache.g_t, cache.s_tilde, cache.s_prev, W_g, W_s))


def gated_rnn_jacobian(x_t, s_prev, params):
    """ds_t/ds_{t-1} of the gated RNN: the sum of its three paths (see gated_rnn_jacobian_terms)."""
    return sum(gated_rnn_jacobian_terms(x_t, s_prev, params).values())


def _lstm_step_paths(x_t, state, params):
    _, cache = lstm_step_forward(x_t, state, params)
    W = as_real_array("W", params["W"])
    paths = _lstm_paths(cache.i_t, cache.f_t, cache.c_tilde, cache.o_t, cache.c_prev, cache.c_t, W)
    return paths, _lstm_shown(cache.o_t, cache.c_t)


def lstm_jacobian_terms(x_t, state, params):
    """The LSTM's paths from (h_{t-1}, c_{t-1}) to c_t, and the output gate's to h_t, each (B, H, H).

    "direct": dc_t/dc_{t-1} = diag(f_t), the whole of it, since no gate reads c_{t-1}. The gates read h_{t-1}, and
    dc_t/dh_{t-1} is the sum of "forget" (diag(c_{t-1} f_t (1 - f_t)) W_f[:H].T), "input"
    (diag(c_tilde i_t (1 - i_t)) W_i[:H].T) and "candidate" (diag(i_t (1 - c_tilde**2)) W_c[:H].T). "output",
    diag(tanh(c_t) o_t (1 - o_t)) W_o[:H].T, is the path from h_{t-1} to h_t = o_t * tanh(c_t) that skips c_t.
    """
    return _matrices(_lstm_step_paths(x_t, state, params)[0])


def lstm_jacobian(x_t, state, params):
    """d(h_t, c_t)/d(h_{t-1}, c_{t-1}) of the LSTM, (B, 2H, 2H): the state (h, c) as one row [h, c] of 2H numbers.

    Its blocks are [[dh_t/dh_{t-1}, dh_t/dc_{t-1}], [dc_t/dh_{t-1}, dc_t/dc_{t-1}]], built from lstm_jacobian_terms
    and dh_t/dc_t = diag(o_t (1 - tanh(c_t)**2)).
    """
    return _lstm_blocks(*_lstm_step_paths(x_t, state, params))


def gru_jacobian_terms(x_t, h_prev, params, reset="after"):
    """The GRU's four paths from h_{t-1} to h_t = z_t * h_{t-1} + (1 - z_t) * h_tilde, each (B, H, H).

    "direct": diag(z_t), the state kept; "update": through z_t; "candidate": through h_tilde's own use of h_{t-1};
    "reset": through r_t, inside the candidate. Either placement of the reset gate (see helpers.gru).
    """
    _, cache = gru_step_forward(x_t, h_prev, params, reset)
    weights = (as_real_array(name, params[name]) for name in ("W_z", "W_r", "W_h"))
    return _matrices(_gru_paths(cache.reset, cache.h_prev, cache.z_t, cache.r_t, cache.h_tilde, cache.hidden_part,
                                *weights))


def gru_jacobian(x_t, h_prev, params, reset="after"):
    """dh_t/dh_{t-1} of the GRU: the sum of its four paths (see gru_jacobian_terms)."""
    return sum(gru_jacobian_terms(x_t, h_prev, params, reset).values())


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
