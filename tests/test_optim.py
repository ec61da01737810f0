"""Adam against its published update, worked by hand; clipping by norm keeps the direction and caps the length."""

from fractions import Fraction
from math import sqrt

import numpy as np
import pytest

from helpers.optim import Adam, clip_by_norm, global_norm


def test_adam_two_steps_by_hand():
    # Kingma and Ba (2015), Algorithm 1, with lr 0.1, beta1 0.9, beta2 0.999 on one number theta0 = 1.
    # Step 1, g = 0.5: m = 0.05, v = 0.00025, m_hat = 0.5, v_hat = 0.25, so theta = 1 - 0.1 * 0.5 / (0.5 + eps).
    # Step 2, g = -1: m = -0.055, v = 0.00124975, m_hat = -0.055 / 0.19, v_hat = 0.00124975 / 0.001999.
    eps = 1e-8
    theta1 = 1 - 0.1 * 0.5 / (0.5 + eps)
    m_hat = float(Fraction(-55, 1000) / Fraction(19, 100))
    v_hat = float(Fraction(124975, 10 ** 8) / Fraction(1999, 10 ** 6))
    theta2 = theta1 - 0.1 * m_hat / (sqrt(v_hat) + eps)
    params = {"theta": np.array([1.0])}
    adam = Adam(params, lr=0.1, beta1=0.9, beta2=0.999, eps=eps)
    adam.step(params, {"theta": np.array([0.5])})
    assert params["theta"][0] == pytest.approx(theta1, abs=1e-15)
    adam.step(params, {"theta": np.array([-1.0])})
    assert params["theta"][0] == pytest.approx(theta2, abs=1e-15)
    assert round(theta2, 6) == 0.936610  # 0.9 + 0.1 * 0.289474 / 0.790688


def test_adam_first_step_moves_each_entry_by_lr():
    # With bias correction, m_hat / sqrt(v_hat) = g / |g| on the first step: every entry moves by lr, against its sign.
    params = {"W": np.array([[3.0, -2.0]]), "b": np.array([0.5])}
    Adam(params, lr=0.01).step(params, {"W": np.array([[1e-3, -40.0]]), "b": np.array([7.0])})
    np.testing.assert_allclose(params["W"], [[2.99, -1.99]], atol=1e-7)
    np.testing.assert_allclose(params["b"], [0.49], atol=1e-7)


def test_clip_by_norm_caps_length_and_keeps_direction():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    assert global_norm(grads) == 5.0
    clipped, norm = clip_by_norm(grads, 1.0)
    assert norm == 5.0
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0])
    np.testing.assert_allclose(clipped["b"], [[0.8]])
    unchanged, _ = clip_by_norm(grads, 10.0)
    np.testing.assert_array_equal(unchanged["a"], grads["a"])
