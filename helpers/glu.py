"""The GLU family: y = f(A) * g(B), a linear branch A = x @ W + b times a gate branch B = x @ V + c.

Dauphin et al. (2017) put the sigmoid on the second branch, GLU = A * sigmoid(B), and so does the course for
every variant; Shazeer (2020) writes the activation on the first branch, which only swaps the names W and V.
GELU is the exact erf form (see helpers.activations.gelu); Swish carries Shazeer's beta.
"""

from collections import namedtuple

import numpy as np

from .activations import gelu, gelu_grad, relu, relu_grad, sigmoid, sigmoid_grad, swish, swish_grad, tanh, tanh_grad
from .linear import linear_backward, linear_forward
from .validate import Shapes, as_real_array, check_params

_IDENTITY = (lambda z, beta: z, lambda z, beta: np.ones_like(z))
_SIGMOID = (lambda z, beta: sigmoid(z), lambda z, beta: sigmoid_grad(z))
# variant: (f on the linear branch A, its slope), (g on the gate branch B, its slope)
VARIANTS = {
    "glu": (_IDENTITY, _SIGMOID),
    "gtu": ((lambda z, beta: tanh(z), lambda z, beta: tanh_grad(z)), _SIGMOID),
    "bilinear": (_IDENTITY, _IDENTITY),
    "reglu": (_IDENTITY, (lambda z, beta: relu(z), lambda z, beta: relu_grad(z))),
    "geglu": (_IDENTITY, (lambda z, beta: gelu(z), lambda z, beta: gelu_grad(z))),
    "swiglu": (_IDENTITY, (swish, swish_grad)),
}
GLU_LAYER_PARAMS = {"W": ("D", "F"), "b": ("F",), "V": ("D", "F"), "c": ("F",)}
FFN_GLU_PARAMS = {"W": ("D", "F"), "V": ("D", "F"), "W2": ("F", "D")}
FFN_RELU_PARAMS = {"W1": ("D", "F"), "W2": ("F", "D")}

GLUCache = namedtuple("GLUCache", "A B variant beta")
GLULayerCache = namedtuple("GLULayerCache", "glu_cache A_cache B_cache")
FFNGLUCache = namedtuple("FFNGLUCache", "glu_cache A_cache B_cache out_cache")
FFNReLUCache = namedtuple("FFNReLUCache", "A A_cache out_cache")


def _check_cache(cache, kind, producer):
    if not isinstance(cache, kind):
        raise ValueError(f"cache: expected the {kind.__name__} from {producer}, got {type(cache).__name__}")
    return cache


def _check_variant(variant):
    if variant not in VARIANTS:
        raise ValueError(f"variant: expected one of {list(VARIANTS)}, got {variant!r}")
    return VARIANTS[variant]


def glu_forward(A, B, variant="glu", beta=1.0):
    """y = f(A) * g(B) for the named variant, element by element; return y and the cache for glu_backward."""
    (f, _), (g, _) = _check_variant(variant)
    A = as_real_array("A", A)
    B = Shapes().check("B", B, A.shape)
    beta = float(Shapes().check("beta", beta, ()))
    return f(A, beta) * g(B, beta), GLUCache(A, B, variant, beta)


def glu_backward(dy, cache):
    """Given dLoss/dy, return (dLoss/dA, dLoss/dB): the product rule, f'(A) g(B) and f(A) g'(B)."""
    A, B, variant, beta = _check_cache(cache, GLUCache, "glu_forward")
    (f, f_grad), (g, g_grad) = VARIANTS[variant]
    dy = Shapes().check("dy", dy, A.shape)
    return dy * f_grad(A, beta) * g(B, beta), dy * f(A, beta) * g_grad(B, beta)


