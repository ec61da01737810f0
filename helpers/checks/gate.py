"""Checkers for notebook 01: a gate by hand, and the two row blocks of its weight matrix."""

import numpy as np

from ..gate import gate
from .feedback import check_function
from .mistakes import Layer, layer_mistakes


def _gate_cases():
    rng = np.random.default_rng(1)
    cases = []
    for batch in (1, 4):
        H, D = 3, 4
        cases.append((rng.normal(size=(batch, H)), rng.normal(size=(batch, D)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def _gate_mistakes(g, W, b, flipped):
    """The shared mistakes of one gate g = sigmoid([h_prev, x_t] @ W + b), named with its symbols, and 1 - g."""
    def one_gate(layer, h_prev, x_t, W_, b_):
        return layer(g, h_prev, x_t, W_, b_)

    return [*layer_mistakes(one_gate, [Layer(g, "gate", W, b)]),
            (lambda h, x, W_, b_: 1 - gate((h, x), W_, b_), flipped)]


def check_gate_by_hand(gate_by_hand):
    """Notebook 01: gate_by_hand(h_prev, x_t, W, b) should return sigmoid(concat(h_prev, x_t) @ W + b)."""
    return check_function("gate_by_hand", gate_by_hand, _gate_cases(), lambda h, x, W, b: gate((h, x), W, b),
                          _gate_mistakes("g", "W", "b", "you returned 1 - sigmoid(z)"))


def check_split_gate_weights(split_gate_weights):
    """Notebook 01: split_gate_weights(W, H) should return the row blocks (W_gh, W_gx) = (W[:H], W[H:])."""
    cases = [(W, W.shape[1]) for _, _, W, _ in _gate_cases()]
    mistakes = [(lambda W, H: (W[H:], W[:H]),
                 "the blocks are swapped: the first H rows multiply h_prev, the rest multiply x_t"),
                (lambda W, H: (W[:, :H], W[:, H:]),
                 "you split the columns: the two matrices are row blocks, W[:H] and W[H:]")]
    return check_function("split_gate_weights", split_gate_weights, cases, lambda W, H: (W[:H], W[H:]), mistakes)
