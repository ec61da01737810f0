"""The LSTM helpers: hand-computed values, the worked cases of notebook 03, gradient checks and the PyTorch layout."""

import math

import numpy as np
import pytest

import helpers.lstm as lstm
from helpers.activations import sigmoid
from helpers.gradcheck import gradient_errors
from helpers.lstm import (cell_update, forget_gate, gate_blocks, hidden_state, init_lstm_params, lstm_backward,
                          lstm_forward, lstm_gate_values, lstm_step_backward, lstm_step_forward)
from helpers.pytorch_layout import lstm_from_torch, lstm_to_torch
from helpers.memory import half_life
from helpers.rnn import gated_rnn_backward, gated_rnn_forward, init_rnn_params

B, T, D, H = 2, 5, 4, 3


@pytest.fixture
def rng():
    return np.random.default_rng(2015)


def scalar_lstm_step(x, h, c, w, b):
    """One LSTM step with H = D = 1 in plain Python floats: w[k] = (weight on h, weight on x), order i, f, g, o."""
    z = [w[k][0] * h + w[k][1] * x + b[k] for k in range(4)]
    i, f, o = (1 / (1 + math.exp(-z[k])) for k in (0, 1, 3))
    c_t = f * c + i * math.tanh(z[2])
    return o * math.tanh(c_t), c_t


def test_seed_002_forget_cases():
    c_prev = np.array([[6.0, 8.0, 9.0]])
    nothing = np.zeros((1, 3))
    for f_t, expected in [([[0, 0, 0]], [0, 0, 0]), ([[1, 1, 1]], [6, 8, 9]), ([[0.5, 1, 0.5]], [3, 8, 4.5])]:
        np.testing.assert_array_equal(cell_update(c_prev, f_t, nothing, nothing), [expected])


def test_forget_gate_by_hand():
    # Zero weights leave f = sigmoid(b_f): b_f = ln 3 gives 3/4, b_f = 0 gives 1/2.
    f_t, _ = forget_gate(np.ones((1, 3)), np.ones((1, 4)), np.zeros((7, 3)), np.array([np.log(3), 0.0, -np.log(3)]))
    np.testing.assert_allclose(f_t, [[0.75, 0.5, 0.25]], rtol=1e-15)


def test_gate_blocks_are_in_the_order_i_f_g_o():
    W = np.repeat(np.arange(4.0), H)[None, :] * np.ones((H + D, 1))
    b = np.repeat(np.arange(4.0), H) + 10
    for k, (W_k, b_k) in enumerate(gate_blocks(W, b)):
        assert W_k.shape == (H + D, H) and b_k.shape == (H,)
        assert (W_k == k).all() and (b_k == k + 10).all()


def test_a_step_matches_a_scalar_lstm_by_hand():
    w = [(0.3, -0.7), (0.5, 0.2), (-1.1, 0.9), (0.4, 0.6)]
    b = [0.1, 1.0, -0.2, 0.3]
    params = {"W": np.array([[w[k][0] for k in range(4)], [w[k][1] for k in range(4)]]), "b": np.array(b)}
    (h_t, c_t), _ = lstm_step_forward(np.array([[0.8]]), (np.array([[-0.5]]), np.array([[1.5]])), params)
    h_hand, c_hand = scalar_lstm_step(0.8, -0.5, 1.5, w, b)
    assert h_t[0, 0] == pytest.approx(h_hand, rel=1e-14)
    assert c_t[0, 0] == pytest.approx(c_hand, rel=1e-14)


def test_a_saturated_cell_keeps_its_memory_and_shows_half_of_it():
    # i = sigmoid(-40) = 0, f = sigmoid(40) = 1, o = sigmoid(0) = 1/2: c_t = c_prev and h_t = tanh(c_prev) / 2.
    params = {"W": np.zeros((H + D, 4 * H)), "b": np.concatenate([np.full(H, -40.0), np.full(H, 40.0), np.zeros(2 * H)])}
    c_prev = np.array([[6.0, -8.0, 0.5]])
    (h_t, c_t), _ = lstm_step_forward(np.ones((1, D)), (np.zeros((1, H)), c_prev), params)
    np.testing.assert_allclose(c_t, c_prev, rtol=1e-15)
    np.testing.assert_allclose(h_t, 0.5 * np.tanh(c_prev), rtol=1e-15)