def glu_layer_forward(x, params, variant="glu", beta=1.0):
    """A GLU layer on rows x (N, D): A = x @ W + b, B = x @ V + c, y = f(A) * g(B) of shape (N, F)."""
    shapes = Shapes()
    x = shapes.check("x", x, ("N", "D"))
    p = check_params(shapes, params, GLU_LAYER_PARAMS)
    A, A_cache = linear_forward((x,), p["W"], p["b"])
    B, B_cache = linear_forward((x,), p["V"], p["c"])
    y, cache = glu_forward(A, B, variant, beta)
    return y, GLULayerCache(cache, A_cache, B_cache)


def glu_layer_backward(dy, cache):
    """Given dLoss/dy, return (dx, {"W", "b", "V", "c"})."""
    glu_cache, A_cache, B_cache = _check_cache(cache, GLULayerCache, "glu_layer_forward")
    dA, dB = glu_backward(dy, glu_cache)
    (dx_A,), dW, db = linear_backward(dA, A_cache)
    (dx_B,), dV, dc = linear_backward(dB, B_cache)
    return dx_A + dx_B, {"W": dW, "b": db, "V": dV, "c": dc}


def _no_bias(x, W):
    return linear_forward((x,), W, np.zeros(np.shape(W)[1]))


def ffn_glu_forward(x, params, variant="swiglu", beta=1.0):
    """Shazeer's gated feed-forward block, no biases: (f(x @ W) * g(x @ V)) @ W2, rows x (N, D)."""
    shapes = Shapes()
    x = shapes.check("x", x, ("N", "D"))
    p = check_params(shapes, params, FFN_GLU_PARAMS)
    (A, A_cache), (B, B_cache) = _no_bias(x, p["W"]), _no_bias(x, p["V"])
    hidden, glu_cache = glu_forward(A, B, variant, beta)
    y, out_cache = _no_bias(hidden, p["W2"])
    return y, FFNGLUCache(glu_cache, A_cache, B_cache, out_cache)


def ffn_glu_backward(dy, cache):
    """Given dLoss/dy, return (dx, {"W", "V", "W2"})."""
    glu_cache, A_cache, B_cache, out_cache = _check_cache(cache, FFNGLUCache, "ffn_glu_forward")
    (d_hidden,), dW2, _ = linear_backward(dy, out_cache)
    dA, dB = glu_backward(d_hidden, glu_cache)
    (dx_A,), dW, _ = linear_backward(dA, A_cache)
    (dx_B,), dV, _ = linear_backward(dB, B_cache)
    return dx_A + dx_B, {"W": dW, "V": dV, "W2": dW2}


def ffn_relu_forward(x, params):
    """The Transformer's two-matrix feed-forward block, no biases: relu(x @ W1) @ W2."""
    shapes = Shapes()
    x = shapes.check("x", x, ("N", "D"))
    p = check_params(shapes, params, FFN_RELU_PARAMS)
    A, A_cache = _no_bias(x, p["W1"])
    y, out_cache = _no_bias(relu(A), p["W2"])
    return y, FFNReLUCache(A, A_cache, out_cache)


def ffn_relu_backward(dy, cache):
    """Given dLoss/dy, return (dx, {"W1", "W2"})."""
    A, A_cache, out_cache = _check_cache(cache, FFNReLUCache, "ffn_relu_forward")
    (d_hidden,), dW2, _ = linear_backward(dy, out_cache)
    (dx,), dW1, _ = linear_backward(d_hidden * relu_grad(A), A_cache)
    return dx, {"W1": dW1, "W2": dW2}


def init_ffn_params(rng, d_model, d_ff, gated=True):
    """Weights for ffn_glu_forward (W, V, W2) or ffn_relu_forward (W1, W2), uniform in +-1/sqrt(fan in)."""
    def draw(rows, cols):
        return rng.uniform(-1, 1, size=(rows, cols)) / np.sqrt(rows)

    if gated:
        return {"W": draw(d_model, d_ff), "V": draw(d_model, d_ff), "W2": draw(d_ff, d_model)}
    return {"W1": draw(d_model, d_ff), "W2": draw(d_ff, d_model)}
