"""The finite-difference checker itself: right on known gradients, and able to catch a wrong one."""

import numpy as np

from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    # f = sum(x**3) has gradient 3 x**2.
    np.testing.assert_allclose(numerical_gradient(lambda: np.sum(x ** 3), x), 3 * x ** 2, rtol=1e-8)


def test_numerical_gradient_leaves_x_unchanged():
    x = np.array([0.1, 0.2, 0.3])
    before = x.copy()
    numerical_gradient(lambda: np.sum(np.sin(x)), x)
    np.testing.assert_array_equal(x, before)


def test_relative_error_is_tiny_for_a_right_gradient_and_large_for_a_wrong_one():
    x = np.random.default_rng(0).normal(size=(3, 4))
    loss = lambda: np.sum(np.tanh(x))  # noqa: E731
    right = 1 - np.tanh(x) ** 2
    wrong = 1 - np.tanh(x)  # a plausible mistake
    assert relative_error(right, numerical_gradient(loss, x)) < 1e-9
    assert relative_error(wrong, numerical_gradient(loss, x)) > 1e-2


def test_relative_error_of_two_zero_arrays_is_zero():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_gradient_errors_names_each_array():
    a, b = np.ones(2), np.array([2.0, 3.0])
    errors = gradient_errors(lambda: np.sum(a * b), {"a": a, "b": b}, {"a": b, "b": a})
    assert set(errors) == {"a", "b"}
    assert max(errors.values()) < 1e-9
