"""Checkers for notebook 08: a GLU layer and GEGLU."""

import numpy as np

from ..activations import gelu, relu, sigmoid, tanh
from ..glu import glu_forward, glu_layer_forward
from .feedback import check_function


def _glu_cases():
    rng = np.random.default_rng(8)
    return [(rng.normal(size=(n, 4)), rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=(4, 3)),
             rng.normal(size=3)) for n in (1, 5)]


def check_glu_layer(glu_layer):
    """Notebook 08: glu_layer(x, W, b, V, c) should return (x @ W + b) * sigmoid(x @ V + c) (Dauphin et al. 2017)."""
    mistakes = [
        (lambda x, W, b, V, c: sigmoid(x @ W + b) * (x @ V + c),
         "the sigmoid is on the wrong branch: it belongs on x @ V + c, the gate; x @ W + b stays linear"),
        (lambda x, W, b, V, c: (x @ W) * sigmoid(x @ V + c), "the bias b of the linear branch is missing"),
        (lambda x, W, b, V, c: (x @ W + b) * sigmoid(x @ V), "the bias c of the gate branch is missing"),
        (lambda x, W, b, V, c: (x @ W + b) * tanh(x @ V + c),
         "you used tanh where sigmoid belongs: a gate must lie in [0, 1]"),
        (lambda x, W, b, V, c: tanh(x @ W + b) * sigmoid(x @ V + c),
         "that is the GTU, with tanh on the linear branch: the GLU leaves it linear"),
        (lambda x, W, b, V, c: (x @ W + b) * (x @ V + c), "the sigmoid is missing: that is the Bilinear variant"),
    ]
    return check_function("glu_layer", glu_layer, _glu_cases(),
                          lambda x, W, b, V, c: glu_layer_forward(x, {"W": W, "b": b, "V": V, "c": c})[0], mistakes)


def check_geglu(geglu):
    """Notebook 08: geglu(A, B) should return A * GELU(B), with the exact (erf) GELU."""
    rng = np.random.default_rng(9)
    cases = [(rng.normal(size=(1, 6)) * 2, rng.normal(size=(1, 6)) * 2), (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))]

    def gelu_tanh(B):
        return 0.5 * B * (1 + np.tanh(np.sqrt(2 / np.pi) * (B + 0.044715 * B ** 3)))

    mistakes = [
        (lambda A, B: A * relu(B), "you used ReLU where GELU belongs: that is ReGLU"),
        (lambda A, B: A * gelu_tanh(B), "you used the tanh approximation of GELU: the course uses the exact erf form"),
        (lambda A, B: gelu(A) * B, "GELU is on the wrong branch: it belongs on B, A stays linear"),
        (lambda A, B: A * sigmoid(B), "you used sigmoid where GELU belongs: that is the plain GLU"),
        (lambda A, B: gelu(A * B), "you applied GELU to the product: apply it to B, then multiply by A"),
    ]
    return check_function("geglu", geglu, cases, lambda A, B: glu_forward(A, B, "geglu")[0], mistakes)
