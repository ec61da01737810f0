"""Checkers for notebook 02: one step of the gated RNN, and a memory's half-life."""

import numpy as np

from ..activations import sigmoid, tanh
from ..linear import concat
from ..memory import half_life
from ..rnn import gated_rnn_step_forward, rnn_step_forward
from .feedback import check_function


def _gated_step_cases():
    rng = np.random.default_rng(2)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def check_gated_step(gated_step):
    """Notebook 02: gated_step(x_t, s_prev, W_g, b_g, W_s, b_s) should return s_t of seed 001's gated RNN."""
    def parts(x, s, W_g, b_g, W_s, b_s):
        xcat = concat(s, x)
        return sigmoid(xcat @ W_g + b_g), xcat @ W_s + b_s

    def reference(x, s, W_g, b_g, W_s, b_s):
        return gated_rnn_step_forward(x, s, {"W_g": W_g, "b_g": b_g, "W_s": W_s, "b_s": b_s})[0]

    def blend(g, s, candidate):
        return (1 - g) * s + g * candidate

    mistakes = [
        (lambda x, s, *p: (lambda g, z: g * s + (1 - g) * tanh(z))(*parts(x, s, *p)),
         "g and 1 - g are swapped: in seed 001, g = 1 writes the candidate and g = 0 keeps s_prev"),
        (lambda x, s, *p: (lambda g, z: blend(g, s, z))(*parts(x, s, *p)),
         "the candidate has no tanh: s_tilde = tanh(concat(s_prev, x_t) @ W_s + b_s)"),
        (lambda x, s, *p: (lambda g, z: blend(g, s, sigmoid(z)))(*parts(x, s, *p)),
         "you used sigmoid where tanh belongs: the candidate lies in (-1, 1), only the gate in (0, 1)"),
        (lambda x, s, W_g, b_g, W_s, b_s: rnn_step_forward(x, s, {"W_s": W_s, "b_s": b_s})[0],
         "you returned the plain RNN step s_tilde: the gate never blends in s_prev"),
        (lambda x, s, W_g, b_g, W_s, b_s: blend(tanh(concat(s, x) @ W_g + b_g), s, tanh(concat(s, x) @ W_s + b_s)),
         "you used tanh where sigmoid belongs in the gate g"),
    ]
    return check_function("gated_step", gated_step, _gated_step_cases(), reference, mistakes)


def check_half_life_steps(half_life_steps):
    """Notebook 02: half_life_steps(g) should return ln 0.5 / ln(1 - g), the steps until half the state is left."""
    cases = [(np.array([[0.05, 0.1, 0.3, 0.5, 0.9]]),), (np.array([[0.01]]),)]
    mistakes = [
        (lambda g: np.log(0.5) / np.log(g), "you used g as the fraction kept: in the gated RNN, 1 - g is kept"),
        (lambda g: np.log(2) / np.log(1 - g), "the sign is off: ln 2 / ln(1 - g) is negative; use ln 0.5"),
        (lambda g: np.ceil(half_life(1 - g)), "you rounded up: keep the exact (fractional) number of steps"),
    ]
    return check_function("half_life_steps", half_life_steps, cases, lambda g: half_life(1 - g), mistakes)