def test_the_step_calls_the_per_gate_functions(rng, monkeypatch):
    calls = []
    for name in ("forget_gate", "input_gate", "output_gate", "candidate", "cell_update", "hidden_state"):
        original = getattr(lstm, name)
        monkeypatch.setattr(lstm, name, lambda *a, _f=original, _n=name: calls.append(_n) or _f(*a))
    params = init_lstm_params(rng, D, H)
    lstm_step_forward(rng.normal(size=(B, D)), (np.zeros((B, H)), np.zeros((B, H))), params)
    assert sorted(calls) == sorted(["forget_gate", "input_gate", "output_gate", "candidate", "cell_update",
                                    "hidden_state"])


def test_hidden_state_of_a_closed_and_an_open_gate():
    c_t = np.array([[2.0, -3.0]])
    np.testing.assert_array_equal(hidden_state([[0.0, 0.0]], c_t), [[0.0, 0.0]])
    np.testing.assert_allclose(hidden_state([[1.0, 1.0]], c_t), [[math.tanh(2.0), math.tanh(-3.0)]], rtol=1e-15)


def test_the_cell_settles_at_the_fixed_point():
    f, i, c_tilde = 0.9, 0.5, 0.8
    c = np.zeros((1, 1))
    for _ in range(600):
        c = cell_update(c, [[f]], [[i]], [[c_tilde]])
    assert c[0, 0] == pytest.approx(4.0, rel=1e-12)  # 0.5 * 0.8 / (1 - 0.9)


def test_the_cell_grows_without_bound_when_nothing_is_forgotten():
    c = np.zeros((1, 1))
    for _ in range(100):
        c = cell_update(c, [[1.0]], [[0.5]], [[0.8]])
    assert c[0, 0] == pytest.approx(40.0, rel=1e-12)


def test_half_lives_quoted_in_notebook_03():
    assert half_life(0.9) == pytest.approx(6.579, abs=1e-3)
    assert half_life(0.99) == pytest.approx(68.97, abs=1e-2)
    assert sigmoid(1.0) == pytest.approx(0.7311, abs=1e-4)
    assert half_life(sigmoid(1.0)) == pytest.approx(2.213, abs=1e-3)


def test_init_sets_the_forget_bias(rng):
    params = init_lstm_params(rng, D, H, forget_bias=2.5)
    assert params["W"].shape == (H + D, 4 * H) and params["b"].shape == (4 * H,)
    np.testing.assert_array_equal(params["b"][H:2 * H], 2.5)
    assert np.abs(params["W"]).max() <= 1 / math.sqrt(H)
    np.testing.assert_array_equal(init_lstm_params(rng, D, H)["b"][H:2 * H], 1.0)
    assert params["W"].size + params["b"].size == 4 * (H * (H + D) + H) == 96


def test_forward_returns_states_and_gate_values(rng):
    params = init_lstm_params(rng, D, H)
    xs = rng.normal(size=(B, T, D))
    hs, cs, caches = lstm_forward(xs, np.zeros((B, H)), np.zeros((B, H)), params)
    assert hs.shape == cs.shape == (B, T, H) and len(caches) == T
    gates = lstm_gate_values(caches)
    assert set(gates) == {"i", "f", "g", "o"} and all(v.shape == (B, T, H) for v in gates.values())
    np.testing.assert_allclose(hs, gates["o"] * np.tanh(cs), rtol=1e-15)
    # The last step again, one step at a time from the state before it.
    (h_T, c_T), _ = lstm_step_forward(xs[:, -1], (hs[:, -2], cs[:, -2]), params)
    np.testing.assert_array_equal(h_T, hs[:, -1])


