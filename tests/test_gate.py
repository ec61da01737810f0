"""The linear layer and the gate: values by explicit loops, gradients by finite differences."""

import numpy as np
import pytest

from helpers.gate import gate, gate_backward, gate_forward
from helpers.gradcheck import gradient_errors
from helpers.linear import concat, linear_backward, linear_forward

rng = np.random.default_rng(10)
B, H, D = 2, 3, 4


def loop_gate(h, x, W, b):
    """sigmoid([h, x] W + b) one entry at a time, with math alone: an independent route to the gate."""
    import math
    out = np.zeros((h.shape[0], W.shape[1]))
    for n in range(h.shape[0]):
        row = list(h[n]) + list(x[n])
        for j in range(W.shape[1]):
            z = sum(row[k] * W[k, j] for k in range(len(row))) + b[j]
            out[n, j] = 1 / (1 + math.exp(-z))
    return out


def test_concat_puts_the_state_first():
    h, x = np.array([[1.0, 2.0, 3.0]]), np.array([[4.0, 5.0, 6.0, 7.0]])
    np.testing.assert_array_equal(concat(h, x), [[1, 2, 3, 4, 5, 6, 7]])
    assert concat(h, x).shape == (1, 7)  # the worked example: H + D = 3 + 4 = 7


def test_gate_matches_an_entry_by_entry_loop():
    h, x = rng.normal(size=(B, H)), rng.normal(size=(B, D))
    W, b = rng.normal(size=(H + D, H)), rng.normal(size=H)
    np.testing.assert_allclose(gate((h, x), W, b), loop_gate(h, x, W, b), rtol=1e-13)


def test_gate_values_lie_strictly_between_0_and_1():
    h, x = rng.normal(size=(B, H)) * 3, rng.normal(size=(B, D)) * 3
    g = gate((h, x), rng.normal(size=(H + D, H)), rng.normal(size=H))
    assert ((g > 0) & (g < 1)).all()


def test_zero_weights_give_sigmoid_of_the_bias():
    g = gate((np.ones((1, H)), np.ones((1, D))), np.zeros((H + D, H)), np.array([0.0, 1.0, -1.0]))
    np.testing.assert_allclose(g, [[0.5, 1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))]])


def test_two_matrix_form_equals_concatenation_form():
    h, x = rng.normal(size=(B, H)), rng.normal(size=(B, D))
    W, b = rng.normal(size=(H + D, H)), rng.normal(size=H)
    two = 1 / (1 + np.exp(-(h @ W[:H] + x @ W[H:] + b)))
    np.testing.assert_allclose(gate((h, x), W, b), two, rtol=1e-13)


def test_linear_forward_value():
    z, _ = linear_forward((np.array([[1.0, 2.0]]),), np.array([[1.0, 0.0], [0.5, -1.0]]), np.array([0.1, 0.2]))
    np.testing.assert_allclose(z, [[2.1, -1.8]])


@pytest.mark.parametrize("backward_of", ["linear", "gate"])
def test_backward_matches_finite_differences(backward_of):
    h, x = rng.normal(size=(B, H)), rng.normal(size=(B, D))
    W, b = rng.normal(size=(H + D, H)), rng.normal(size=H)
    dout = rng.normal(size=(B, H))
    forward, backward = {"linear": (linear_forward, linear_backward), "gate": (gate_forward, gate_backward)}[backward_of]

    def loss():
        return np.sum(forward((h, x), W, b)[0] * dout)

    (dh, dx), dW, db = backward(dout, forward((h, x), W, b)[1])
    errors = gradient_errors(loss, {"h": h, "x": x, "W": W, "b": b}, {"h": dh, "x": dx, "W": dW, "b": db})
    assert max(errors.values()) < 1e-7, errors
