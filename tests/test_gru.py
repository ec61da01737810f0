"""The GRU: hand-computed values, both placements of the reset gate, gradient checks and the PyTorch layout."""

import numpy as np
import pytest

from helpers.gradcheck import gradient_errors
from helpers.gru import gru_backward, gru_forward, gru_step_backward, gru_step_forward, init_gru_params
from helpers.pytorch_layout import gru_from_torch, gru_to_torch
from helpers.linear import count_params
from helpers.rnn import gated_rnn_step_forward, init_rnn_params

B, T, D, H = 2, 4, 3, 5
# Largest gradient-check error seen per backward function, for the closing note.
WORST = {}


def logistic(a):
    return 1 / (1 + np.exp(-a))


def record(name, errors):
    WORST[name] = max(WORST.get(name, 0.0), *errors.values())
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("reset", ["before", "after"])
def test_one_unit_by_hand(reset):
    # H = D = 1, so every product is a plain number that can be written out.
    params = {"W_z": [[0.5], [1.0]], "b_z": [0.0], "W_r": [[-1.0], [2.0]], "b_r": [0.5],
              "W_h": [[0.8], [-0.3]], "b_h": [0.1], "b_hh": [0.2]}
    h, x = 0.6, -0.4
    z = logistic(0.5 * h + 1.0 * x)
    r = logistic(-1.0 * h + 2.0 * x + 0.5)
    if reset == "before":
        h_tilde = np.tanh(0.8 * (r * h) - 0.3 * x + 0.1)
    else:
        h_tilde = np.tanh(-0.3 * x + 0.1 + r * (0.8 * h + 0.2))
    h_t, _ = gru_step_forward([[x]], [[h]], params, reset=reset)
    assert h_t[0, 0] == pytest.approx(z * h + (1 - z) * h_tilde, abs=1e-15)


def test_placements_agree_when_reset_is_open():
    # With r = 1 everywhere and b_hh = 0 both candidates are tanh(concat(h, x) @ W_h + b_h).
    rng = np.random.default_rng(1)
    params = init_gru_params(rng, D, H)
    params.update(W_r=np.zeros((H + D, H)), b_r=np.full(H, 50.0), b_hh=np.zeros(H))
    x, h = rng.normal(size=(B, D)), rng.normal(size=(B, H))
    before, _ = gru_step_forward(x, h, params, reset="before")
    after, _ = gru_step_forward(x, h, params, reset="after")
    np.testing.assert_allclose(before, after, atol=1e-15)


def test_update_gate_of_one_keeps_the_state():
    rng = np.random.default_rng(2)
    params = init_gru_params(rng, D, H)
    params.update(W_z=np.zeros((H + D, H)), b_z=np.full(H, 800.0))
    h = rng.normal(size=(B, H))
    h_t, _ = gru_step_forward(rng.normal(size=(B, D)), h, params)
    np.testing.assert_array_equal(h_t, h)


def test_gated_rnn_is_a_gru_without_reset():
    # The gated RNN's gate (notebook 02) is g = 1 - z, and 1 - sigmoid(a) = sigmoid(-a): W_z = -W_g, b_z = -b_g; r = 1.
    rng = np.random.default_rng(3)
    rnn = init_rnn_params(rng, D, H, gate_bias=0.7)
    gru = {"W_z": -rnn["W_g"], "b_z": -rnn["b_g"], "W_r": np.zeros((H + D, H)), "b_r": np.full(H, 800.0),
           "W_h": rnn["W_s"], "b_h": rnn["b_s"]}
    x, s = rng.normal(size=(B, D)), rng.normal(size=(B, H))
    np.testing.assert_allclose(gru_step_forward(x, s, gru, reset="before")[0],
                               gated_rnn_step_forward(x, s, rnn)[0], atol=1e-15)


@pytest.mark.parametrize("reset", ["before", "after"])
def test_step_gradients(reset):
    rng = np.random.default_rng(4)
    params = init_gru_params(rng, D, H, reset=reset)
    x, h, dh = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))

    def loss():
        return float(np.sum(gru_step_forward(x, h, params, reset)[0] * dh))

    dx, dh_prev, grads = gru_step_backward(dh, gru_step_forward(x, h, params, reset)[1])
    assert set(grads) == set(params)
    record(f"gru_step_backward ({reset})", gradient_errors(loss, {"x_t": x, "h_prev": h, **params},
                                                            {"x_t": dx, "h_prev": dh_prev, **grads}))


@pytest.mark.parametrize("reset", ["before", "after"])
def test_sequence_gradients(reset):
    rng = np.random.default_rng(5)
    params = init_gru_params(rng, D, H, reset=reset)
    xs, h0, dstates = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, T, H))

    def loss():
        return float(np.sum(gru_forward(xs, h0, params, reset)[0] * dstates))

    dxs, dh0, grads = gru_backward(dstates, gru_forward(xs, h0, params, reset)[1])
    record(f"gru_backward ({reset})", gradient_errors(loss, {"xs": xs, "h0": h0, **params},
                                                       {"xs": dxs, "h0": dh0, **grads}))


def test_sequence_matches_a_loop_of_steps():
    rng = np.random.default_rng(6)
    params = init_gru_params(rng, D, H, reset="before")
    xs, h = rng.normal(size=(B, T, D)), rng.normal(size=(B, H))
    states, _ = gru_forward(xs, h, params, reset="before")
    for t in range(T):
        h = gru_step_forward(xs[:, t], h, params, reset="before")[0]
        np.testing.assert_array_equal(states[:, t], h)


def test_parameter_counts():
    rng = np.random.default_rng(7)
    assert count_params(init_gru_params(rng, D, H, reset="before")) == 3 * (H * (H + D) + H)
    assert count_params(init_gru_params(rng, D, H, reset="after")) == 3 * (H * (H + D) + H) + H
    # PyTorch keeps two biases for every gate: 3 * (H * D + H * H + 2 * H).
    weights = gru_to_torch(init_gru_params(rng, D, H))
    assert count_params(weights) == 3 * (H * D + H * H + 2 * H)


def test_torch_layout_round_trip_and_blocks():
    rng = np.random.default_rng(8)
    params = init_gru_params(rng, D, H)
    weights = gru_to_torch(params)
    assert weights["weight_ih"].shape == (3 * H, D) and weights["weight_hh"].shape == (3 * H, H)
    # Row block 1 of PyTorch's stack is z; its input columns are the course's W_z[H:] transposed.
    np.testing.assert_array_equal(weights["weight_ih"][H:2 * H], params["W_z"][H:].T)
    np.testing.assert_array_equal(weights["weight_hh"][2 * H:], params["W_h"][:H].T)
    back = gru_from_torch(weights)
    for name in params:
        np.testing.assert_array_equal(back[name], params[name])


def test_biases_from_torch_are_summed():
    rng = np.random.default_rng(9)
    weights = {"weight_ih": rng.normal(size=(3 * H, D)), "weight_hh": rng.normal(size=(3 * H, H)),
               "bias_ih": rng.normal(size=3 * H), "bias_hh": rng.normal(size=3 * H)}
    params = gru_from_torch(weights)
    np.testing.assert_array_equal(params["b_r"], weights["bias_ih"][:H] + weights["bias_hh"][:H])
    np.testing.assert_array_equal(params["b_hh"], weights["bias_hh"][2 * H:])


def test_worst_errors_are_reported():
    print("\nlargest GRU gradient-check errors:", {k: f"{v:.1e}" for k, v in WORST.items()})
