"""Checkers for notebook 07: a GRU step and its parameter count."""

import numpy as np

from ..activations import tanh
from ..gru import gru_step_forward
from ..linear import concat
from .feedback import check_function
from .mistakes import Layer, layer_mistakes, variant_mistakes


def _gru_cases():
    rng = np.random.default_rng(7)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      *(rng.normal(size=shape) for shape in [(H + D, H), (H,)] * 3)))
    return cases


GRU_LAYERS = [Layer("z_t", "gate", "W_z", "b_z"), Layer("r_t", "gate", "W_r", "b_r"),
              Layer("h_tilde", "candidate", "W_h", "b_h", "r_t * h_prev")]


def _reset_before(layer, x_t, h_prev, r_t, W_h, b_h):
    return layer("h_tilde", r_t * h_prev, x_t, W_h, b_h)


def _gru_step(layer, x_t, h_prev, W_z, b_z, W_r, b_r, W_h, b_h, candidate=_reset_before,
              update=lambda z, h_prev, h_tilde: z * h_prev + (1 - z) * h_tilde):
    """Notebook 07's exercise, each layer computed by `layer` (see .mistakes), the candidate by `candidate`."""
    z_t = layer("z_t", h_prev, x_t, W_z, b_z)
    r_t = layer("r_t", h_prev, x_t, W_r, b_r)
    return update(z_t, h_prev, candidate(layer, x_t, h_prev, r_t, W_h, b_h))


def check_gru_step(gru_step):
    """Notebook 07: gru_step(x_t, h_prev, W_z, b_z, W_r, b_r, W_h, b_h) should return h_t, reset before the matrix."""
    def reference(x, h, W_z, b_z, W_r, b_r, W_h, b_h):
        params = {"W_z": W_z, "b_z": b_z, "W_r": W_r, "b_r": b_r, "W_h": W_h, "b_h": b_h}
        return gru_step_forward(x, h, params, reset="before")[0]

    def after(layer, x, h, r, W_h, b_h):
        H = h.shape[1]
        return tanh(x @ W_h[H:] + b_h + r * (h @ W_h[:H]))

    mistakes = [
        *variant_mistakes(_gru_step, GRU_LAYERS, [
            ({"update": lambda z, h, h_tilde: (1 - z) * h + z * h_tilde},
             "z and 1 - z are swapped (Chung et al. 2014's convention): in the course, z = 1 keeps h_prev"),
            ({"candidate": after},
             "you applied the reset gate after the matrix (PyTorch's form): here r_t multiplies h_prev before W_h"),
            ({"candidate": lambda layer, x, h, r, W_h, b_h: tanh(r * (concat(h, x) @ W_h + b_h))},
             "you applied r_t to the whole pre-activation, r_t * ([h_prev, x_t] @ W_h + b_h): the reset gate scales "
             "only h_prev, inside the concatenation, [r_t * h_prev, x_t] @ W_h + b_h"),
            ({"candidate": lambda layer, x, h, r, W_h, b_h: layer("h_tilde", h, x, W_h, b_h)},
             "the reset gate is missing: the candidate should see r_t * h_prev, not h_prev"),
        ]),
        *layer_mistakes(_gru_step, GRU_LAYERS),
    ]
    return check_function("gru_step", gru_step, _gru_cases(), reference, mistakes)


def check_gru_param_count(gru_param_count):
    """Notebook 07: gru_param_count(D, H) should return 3 * (H * (H + D) + H), one bias per block."""
    cases = [(4, 3), (10, 20), (1, 1)]

    def blocks(k, biases=1):
        return lambda D, H: np.asarray(float(k * (H * (H + D) + biases * H)))

    mistakes = [
        (blocks(4), "that is the LSTM's count, 4 blocks: the GRU has 3 (z, r and the candidate)"),
        (blocks(3, biases=0), "the biases are missing: each block has H of them"),
        (blocks(3, biases=2), "that is PyTorch's count, with two biases per block: the course keeps one"),
        (blocks(2), "2 blocks is the gated RNN of notebook 02: the GRU adds the reset gate"),
        (lambda D, H: np.asarray(float(3 * (H * D + H))), "each block reads concat(h_prev, x_t): H + D rows, not D"),
    ]
    return check_function("gru_param_count", gru_param_count, cases, blocks(3), mistakes)
