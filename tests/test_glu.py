"""The GLU family and its activations: values by a second route, gradient checks, the 2/3 parameter rule."""

import math

import numpy as np
import pytest

from helpers.activations import gelu, gelu_grad, relu, relu_grad, swish, swish_grad
from helpers.glu import (VARIANTS, ffn_glu_backward, ffn_glu_forward, ffn_relu_backward, ffn_relu_forward,
                         glu_backward, glu_forward, glu_layer_backward, glu_layer_forward, init_ffn_params)
from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error
from helpers.linear import count_params

WORST = {}


def record(name, errors):
    WORST[name] = max(WORST.get(name, 0.0), *errors.values())
    assert max(errors.values()) < 1e-7, errors


def logistic(z):
    return 1 / (1 + np.exp(-z))


# A second route for every variant, written out from the papers' formulas.
BY_HAND = {
    "glu": lambda A, B, beta: A * logistic(B),
    "gtu": lambda A, B, beta: np.tanh(A) * logistic(B),
    "bilinear": lambda A, B, beta: A * B,
    "reglu": lambda A, B, beta: A * np.where(B > 0, B, 0.0),
    "geglu": lambda A, B, beta: A * np.array([0.5 * b * (1 + math.erf(b / math.sqrt(2))) for b in B.ravel()]
                                             ).reshape(B.shape),
    "swiglu": lambda A, B, beta: A * B / (1 + np.exp(-beta * B)),
}


def test_gelu_matches_math_erf_and_known_values():
    z = np.linspace(-6, 6, 49)
    expected = [0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in z]
    np.testing.assert_allclose(gelu(z), expected, rtol=0, atol=1e-15)
    # Phi(1) = 0.841344746..., so GELU(1) = 0.841344746 and GELU(-1) = -0.158655254.
    assert gelu(1.0) == pytest.approx(0.8413447460685429, abs=1e-15)
    assert gelu(-1.0) == pytest.approx(-0.15865525393145707, abs=1e-15)


@pytest.mark.parametrize("function, slope, kwargs", [(gelu, gelu_grad, {}), (swish, swish_grad, {"beta": 1.7}),
                                                     (swish, swish_grad, {"beta": 1.0})])
def test_activation_slopes(function, slope, kwargs):
    z = np.linspace(-5, 5, 23)
    numeric = numerical_gradient(lambda: float(np.sum(function(z, **kwargs))), z)
    assert relative_error(slope(z, **kwargs), numeric) < 1e-8


def test_relu_and_swish_by_hand():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu_grad([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0])
    assert swish(2.0) == pytest.approx(2 / (1 + math.exp(-2)), abs=1e-15)
    assert swish(2.0, beta=0.0) == pytest.approx(1.0, abs=1e-15)  # beta = 0: z / 2, a linear function


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_values(variant):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    np.testing.assert_allclose(glu_forward(A, B, variant, beta=1.3)[0], BY_HAND[variant](A, B, 1.3), atol=1e-14)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_gradients(variant):
    rng = np.random.default_rng(1)
    A, B, dy = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    B[np.abs(B) < 1e-3] = 0.5  # keep finite differences off ReLU's kink

    def loss():
        return float(np.sum(glu_forward(A, B, variant, beta=1.3)[0] * dy))

    dA, dB = glu_backward(dy, glu_forward(A, B, variant, beta=1.3)[1])
    record(f"glu_backward ({variant})", gradient_errors(loss, {"A": A, "B": B}, {"A": dA, "B": dB}))


@pytest.mark.parametrize("variant", ["glu", "gtu", "geglu"])
def test_layer_gradients(variant):
    rng = np.random.default_rng(2)
    x, dy = rng.normal(size=(3, 4)), rng.normal(size=(3, 5))
    params = {"W": rng.normal(size=(4, 5)), "b": rng.normal(size=5), "V": rng.normal(size=(4, 5)),
              "c": rng.normal(size=5)}

    def loss():
        return float(np.sum(glu_layer_forward(x, params, variant)[0] * dy))

    dx, grads = glu_layer_backward(dy, glu_layer_forward(x, params, variant)[1])
    record(f"glu_layer_backward ({variant})", gradient_errors(loss, {"x": x, **params}, {"x": dx, **grads}))


def test_layer_is_dauphins_formula():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3))
    W, b, V, c = rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(3, 2)), rng.normal(size=2)
    y, _ = glu_layer_forward(x, {"W": W, "b": b, "V": V, "c": c})
    np.testing.assert_allclose(y, (x @ W + b) * logistic(x @ V + c), atol=1e-15)


@pytest.mark.parametrize("variant", ["swiglu", "reglu", "bilinear"])
def test_ffn_glu_gradients(variant):
    rng = np.random.default_rng(4)
    x, dy = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    params = init_ffn_params(rng, 4, 6)

    def loss():
        return float(np.sum(ffn_glu_forward(x, params, variant)[0] * dy))

    dx, grads = ffn_glu_backward(dy, ffn_glu_forward(x, params, variant)[1])
    record(f"ffn_glu_backward ({variant})", gradient_errors(loss, {"x": x, **params}, {"x": dx, **grads}))


def test_ffn_relu_gradients_and_value():
    rng = np.random.default_rng(5)
    x, dy = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    params = init_ffn_params(rng, 4, 6, gated=False)
    y, cache = ffn_relu_forward(x, params)
    np.testing.assert_allclose(y, np.maximum(x @ params["W1"], 0) @ params["W2"], atol=1e-15)

    def loss():
        return float(np.sum(ffn_relu_forward(x, params)[0] * dy))

    dx, grads = ffn_relu_backward(dy, cache)
    record("ffn_relu_backward", gradient_errors(loss, {"x": x, **params}, {"x": dx, **grads}))


def test_two_thirds_keeps_the_parameter_count():
    # Shazeer's T5 base: d_model = 768, d_ff = 3072 for ReLU and 2048 (= 2/3 of it) for the gated variants.
    rng = np.random.default_rng(6)
    relu_block = init_ffn_params(rng, 768, 3072, gated=False)
    gated_block = init_ffn_params(rng, 768, 2048)
    assert count_params(relu_block) == count_params(gated_block) == 2 * 768 * 3072


def test_worst_errors_are_reported():
    print("\nlargest GLU gradient-check errors:", {k: f"{v:.1e}" for k, v in WORST.items()})
