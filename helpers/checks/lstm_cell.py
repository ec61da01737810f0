"""Checkers for notebook 06: a whole LSTM step, the loop over time, and the parameter count.

Its other two exercises are checked in .lstm_backward (one step back through the memory) and .pytorch_layout.
"""

import numpy as np

from ..activations import tanh
from ..lstm import lstm_forward, lstm_step_forward
from .feedback import check_function
from .lstm import UPDATE_MISTAKES, lstm_update
from .mistakes import Layer, layer_mistakes, variant_mistakes

# The four blocks of the stacked W and b, in PyTorch's order i, f, g, o; the text calls them W_i, W_f, W_c, W_o.
STEP_LAYERS = [Layer("i_t", "gate", "W_i", "b_i"), Layer("f_t", "gate", "W_f", "b_f"),
               Layer("c_tilde", "candidate", "W_c", "b_c"), Layer("o_t", "gate", "W_o", "b_o")]


def _step_cases(T=None):
    rng = np.random.default_rng(6 if T is None else 60)
    cases = []
    for batch in (1, 2):
        H, D = 3, 2
        x = rng.normal(size=(batch, D) if T is None else (batch, T, D))
        cases.append((x, rng.normal(size=(batch, H)), rng.normal(size=(batch, H)),
                      rng.normal(size=(H + D, 4 * H)), rng.normal(size=4 * H)))
    return cases


def _lstm_step(layer, x_t, h_prev, c_prev, W, b, order="ifgo", update=lstm_update, squash=tanh):
    """The stacked step, each block computed by `layer` (see .mistakes): the blocks of W in `order`, then c_t, h_t."""
    H = h_prev.shape[1]
    block = {name: (W[:, k * H:(k + 1) * H], b[k * H:(k + 1) * H]) for k, name in enumerate(order)}
    i_t = layer("i_t", h_prev, x_t, *block["i"])
    f_t = layer("f_t", h_prev, x_t, *block["f"])
    c_tilde = layer("c_tilde", h_prev, x_t, *block["g"])
    o_t = layer("o_t", h_prev, x_t, *block["o"])
    c_t = update(c_prev, f_t, i_t, c_tilde)
    return o_t * squash(c_t), c_t


def _step_reference(x_t, h_prev, c_prev, W, b):
    return lstm_step_forward(x_t, (h_prev, c_prev), {"W": W, "b": b})[0]


def _step_mistakes():
    """The wrong steps, each a function (x_t, h_prev, c_prev, W, b) -> (h_t, c_t), with its message."""
    return [
        *variant_mistakes(_lstm_step, STEP_LAYERS, [
            ({"order": "ifog"}, "you sliced the blocks as i, f, o, g: the order is i, f, g, o"),
            ({"order": "figo"}, "you sliced the blocks as f, i, g, o: the order is i, f, g, o"),
            ({"squash": lambda c: c}, "h_t needs tanh: h_t = o_t * tanh(c_t)"),
            *UPDATE_MISTAKES,
        ]),
        *layer_mistakes(_lstm_step, STEP_LAYERS),
    ]


def check_lstm_step(lstm_step):
    """Notebook 06: lstm_step(x_t, h_prev, c_prev, W, b) should return (h_t, c_t); W holds i, f, g, o."""
    mistakes = [*_step_mistakes(),
                (lambda *args: _step_reference(*args)[::-1], "you returned (c_t, h_t): return the pair as (h_t, c_t)")]
    return check_function("lstm_step", lstm_step, _step_cases(), _step_reference, mistakes)


def _run(step, xs, h0, c0, W, b, carry="hc", store="after", time_axis=1):
    """The loop over time with `step`; `carry` says which states flow on, `store` whether the state after or before
    each step is kept, `time_axis` where time goes in the stacked result."""
    h, c = h0, c0
    hs, cs = [], []
    for t in range(xs.shape[1]):
        h_t, c_t = step(xs[:, t], h, c, W, b)
        hs.append(h_t if store == "after" else h)
        cs.append(c_t if store == "after" else c)
        h, c = (h_t if "h" in carry else h0), (c_t if "c" in carry else c0)
    return np.stack(hs, axis=time_axis), np.stack(cs, axis=time_axis)


def check_lstm_forward_by_hand(lstm_forward_by_hand):
    """Notebook 06: lstm_forward_by_hand(xs, h0, c0, W, b) should return (hs, cs), each (B, T, H), h_1 to h_T."""
    def right(*args, **changes):
        return _run(_step_reference, *args, **changes)

    def with_h0(xs, h0, c0, W, b):
        hs, cs = right(xs, h0, c0, W, b)
        return np.concatenate([h0[:, None], hs], axis=1), np.concatenate([c0[:, None], cs], axis=1)

    mistakes = [
        (lambda *a: right(*a, carry=""), "every step started again from (h0, c0): pass each step's (h_t, c_t) on "
                                          "as the next step's (h_prev, c_prev)"),
        (lambda *a: right(*a, carry="h"), "you passed h_t on but started every step from c0: the memory c_t must "
                                           "flow to the next step too"),
        (lambda *a: right(*a, carry="c"), "you passed c_t on but started every step from h0: h_t must flow to the "
                                           "next step too"),
        (lambda *a: right(*a, store="before"), "you stored each step's (h_prev, c_prev): hs[:, t] is the state after "
                                                "step t + 1, h_1 to h_T"),
        (with_h0, "you kept h0 and c0: hs and cs hold the T states after each step, h_1 to h_T, not h_0"),
        (lambda *a: right(*a, time_axis=0), "you stacked time first, (T, B, H): keep batch first, (B, T, H), with "
                                             "np.stack(..., axis=1)"),
        (lambda *a: right(*a)[::-1], "you returned (cs, hs): return the pair as (hs, cs)"),
        *[(lambda *a, step=step: _run(step, *a), message) for step, message in _step_mistakes()],
    ]
    return check_function("lstm_forward_by_hand", lstm_forward_by_hand, _step_cases(T=5),
                          lambda xs, h0, c0, W, b: lstm_forward(xs, h0, c0, {"W": W, "b": b})[:2], mistakes)


def check_lstm_parameter_count(lstm_parameter_count):
    """Notebook 06: lstm_parameter_count(D, H) should return 4 * (H * (H + D) + H), the size of W and b."""
    cases = [(4, 3), (1, 1), (10, 32), (128, 256)]

    def count(D, H, biases=1, blocks=4):
        return np.asarray(blocks * (H * (H + D) + biases * H))

    mistakes = [
        (lambda D, H: count(D, H, biases=2), "you counted two bias vectors, as PyTorch stores them (bias_ih and "
                                             "bias_hh); the course's LSTM has one b, their sum"),
        (lambda D, H: count(D, H, blocks=1), "that is one block: the LSTM has four, i, f, g and o"),
        (lambda D, H: count(D, H, biases=0), "the biases are missing: each of the four blocks has H of them"),
        (lambda D, H: count(D, H, blocks=3), "that is the GRU's three blocks: the LSTM has four, i, f, g and o"),
    ]
    return check_function("lstm_parameter_count", lstm_parameter_count, cases, lambda D, H: count(D, H), mistakes)
