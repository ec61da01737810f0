"""Checkers for notebook 02: one step of the gated RNN, and a memory's half-life."""

import numpy as np

from ..memory import half_life
from ..rnn import gated_rnn_step_forward
from .feedback import check_function
from .mistakes import Layer, layer_mistakes, variant_mistakes

GATED_LAYERS = [Layer("g_t", "gate", "W_g", "b_g", "s_prev"), Layer("s_tilde", "candidate", "W_s", "b_s", "s_prev")]


def _gated_cases():
    rng = np.random.default_rng(2)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def _gated_step(layer, x_t, s_prev, W_g, b_g, W_s, b_s, blend=lambda g, s, s_tilde: (1 - g) * s + g * s_tilde):
    """The gated RNN's step, with each layer computed by `layer` (see .mistakes) and the blend `blend`."""
    g_t = layer("g_t", s_prev, x_t, W_g, b_g)
    s_tilde = layer("s_tilde", s_prev, x_t, W_s, b_s)
    return blend(g_t, s_prev, s_tilde)


def check_gated_step(gated_step):
    """Notebook 02: gated_step(x_t, s_prev, W_g, b_g, W_s, b_s) should return s_t of the gated RNN."""
    def reference(x, s, W_g, b_g, W_s, b_s):
        return gated_rnn_step_forward(x, s, {"W_g": W_g, "b_g": b_g, "W_s": W_s, "b_s": b_s})[0]

    mistakes = [
        *variant_mistakes(_gated_step, GATED_LAYERS, [
            ({"blend": lambda g, s, s_tilde: g * s + (1 - g) * s_tilde},
             "g_t and 1 - g_t are swapped: in the gated RNN, g_t = 1 writes the candidate and g_t = 0 keeps s_prev"),
            ({"blend": lambda g, s, s_tilde: s_tilde},
             "you returned the plain RNN step s_tilde: the gate never blends in s_prev"),
        ]),
        *layer_mistakes(_gated_step, GATED_LAYERS),
    ]
    return check_function("gated_step", gated_step, _gated_cases(), reference, mistakes)


def check_half_life_steps(half_life_steps):
    """Notebook 02: half_life_steps(g) should return ln 0.5 / ln(1 - g), the steps until half the state is left."""
    cases = [(np.array([[0.05, 0.1, 0.3, 0.5, 0.9]]),), (np.array([[0.01]]),)]
    mistakes = [
        (lambda g: np.log(0.5) / np.log(g), "you used g as the fraction kept: in the gated RNN, 1 - g is kept"),
        (lambda g: np.log(2) / np.log(1 - g), "the sign is off: ln 2 / ln(1 - g) is negative; use ln 0.5"),
        (lambda g: np.ceil(half_life(1 - g)), "you rounded up: keep the exact (fractional) number of steps"),
    ]
    return check_function("half_life_steps", half_life_steps, cases, lambda g: half_life(1 - g), mistakes)
