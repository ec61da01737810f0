"""Highway layers (helpers/highway.py): the gated RNN in depth, its backward pass, and 50 layers at initialisation."""

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.checks import check_highway_layer
from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error
from helpers.highway import KINDS, depth_profile, highway_backward, highway_forward, init_highway_params
from helpers.rnn import gated_rnn_step_forward


@pytest.mark.parametrize("kind", KINDS)
def test_highway_backward_matches_finite_differences(kind):
    rng = np.random.default_rng(0)
    x, dy = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    params = init_highway_params(rng, 4, carry_bias=-1.0)
    dx, grads = highway_backward(dy, highway_forward(x, params, kind)[1])

    def loss():
        return np.sum(highway_forward(x, params, kind)[0] * dy)

    assert set(grads) == ({"W_H", "b_H", "W_T", "b_T"} if kind == "highway" else {"W_H", "b_H"})
    assert max(gradient_errors(loss, {name: params[name] for name in grads}, grads).values()) < 1e-7
    assert relative_error(dx, numerical_gradient(loss, x)) < 1e-7


def test_the_highway_layer_is_the_gated_rnn_step_with_depth_for_time():
    # Notebook 02's step with no input (D = 0): s_t = (1 - g) s_prev + g tanh(s_prev W_s + b_s), g from s_prev.
    rng = np.random.default_rng(1)
    x, p = rng.normal(size=(2, 3)), init_highway_params(rng, 3)
    gated = {"W_g": p["W_T"], "b_g": p["b_T"], "W_s": p["W_H"], "b_s": p["b_H"]}
    assert np.allclose(highway_forward(x, p)[0], gated_rnn_step_forward(np.zeros((2, 0)), x, gated)[0])


def test_a_closed_gate_carries_and_an_open_one_is_the_plain_layer():
    rng = np.random.default_rng(2)
    x, p = rng.normal(size=(2, 3)), init_highway_params(rng, 3)
    assert np.allclose(highway_forward(x, {**p, "b_T": np.full(3, -60.0)})[0], x)
    assert np.allclose(highway_forward(x, {**p, "b_T": np.full(3, 60.0)})[0], highway_forward(x, p, "plain")[0])
    assert np.allclose(highway_forward(x, p, "residual")[0], x + highway_forward(x, p, "plain")[0])
    assert np.allclose(sigmoid(p["b_T"]), sigmoid(-2.0))


def test_fifty_layers_at_initialisation():
    profiles = {name: depth_profile(kind, bias) for name, kind, bias in
                [("plain", "plain", 0.0), ("h0", "highway", 0.0), ("h-2", "highway", -2.0), ("res", "residual", 0.0)]}
    for profile in profiles.values():
        assert profile["spread"].shape == profile["gradient"].shape == (51,)
        assert profile["spread"][0] == profile["gradient"][-1] == 1.0
    assert profiles["plain"]["gradient"][0] < 1e-10 and profiles["plain"]["spread"][-1] < 1e-10
    assert 1e-4 < profiles["h-2"]["gradient"][0] < 1e-1 and 1e-4 < profiles["h-2"]["spread"][-1] < 1e-1
    assert profiles["res"]["gradient"][0] > 1 and profiles["res"]["spread"][-1] > 1


def test_the_checker_passes_the_solution_and_names_the_residual_form():
    def right(x, W_H, b_H, W_T, b_T):
        T = sigmoid(x @ W_T + b_T)
        return T * np.tanh(x @ W_H + b_H) + (1 - T) * x

    assert check_highway_layer(right).passed
    assert "residual" in repr(check_highway_layer(lambda x, W_H, b_H, W_T, b_T: x + np.tanh(x @ W_H + b_H)))
