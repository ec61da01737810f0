"""Checkers for notebook 01: a gate by hand, and the two row blocks of its weight matrix."""

import numpy as np

from ..activations import sigmoid, tanh
from ..gate import gate
from ..linear import concat
from .feedback import check_function


def _gate_cases():
    rng = np.random.default_rng(1)
    cases = []
    for batch in (1, 4):
        H, D = 3, 4
        cases.append((rng.normal(size=(batch, H)), rng.normal(size=(batch, D)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def _gate_mistakes(g, W, b, flipped):
    """The usual mistakes in computing any gate g = sigmoid([h_prev, x_t] @ W + b), named with the gate's symbols."""
    def z(h, x, W_, b_):
        return concat(h, x) @ W_ + b_

    return [
        (lambda h, x, W_, b_: tanh(z(h, x, W_, b_)), f"you used tanh where sigmoid belongs: {g} must lie in [0, 1]"),
        (lambda h, x, W_, b_: z(h, x, W_, b_), "you returned the pre-activation z: the sigmoid is missing"),
        (lambda h, x, W_, b_: sigmoid(concat(h, x) @ W_), f"the bias {b} is missing"),
        (lambda h, x, W_, b_: sigmoid(concat(x, h) @ W_ + b_),
         f"you concatenated [x_t, h_prev]: the order is [h_prev, x_t], so the first H rows of {W} read h_prev"),
        (lambda h, x, W_, b_: 1 - sigmoid(z(h, x, W_, b_)), flipped),
    ]


def check_gate_by_hand(gate_by_hand):
    """Notebook 01: gate_by_hand(h_prev, x_t, W, b) should return sigmoid(concat(h_prev, x_t) @ W + b)."""
    return check_function("gate_by_hand", gate_by_hand, _gate_cases(), lambda h, x, W, b: gate((h, x), W, b),
                          _gate_mistakes("a gate", "W", "b", "you returned 1 - sigmoid(z)"))


def check_split_gate_weights(split_gate_weights):
    """Notebook 01: split_gate_weights(W, H) should return the row blocks (W_gh, W_gx) = (W[:H], W[H:])."""
    cases = [(W, W.shape[1]) for _, _, W, _ in _gate_cases()]
    mistakes = [(lambda W, H: (W[H:], W[:H]),
                 "the blocks are swapped: the first H rows multiply h_prev, the rest multiply x_t"),
                (lambda W, H: (W[:, :H], W[:, H:]),
                 "you split the columns: the two matrices are row blocks, W[:H] and W[H:]")]
    return check_function("split_gate_weights", split_gate_weights, cases, lambda W, H: (W[:H], W[H:]), mistakes)
