"""The LSTM cell: four gate layers stacked in one matrix, a cell state c that is only scaled and added to, and h.

The stacked weights W (H + D, 4H) and bias b (4H,) hold the blocks in PyTorch's order i, f, g, o, so that
W[:, H:2H] is W_f. PyTorch calls the candidate's block "g"; the course names its weights W_c, b_c (for the cell
c), since W_g is the gated RNN's sigmoid gate. Each block is used by its own small function below; notebooks 03-05
call those same functions.
"""

from collections import namedtuple

import numpy as np

from .activations import tanh, tanh_grad
from .gate import gate_backward, gate_forward
from .rnn import rnn_step_backward, rnn_step_forward
from .sequence import sequence_backward, sequence_forward
from .validate import Shapes, as_count, as_gate_values, as_real_array, check_params

GATE_ORDER = ("i", "f", "g", "o")  # PyTorch's names for the blocks; "g" is the candidate, W_c and b_c

LSTMStepCache = namedtuple("LSTMStepCache", "c_prev i_t f_t c_tilde o_t c_t i_cache f_cache c_tilde_cache o_cache")


def gate_blocks(W, b):
    """The four (W_k, b_k) blocks of the stacked parameters, in the order i, f, g, o."""
    shapes = Shapes()
    b = shapes.check("b", b, ("4H",))
    if b.shape[0] % 4:
        raise ValueError(f"b: expected a length that is a multiple of 4 (4H), got shape {b.shape}")
    H = b.shape[0] // 4
    W = shapes.check("W", W, ("H+D", "4H"))
    return [(W[:, k * H:(k + 1) * H], b[k * H:(k + 1) * H]) for k in range(4)]


def _layer_args(h_prev, x_t, W, b, W_name, b_name):
    """Check one block's arguments under the names the learner sees: h_prev (B, H), x_t (B, D), W (H + D, H), b (H,)."""
    shapes = Shapes()
    h_prev = shapes.check("h_prev", h_prev, ("B", "H"))
    x_t = shapes.check("x_t", x_t, ("B", "D"))
    return h_prev, x_t, shapes.check(W_name, W, ("H+D", "H")), shapes.check(b_name, b, ("H",))


def forget_gate(h_prev, x_t, W_f, b_f):
    """f_t = sigmoid([h_prev, x_t] @ W_f + b_f), the fraction of each coordinate of c_prev kept; returns (f_t, cache)."""
    h_prev, x_t, W_f, b_f = _layer_args(h_prev, x_t, W_f, b_f, "W_f", "b_f")
    return gate_forward((h_prev, x_t), W_f, b_f)


def input_gate(h_prev, x_t, W_i, b_i):
    """i_t = sigmoid([h_prev, x_t] @ W_i + b_i), the fraction of the candidate written; returns (i_t, cache)."""
    h_prev, x_t, W_i, b_i = _layer_args(h_prev, x_t, W_i, b_i, "W_i", "b_i")
    return gate_forward((h_prev, x_t), W_i, b_i)


def output_gate(h_prev, x_t, W_o, b_o):
    """o_t = sigmoid([h_prev, x_t] @ W_o + b_o), the fraction of tanh(c_t) shown as h_t; returns (o_t, cache)."""
    h_prev, x_t, W_o, b_o = _layer_args(h_prev, x_t, W_o, b_o, "W_o", "b_o")
    return gate_forward((h_prev, x_t), W_o, b_o)


def candidate(h_prev, x_t, W_c, b_c):
    """c_tilde = tanh([h_prev, x_t] @ W_c + b_c), the proposed new memory; returns (c_tilde, cache).

    PyTorch calls this block "g"; the course writes W_c, b_c, for the cell c it writes to.
    """
    h_prev, x_t, W_c, b_c = _layer_args(h_prev, x_t, W_c, b_c, "W_c", "b_c")
    # The candidate is exactly notebook 02's plain RNN step, reading h_prev.
    return rnn_step_forward(x_t, h_prev, {"W_s": W_c, "b_s": b_c})


def cell_update(c_prev, f_t, i_t, c_tilde):
    """c_t = f_t * c_prev + i_t * c_tilde: keep a fraction of the old memory, add a fraction of the candidate."""
    shapes = Shapes()
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))
    f_t = as_gate_values("f_t", shapes.check("f_t", f_t, ("B", "H")))
    i_t = as_gate_values("i_t", shapes.check("i_t", i_t, ("B", "H")))
    c_tilde = shapes.check("c_tilde", c_tilde, ("B", "H"))
    return f_t * c_prev + i_t * c_tilde


def hidden_state(o_t, c_t):
    """h_t = o_t * tanh(c_t): what the cell shows of its memory."""
    shapes = Shapes()
    o_t = as_gate_values("o_t", shapes.check("o_t", o_t, ("B", "H")))
    c_t = shapes.check("c_t", c_t, ("B", "H"))
    return o_t * tanh(c_t)


def init_lstm_params(rng, input_size, hidden_size, forget_bias=1.0):
    """W and b drawn uniformly from +-1/sqrt(H), as PyTorch does, with the forget block of b set to `forget_bias`.

    Jozefowicz et al. (2015) found that a forget bias of 1 makes the LSTM remember by default and learn better.
    """
    input_size, hidden_size = as_count("input_size", input_size), as_count("hidden_size", hidden_size)
    forget_bias = float(as_real_array("forget_bias", forget_bias))
    bound = 1.0 / np.sqrt(hidden_size)
    W = rng.uniform(-bound, bound, size=(hidden_size + input_size, 4 * hidden_size))
    b = rng.uniform(-bound, bound, size=4 * hidden_size)
    b[hidden_size:2 * hidden_size] = forget_bias
    return {"W": W, "b": b}


