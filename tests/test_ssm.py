"""The selective state space (helpers/ssm.py): the zero-order hold, its backward pass, and Mamba's link to gating."""

import numpy as np

from helpers.activations import sigmoid
from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error
from helpers.ssm import selective_ssm_backward, selective_ssm_forward, softplus, zero_order_hold


def test_exp_minus_softplus_is_one_minus_sigmoid_to_1e_12():
    z = np.linspace(-700.0, 700.0, 14_001)
    assert np.allclose(np.exp(-softplus(z)), 1 - sigmoid(z), rtol=0, atol=1e-12)
    assert np.isfinite(softplus(z)).all() and softplus(800.0) == 800.0


def test_the_zero_order_hold_is_the_exact_step_of_the_ode():
    # h' = A h + B x with x held fixed over delta, integrated by many small exact-enough Euler steps.
    delta, A, B, x, h0 = 0.7, -1.3, 0.4, 2.0, 0.5
    A_bar, B_bar = zero_order_hold(delta, A, B)
    h, n = h0, 200_000
    for _ in range(n):
        h += delta / n * (A * h + B * x)
    assert abs(A_bar * h0 + B_bar * x - h) < 1e-5


def test_mambas_selective_ssm_is_the_gated_rnn_to_1e_12():
    rng = np.random.default_rng(0)
    xs, W, b = rng.normal(size=(3, 200, 4)), rng.normal(size=(4, 4)) * 2, rng.normal(size=4)
    hs = selective_ssm_forward(xs, {"W": W, "b": b, "A": -np.ones(4), "B": np.ones(4)})[0]
    g, s, expected = sigmoid(xs @ W + b), np.zeros((3, 4)), []
    for t in range(200):
        s = (1 - g[:, t]) * s + g[:, t] * xs[:, t]
        expected.append(s)
    assert np.allclose(hs, np.stack(expected, axis=1), rtol=0, atol=1e-12)


def test_selective_ssm_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    xs, h0 = rng.normal(size=(2, 6, 3)), rng.normal(size=(2, 3))
    params = {"W": rng.normal(size=(3, 3)), "b": rng.normal(size=3), "A": -rng.uniform(0.5, 2.0, 3),
              "B": rng.normal(size=3)}
    dhs = rng.normal(size=(2, 6, 3))
    dxs, dh0, grads = selective_ssm_backward(dhs, selective_ssm_forward(xs, params, h0)[1])

    def loss():
        return np.sum(selective_ssm_forward(xs, params, h0)[0] * dhs)

    assert max(gradient_errors(loss, params, grads).values()) < 1e-7
    assert relative_error(dxs, numerical_gradient(loss, xs)) < 1e-7
    assert relative_error(dh0, numerical_gradient(loss, h0)) < 1e-7
