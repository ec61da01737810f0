"""The plain and the gated RNN: values by a second route, the keep/overwrite worked example, gradients by finite
differences, and backpropagation through time."""

import numpy as np
import pytest

from helpers.gradcheck import gradient_errors
from helpers.rnn import (gated_rnn_backward, gated_rnn_forward, gated_rnn_step_backward, gated_rnn_step_forward,
                         init_rnn_params, rnn_backward, rnn_forward, rnn_step_backward, rnn_step_forward)

B, T, H, D = 2, 5, 3, 4


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def two_matrix_gated_step(x, s, p):
    """The gated RNN written with two matrices per layer, W^{g,s} s + W^{g,x} x (row blocks): a second route."""
    g = sigmoid(s @ p["W_g"][:H] + x @ p["W_g"][H:] + p["b_g"])
    candidate = np.tanh(s @ p["W_s"][:H] + x @ p["W_s"][H:] + p["b_s"])
    return (1 - g) * s + g * candidate


@pytest.fixture
def setup():
    rng = np.random.default_rng(20)
    params = init_rnn_params(rng, D, H)
    params["b_g"] = rng.normal(size=H)  # a non-constant gate bias exercises more of the backward pass
    return rng, params, rng.normal(size=(B, T, D)), rng.normal(size=(B, H))


def test_init_shapes_and_gate_bias():
    params = init_rnn_params(np.random.default_rng(0), D, H, gate_bias=-2.0)
    assert {k: v.shape for k, v in params.items()} == {"W_g": (H + D, H), "b_g": (H,), "W_s": (H + D, H), "b_s": (H,)}
    np.testing.assert_array_equal(params["b_g"], -2.0)
    assert np.abs(params["W_s"]).max() <= 1 / np.sqrt(H)
    assert set(init_rnn_params(np.random.default_rng(0), D, H, gated=False)) == {"W_s", "b_s"}


def test_plain_step_is_tanh_of_the_two_matrix_sum(setup):
    rng, params, xs, s0 = setup
    x = xs[:, 0]
    expected = np.tanh(s0 @ params["W_s"][:H] + x @ params["W_s"][H:] + params["b_s"])
    np.testing.assert_allclose(rnn_step_forward(x, s0, params)[0], expected, rtol=1e-13)


def test_gated_step_matches_the_two_matrix_form(setup):
    rng, params, xs, s0 = setup
    np.testing.assert_allclose(gated_rnn_step_forward(xs[:, 0], s0, params)[0],
                               two_matrix_gated_step(xs[:, 0], s0, params), rtol=1e-13)


def test_keep_and_overwrite_worked_example():
    # Gate biases of +-50 saturate the gate to [1, 0, 1] exactly in float64, so 1 - g = [0, 1, 0].
    params = {"W_g": np.zeros((H + D, H)), "b_g": np.array([50.0, -50.0, 50.0]),
              "W_s": np.full((H + D, H), 0.1), "b_s": np.zeros(H)}
    s_prev, x = np.array([[0.5, -0.8, 0.3]]), np.ones((1, D))
    s_t, cache = gated_rnn_step_forward(x, s_prev, params)
    np.testing.assert_array_equal(1 - cache.g_t, [[0, 1, 0]])
    candidate = np.tanh(0.1 * (s_prev.sum() + D))  # every column of W_s is 0.1
    np.testing.assert_allclose(s_t, [[candidate, -0.8, candidate]], rtol=1e-14)


def test_sequence_equals_stepping_by_hand(setup):
    rng, params, xs, s0 = setup
    states, _ = gated_rnn_forward(xs, s0, params)
    s = s0
    for t in range(T):
        s = two_matrix_gated_step(xs[:, t], s, params)
        np.testing.assert_allclose(states[:, t], s, rtol=1e-12)
    plain, _ = rnn_forward(xs, s0, params)
    assert plain.shape == (B, T, H)


def test_a_closed_gate_passes_the_gradient_back_untouched():
    params = {"W_g": np.zeros((H + D, H)), "b_g": np.full(H, -50.0), "W_s": np.ones((H + D, H)), "b_s": np.zeros(H)}
    ds_t = np.array([[1.0, -2.0, 3.0]])
    _, ds_prev, _ = gated_rnn_step_backward(ds_t, gated_rnn_step_forward(np.ones((1, D)), np.zeros((1, H)), params)[1])
    np.testing.assert_allclose(ds_prev, ds_t, atol=1e-15)


def check_step_gradients(step_forward, step_backward, setup):
    rng, params, xs, s0 = setup
    x = xs[:, 0]
    ds = rng.normal(size=(B, H))

    def loss():
        return np.sum(step_forward(x, s0, params)[0] * ds)

    dx, ds_prev, grads = step_backward(ds, step_forward(x, s0, params)[1])
    arrays = {"x_t": x, "s_prev": s0, **{k: params[k] for k in grads}}
    return gradient_errors(loss, arrays, {"x_t": dx, "s_prev": ds_prev, **grads})


def check_sequence_gradients(forward, backward, setup):
    rng, params, xs, s0 = setup
    dstates = rng.normal(size=(B, T, H))

    def loss():
        return np.sum(forward(xs, s0, params)[0] * dstates)

    dxs, ds0, grads = backward(dstates, forward(xs, s0, params)[1])
    arrays = {"xs": xs, "s0": s0, **{k: params[k] for k in grads}}
    return gradient_errors(loss, arrays, {"xs": dxs, "s0": ds0, **grads})


@pytest.mark.parametrize("forward, backward", [(rnn_step_forward, rnn_step_backward),
                                               (gated_rnn_step_forward, gated_rnn_step_backward)],
                         ids=["plain step", "gated step"])
def test_step_backward_matches_finite_differences(forward, backward, setup):
    errors = check_step_gradients(forward, backward, setup)
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("forward, backward", [(rnn_forward, rnn_backward), (gated_rnn_forward, gated_rnn_backward)],
                         ids=["plain sequence", "gated sequence"])
def test_backpropagation_through_time_matches_finite_differences(forward, backward, setup):
    errors = check_sequence_gradients(forward, backward, setup)
    assert set(errors) >= {"xs", "s0"}
    assert max(errors.values()) < 1e-7, errors