def _check_step(x_t, state, params):
    if not isinstance(state, tuple) or len(state) != 2:
        raise ValueError(f"state: expected a pair (h_prev, c_prev), got {type(state).__name__}")
    shapes = Shapes()
    x_t = shapes.check("x_t", x_t, ("B", "D"))
    h_prev = shapes.check("h_prev", state[0], ("B", "H"))
    c_prev = shapes.check("c_prev", state[1], ("B", "H"))
    four_h = 4 * h_prev.shape[1]
    return x_t, h_prev, c_prev, check_params(shapes, params, {"W": ("H+D", four_h), "b": (four_h,)})


def lstm_step_forward(x_t, state, params):
    """One LSTM step from state (h_prev, c_prev): returns ((h_t, c_t), cache)."""
    x_t, h_prev, c_prev, p = _check_step(x_t, state, params)
    (W_i, b_i), (W_f, b_f), (W_c, b_c), (W_o, b_o) = gate_blocks(p["W"], p["b"])
    i_t, i_cache = input_gate(h_prev, x_t, W_i, b_i)
    f_t, f_cache = forget_gate(h_prev, x_t, W_f, b_f)
    c_tilde, c_tilde_cache = candidate(h_prev, x_t, W_c, b_c)
    o_t, o_cache = output_gate(h_prev, x_t, W_o, b_o)
    c_t = cell_update(c_prev, f_t, i_t, c_tilde)
    h_t = hidden_state(o_t, c_t)
    return (h_t, c_t), LSTMStepCache(c_prev, i_t, f_t, c_tilde, o_t, c_t, i_cache, f_cache, c_tilde_cache, o_cache)


def lstm_step_backward(dstate, cache):
    """Given (dLoss/dh_t, dLoss/dc_t), return (dx_t, (dh_prev, dc_prev), {"W": dW, "b": db})."""
    if not isinstance(cache, LSTMStepCache):
        raise ValueError(f"cache: expected the LSTMStepCache from lstm_step_forward, got {type(cache).__name__}")
    if not isinstance(dstate, tuple) or len(dstate) != 2:
        raise ValueError(f"dstate: expected a pair (dh_t, dc_t), got {type(dstate).__name__}")
    dh_t = Shapes().check("dh_t", dstate[0], cache.c_t.shape)
    dc_t = Shapes().check("dc_t", dstate[1], cache.c_t.shape)
    tanh_c = tanh(cache.c_t)
    do_t = dh_t * tanh_c
    # c_t reaches the loss directly and through h_t = o_t * tanh(c_t).
    dc_t = dc_t + dh_t * cache.o_t * tanh_grad(cache.c_t)
    di_t, df_t, dc_tilde = dc_t * cache.c_tilde, dc_t * cache.c_prev, dc_t * cache.i_t
    # f_t * dc_t is the memory's own path back in time: where the forget gate is 1, the gradient passes untouched.
    dc_prev = dc_t * cache.f_t
    (dh_i, dx_i), dW_i, db_i = gate_backward(di_t, cache.i_cache)
    (dh_f, dx_f), dW_f, db_f = gate_backward(df_t, cache.f_cache)
    dx_c, dh_c, c_grads = rnn_step_backward(dc_tilde, cache.c_tilde_cache)
    (dh_o, dx_o), dW_o, db_o = gate_backward(do_t, cache.o_cache)
    grads = {"W": np.concatenate([dW_i, dW_f, c_grads["W_s"], dW_o], axis=1),
             "b": np.concatenate([db_i, db_f, c_grads["b_s"], db_o])}
    return dx_i + dx_f + dx_c + dx_o, (dh_i + dh_f + dh_c + dh_o, dc_prev), grads


def lstm_forward(xs, h0, c0, params):
    """The LSTM over xs (B, T, D) from (h0, c0): hidden states hs (B, T, H), cell states cs (B, T, H) and caches."""
    shapes = Shapes()
    shapes.check("xs", xs, ("B", "T", "D"))
    h0 = shapes.check("h0", h0, ("B", "H"))
    c0 = shapes.check("c0", c0, ("B", "H"))
    (hs, cs), caches = sequence_forward(lstm_step_forward, xs, (h0, c0), params)
    return hs, cs, caches


def lstm_gate_values(caches):
    """The gates and candidate of a forward pass over time: {"i", "f", "g", "o"}, each (B, T, H).

    The keys are PyTorch's block names, so "g" holds the candidate c_tilde.
    """
    if not isinstance(caches, list) or not caches or not all(isinstance(c, LSTMStepCache) for c in caches):
        raise ValueError(f"caches: expected the non-empty list of LSTMStepCache from lstm_forward, "
                         f"got {type(caches).__name__}")
    fields = {"i": "i_t", "f": "f_t", "g": "c_tilde", "o": "o_t"}
    return {name: np.stack([getattr(c, field) for c in caches], axis=1) for name, field in fields.items()}


def lstm_backward(dhs, caches, dc_last=None):
    """Backpropagation through time: given dLoss/dhs (B, T, H) and dLoss/dc_T, return dxs, dh0, dc0 and grads."""
    if not isinstance(caches, list) or not caches:
        raise ValueError(f"caches: expected the non-empty list lstm_forward returned, got {type(caches).__name__}")
    shapes = Shapes(T=len(caches))
    dhs = shapes.check("dhs", dhs, ("B", "T", "H"))
    dcs = np.zeros_like(dhs)
    if dc_last is not None:
        dcs[:, -1] = shapes.check("dc_last", dc_last, ("B", "H"))
    dxs, (dh0, dc0), grads = sequence_backward(lstm_step_backward, (dhs, dcs), caches)
    return dxs, dh0, dc0, grads