def test_lstm_step_backward_matches_finite_differences(rng):
    params = init_lstm_params(rng, D, H)
    x_t, h_prev, c_prev = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dh, dc = rng.normal(size=(B, H)), rng.normal(size=(B, H))

    def loss():
        (h_t, c_t), _ = lstm_step_forward(x_t, (h_prev, c_prev), params)
        return np.sum(h_t * dh) + np.sum(c_t * dc)

    _, cache = lstm_step_forward(x_t, (h_prev, c_prev), params)
    dx, (dh_prev, dc_prev), grads = lstm_step_backward((dh, dc), cache)
    errors = gradient_errors(loss, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, **params},
                             {"x_t": dx, "h_prev": dh_prev, "c_prev": dc_prev, **grads})
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("with_dc_last", [False, True])
def test_lstm_backward_matches_finite_differences(rng, with_dc_last):
    params = init_lstm_params(rng, D, H)
    xs, h0, c0 = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dhs, dc_last = rng.normal(size=(B, T, H)), rng.normal(size=(B, H)) if with_dc_last else None

    def loss():
        hs, cs, _ = lstm_forward(xs, h0, c0, params)
        return np.sum(hs * dhs) + (np.sum(cs[:, -1] * dc_last) if with_dc_last else 0.0)

    _, _, caches = lstm_forward(xs, h0, c0, params)
    dxs, dh0, dc0, grads = lstm_backward(dhs, caches, dc_last)
    errors = gradient_errors(loss, {"xs": xs, "h0": h0, "c0": c0, **params},
                             {"xs": dxs, "h0": dh0, "c0": dc0, **grads})
    assert max(errors.values()) < 1e-7, errors


def test_the_generalised_sequence_keeps_the_gated_rnn_right(rng):
    params = init_rnn_params(rng, D, H)
    xs, s0, dstates = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, T, H))
    states, caches = gated_rnn_forward(xs, s0, params)
    assert states.shape == (B, T, H)
    dxs, ds0, grads = gated_rnn_backward(dstates, caches)
    errors = gradient_errors(lambda: np.sum(gated_rnn_forward(xs, s0, params)[0] * dstates),
                             {"xs": xs, "s0": s0, **params}, {"xs": dxs, "s0": ds0, **grads})
    assert max(errors.values()) < 1e-7, errors


def test_torch_layout_round_trip_and_blocks(rng):
    params = init_lstm_params(rng, D, H)
    torch_params = lstm_to_torch(params)
    assert torch_params["weight_ih"].shape == (4 * H, D) and torch_params["weight_hh"].shape == (4 * H, H)
    assert torch_params["bias_ih"].shape == torch_params["bias_hh"].shape == (4 * H,)
    # PyTorch's rows k*H:(k+1)*H are the course's block k, transposed: W_f's x_t rows are weight_ih[H:2H].T.
    W_f = params["W"][:, H:2 * H]
    np.testing.assert_array_equal(torch_params["weight_ih"][H:2 * H].T, W_f[H:])
    np.testing.assert_array_equal(torch_params["weight_hh"][H:2 * H].T, W_f[:H])
    back = lstm_from_torch(torch_params)
    np.testing.assert_array_equal(back["W"], params["W"])
    np.testing.assert_array_equal(back["b"], params["b"])


def test_from_torch_adds_the_two_biases(rng):
    bias_ih, bias_hh = rng.normal(size=4 * H), rng.normal(size=4 * H)
    params = lstm_from_torch({"weight_ih": rng.normal(size=(4 * H, D)), "weight_hh": rng.normal(size=(4 * H, H)),
                              "bias_ih": bias_ih, "bias_hh": bias_hh})
    np.testing.assert_array_equal(params["b"], bias_ih + bias_hh)
    assert params["W"].shape == (H + D, 4 * H)
