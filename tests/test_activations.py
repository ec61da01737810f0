"""Sigmoid and tanh: values by hand, derivatives by a second formula, and no overflow at the extremes."""

import math
import warnings

import numpy as np
import pytest

from helpers.activations import sigmoid, sigmoid_grad, tanh, tanh_grad


@pytest.mark.parametrize("z", [-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0])
def test_sigmoid_matches_the_textbook_formula_where_that_is_safe(z):
    assert sigmoid(z) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-15)


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(math.log(3)) == pytest.approx(0.75)  # 1 / (1 + 1/3)


def test_sigmoid_is_symmetric():
    z = np.linspace(-40, 40, 81)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), atol=1e-16)


def test_sigmoid_and_tanh_stay_quiet_and_exact_at_plus_minus_1000_and_beyond():
    z = np.array([-1e6, -1000.0, -745.0, 745.0, 1000.0, 1e6])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail the test
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s, ds, t, dt = sigmoid(z), sigmoid_grad(z), tanh(z), tanh_grad(z)
    np.testing.assert_allclose(s, [0, 0, 0, 1, 1, 1], rtol=0, atol=1e-300)  # sigmoid(-745) is 5e-324
    np.testing.assert_allclose(ds, 0, rtol=0, atol=1e-300)
    np.testing.assert_array_equal(t, [-1, -1, -1, 1, 1, 1])
    np.testing.assert_array_equal(dt, 0)


def test_tanh_is_twice_a_sigmoid_minus_one():
    z = np.linspace(-5, 5, 41)
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, atol=1e-15)


@pytest.mark.parametrize("function, derivative", [(sigmoid, sigmoid_grad), (tanh, tanh_grad)])
def test_derivatives_match_central_differences(function, derivative):
    z = np.linspace(-6, 6, 49)
    h = 1e-6
    np.testing.assert_allclose(derivative(z), (function(z + h) - function(z - h)) / (2 * h), atol=1e-9)


def test_the_largest_sigmoid_slope_is_a_quarter_at_zero():
    z = np.linspace(-10, 10, 2001)
    slopes = sigmoid_grad(z)
    assert slopes.max() == pytest.approx(0.25)
    assert z[slopes.argmax()] == pytest.approx(0.0)


def test_scalars_come_back_as_scalars_and_arrays_keep_their_shape():
    assert np.ndim(sigmoid(1.0)) == 0
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert tanh([[1, 2]]).shape == (1, 2)
