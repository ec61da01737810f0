"""Checkers for notebook 07: a GRU step and its parameter count."""

import numpy as np

from ..activations import sigmoid, tanh
from ..gru import gru_step_forward
from ..linear import concat
from .feedback import check_function


def _gru_cases():
    rng = np.random.default_rng(7)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      *(rng.normal(size=shape) for shape in [(H + D, H), (H,)] * 3)))
    return cases


def check_gru_step(gru_step):
    """Notebook 07: gru_step(x_t, h_prev, W_z, b_z, W_r, b_r, W_h, b_h) should return h_t, reset before the matrix."""
    def gates(x, h, W_z, b_z, W_r, b_r):
        return sigmoid(concat(h, x) @ W_z + b_z), sigmoid(concat(h, x) @ W_r + b_r)

    def reference(x, h, W_z, b_z, W_r, b_r, W_h, b_h):
        params = {"W_z": W_z, "b_z": b_z, "W_r": W_r, "b_r": b_r, "W_h": W_h, "b_h": b_h}
        return gru_step_forward(x, h, params, reset="before")[0]

    def variant(candidate, blend=lambda z, h, h_tilde: z * h + (1 - z) * h_tilde):
        def step(x, h, W_z, b_z, W_r, b_r, W_h, b_h):
            z, r = gates(x, h, W_z, b_z, W_r, b_r)
            return blend(z, h, candidate(x, h, r, W_h, b_h))
        return step

    def before(x, h, r, W_h, b_h):
        return tanh(concat(r * h, x) @ W_h + b_h)

    H = 3
    mistakes = [
        (variant(before, lambda z, h, h_tilde: (1 - z) * h + z * h_tilde),
         "z and 1 - z are swapped (Chung et al. 2014's convention): in the course, z = 1 keeps h_prev"),
        (variant(lambda x, h, r, W_h, b_h: tanh(x @ W_h[H:] + b_h + r * (h @ W_h[:H]))),
         "you applied the reset gate after the matrix (PyTorch's form): here r multiplies h_prev before W_h"),
        (variant(lambda x, h, r, W_h, b_h: concat(r * h, x) @ W_h + b_h),
         "the candidate has no tanh: h_tilde = tanh(concat(r_t * h_prev, x_t) @ W_h + b_h)"),
        (variant(lambda x, h, r, W_h, b_h: sigmoid(concat(r * h, x) @ W_h + b_h)),
         "you used sigmoid where tanh belongs: the candidate lies in (-1, 1), only the gates in (0, 1)"),
        (variant(lambda x, h, r, W_h, b_h: tanh(concat(h, x) @ W_h + b_h)),
         "the reset gate is missing: the candidate should see r_t * h_prev, not h_prev"),
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
