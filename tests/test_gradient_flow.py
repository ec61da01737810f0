"""How far a gradient reaches: the one-step Jacobians against finite differences and the backward pass, the norms
against backpropagation through time and the product of Jacobians, and the figures of notebook 02 built on them."""

import numpy as np
import pytest

from helpers.figures.gated_rnn import plot_state_gap, state_gap_explorer
from helpers.figures.gradient_flow import NORM_RANGE, plot_gradient_flow
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.gradient_flow import (gated_rnn_jacobian, gated_rnn_jacobian_terms, gradient_norms, gru_jacobian,
                                   gru_jacobian_terms, lstm_jacobian, lstm_jacobian_terms, rnn_jacobian)
from helpers.gru import gru_step_backward, gru_step_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_step_backward, lstm_step_forward
from helpers.rnn import (gated_rnn_backward, gated_rnn_forward, gated_rnn_step_backward, gated_rnn_step_forward,
                         init_rnn_params, rnn_backward, rnn_forward, rnn_step_backward, rnn_step_forward)

B, T, H, D = 2, 6, 3, 4
CELLS = {"plain": (rnn_jacobian, rnn_step_forward, rnn_step_backward, rnn_forward, rnn_backward),
         "gated": (gated_rnn_jacobian, gated_rnn_step_forward, gated_rnn_step_backward, gated_rnn_forward,
                   gated_rnn_backward)}


@pytest.fixture
def setup():
    rng = np.random.default_rng(9)
    params = init_rnn_params(rng, D, H)
    params["b_g"] = rng.normal(size=H)  # gates away from 0.5, so that all three paths matter
    params["W_g"] = 2 * params["W_g"]
    return rng, params, rng.normal(size=(B, T, D)), rng.normal(size=(B, H))


def numerical_jacobian(step_forward, x_t, s_prev, params):
    """J[b, i, j] = ds_t[b, i] / ds_prev[b, j] by central differences, one output coordinate at a time."""
    J = np.zeros((s_prev.shape[0], s_prev.shape[1], s_prev.shape[1]))
    for b in range(s_prev.shape[0]):
        for i in range(s_prev.shape[1]):
            J[b, i] = numerical_gradient(lambda: step_forward(x_t, s_prev, params)[0][b, i], s_prev)[b]
    return J


@pytest.mark.parametrize("cell", CELLS)
def test_the_jacobian_formula_equals_finite_differences(cell, setup):
    jacobian, step_forward = CELLS[cell][:2]
    _, params, xs, s0 = setup
    J = jacobian(xs[:, 0], s0, params)
    assert J.shape == (B, H, H)
    assert relative_error(J, numerical_jacobian(step_forward, xs[:, 0], s0, params)) < 1e-8


@pytest.mark.parametrize("cell", CELLS)
def test_one_backward_step_is_a_row_times_the_jacobian(cell, setup):
    jacobian, step_forward, step_backward = CELLS[cell][:3]
    rng, params, xs, s0 = setup
    ds_t = rng.normal(size=(B, H))
    _, ds_prev, _ = step_backward(ds_t, step_forward(xs[:, 0], s0, params)[1])
    np.testing.assert_allclose(np.einsum("bi,bij->bj", ds_t, jacobian(xs[:, 0], s0, params)), ds_prev, rtol=1e-12)


def test_each_of_the_three_paths_is_what_it_says(setup):
    _, params, xs, s0 = setup
    terms = gated_rnn_jacobian_terms(xs[:, 0], s0, params)
    assert set(terms) == {"direct", "candidate", "gate"}
    _, cache = gated_rnn_step_forward(xs[:, 0], s0, params)
    for b in range(B):
        np.testing.assert_allclose(terms["direct"][b], np.diag(1 - cache.g_t[b]), rtol=1e-15)
    # With W_g = 0 the gate cannot move with s_prev; with the gate shut, only the direct path, the identity, is left.
    assert not np.any(gated_rnn_jacobian_terms(xs[:, 0], s0, {**params, "W_g": np.zeros((H + D, H))})["gate"])
    shut = {**params, "W_g": np.zeros((H + D, H)), "b_g": np.full(H, -50.0)}
    np.testing.assert_allclose(gated_rnn_jacobian(xs[:, 0], s0, shut), np.broadcast_to(np.eye(H), (B, H, H)),
                               atol=1e-15)
    # With the gate open, the gated RNN's Jacobian is the plain RNN's.
    wide_open = {**params, "W_g": np.zeros((H + D, H)), "b_g": np.full(H, 50.0)}
    np.testing.assert_allclose(gated_rnn_jacobian(xs[:, 0], s0, wide_open), rnn_jacobian(xs[:, 0], s0, params),
                               atol=1e-15)


@pytest.mark.parametrize("cell", CELLS)
def test_gradient_norms_agree_with_backpropagation_through_time(cell, setup):
    _, step_forward, step_backward, forward, backward = CELLS[cell]
    rng, params, xs, s0 = setup
    ds_last = rng.normal(size=(B, H))
    _, caches = forward(xs, s0, params)
    norms = gradient_norms(step_backward, caches, ds_last)
    assert norms.shape == (T + 1,) and norms[0] == pytest.approx(np.linalg.norm(ds_last))
    for k in range(T):
        # The loss reads only s_T: dstates is zero but at the last step; BPTT over steps k+1..T returns dL/ds_k.
        dstates = np.zeros((B, T - k, H))
        dstates[:, -1] = ds_last
        ds_k = backward(dstates, caches[k:])[1]
        assert norms[T - k] == pytest.approx(np.linalg.norm(ds_k), rel=1e-12)


@pytest.mark.parametrize("cell", CELLS)
def test_gradient_norms_are_the_norms_of_jacobian_products(cell, setup):
    jacobian = CELLS[cell][0]
    rng, params, xs, s0 = setup
    forward = CELLS[cell][3]
    states, caches = forward(xs, s0, params)
    previous = np.concatenate([s0[:, None], states[:, :-1]], axis=1)  # s_{t-1} for t = 1..T
    ds = ds_last = rng.normal(size=(B, H))
    expected = [np.linalg.norm(ds)]
    for t in reversed(range(T)):
        ds = np.einsum("bi,bij->bj", ds, jacobian(xs[:, t], previous[:, t], params))
        expected.append(np.linalg.norm(ds))
    np.testing.assert_allclose(gradient_norms(CELLS[cell][2], caches, ds_last), expected, rtol=1e-12)


def test_a_closed_gate_carries_the_gradient_the_whole_way_and_the_plain_rnn_does_not(setup):
    rng, params, _, _ = setup
    xs, s0, ds_last = rng.normal(size=(1, 60, D)), rng.normal(size=(1, H)), np.ones((1, H)) / np.sqrt(H)
    closed = {**params, "b_g": np.full(H, -8.0)}
    gated = gradient_norms(gated_rnn_step_backward, gated_rnn_forward(xs, s0, closed)[1], ds_last)
    plain = gradient_norms(rnn_step_backward, rnn_forward(xs, s0, params)[1], ds_last)
    assert gated[-1] > 0.9 and plain[-1] < 1e-6


def test_a_tuple_state_counts_all_its_parts():
    rng = np.random.default_rng(3)
    params = init_lstm_params(rng, D, H)
    xs, h0, c0 = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    _, _, caches = lstm_forward(xs, h0, c0, params)
    dh_last, dc_last = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    norms = gradient_norms(lstm_step_backward, caches, (dh_last, dc_last))
    dhs = np.zeros((B, T, H))
    dhs[:, -1] = dh_last
    _, dh0, dc0, _ = lstm_backward(dhs, caches, dc_last)
    assert norms[-1] == pytest.approx(np.sqrt(np.sum(dh0 ** 2) + np.sum(dc0 ** 2)), rel=1e-12)


def test_gradient_flow_figure_draws_the_median_and_the_band_on_a_fixed_log_axis():
    runs = np.array([[1.0, 0.5, 0.25], [1.0, 0.1, 1e-30], [1.0, 0.2, 0.05]])
    fig = plot_gradient_flow({"several runs": runs, "one run": runs[0]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx(NORM_RANGE)
    median, single = (line.get_ydata() for line in ax.lines)
    np.testing.assert_allclose(median, [1.0, 0.2, 0.05])
    np.testing.assert_allclose(single, runs[0])
    assert len(ax.collections) == 1  # a band only where there is a spread to show
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(NORM_RANGE[0]) and band.max() == pytest.approx(1.0)  # clipped to the axis
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["several runs", "one run"]


def test_state_gap_figure_starts_from_the_memories_gap_and_its_explorer_moves_the_gated_panel():
    start = np.array([[1.8, 1.2, 0.8]])
    plain, gated = np.full((1, 4, 3), 1e-3), np.full((1, 4, 3), 0.5)
    fig = plot_state_gap(start, plain, gated, b_1=-6.0)
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), [1.8, 1e-3, 1e-3, 1e-3, 1e-3])
    np.testing.assert_allclose(fig.axes[1].lines[2].get_ydata(), [0.8, 0.5, 0.5, 0.5, 0.5])
    assert "-6.0" in fig.axes[1].get_title()
    zero = plot_state_gap(start, np.zeros((1, 4, 3)), gated, b_1=0.0)
    assert zero.axes[0].lines[0].get_ydata()[-1] == pytest.approx(zero.axes[0].get_ylim()[0])  # 0 on the bottom edge
    explorer = state_gap_explorer(start, plain, lambda b_1: np.full((1, 4, 3), 0.5 + 0.1 * b_1))
    frame = explorer.image.value
    assert explorer.update(b_1=2.0) != frame and "+2.0" in explorer.figure.axes[1].get_title()


# Issue 11: the LSTM's (2H x 2H) Jacobian of (h, c) and the GRU's, for notebook 09.

def lstm_state_step(x_t, params):
    """The LSTM step as a map from the row [h_prev, c_prev] to the row [h_t, c_t]."""
    def step(state):
        H = state.shape[1] // 2
        (h_t, c_t), _ = lstm_step_forward(x_t, (state[:, :H], state[:, H:]), params)
        return np.concatenate([h_t, c_t], axis=1)
    return step


@pytest.fixture
def lstm_setup():
    rng = np.random.default_rng(11)
    params = init_lstm_params(rng, D, H, forget_bias=0.5)
    params["W"] = 3 * params["W"]  # gates away from 0.5, so that every path matters
    return rng, params, rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))


def test_the_lstm_jacobian_equals_finite_differences(lstm_setup):
    _, params, x_t, h_prev, c_prev = lstm_setup
    J = lstm_jacobian(x_t, (h_prev, c_prev), params)
    assert J.shape == (B, 2 * H, 2 * H)
    state = np.concatenate([h_prev, c_prev], axis=1)
    numeric = numerical_jacobian(lambda x, s, p: (lstm_state_step(x, p)(s),), x_t, state, params)
    assert relative_error(J, numeric) < 1e-8


def test_the_lstm_jacobian_is_one_backward_step(lstm_setup):
    rng, params, x_t, h_prev, c_prev = lstm_setup
    dh_t, dc_t = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    _, (dh_prev, dc_prev), _ = lstm_step_backward((dh_t, dc_t), lstm_step_forward(x_t, (h_prev, c_prev), params)[1])
    row = np.einsum("bi,bij->bj", np.concatenate([dh_t, dc_t], axis=1), lstm_jacobian(x_t, (h_prev, c_prev), params))
    np.testing.assert_allclose(row, np.concatenate([dh_prev, dc_prev], axis=1), rtol=1e-12, atol=1e-15)


def test_the_lstm_memory_line_is_the_forget_gate_alone(lstm_setup):
    _, params, x_t, h_prev, c_prev = lstm_setup
    terms = lstm_jacobian_terms(x_t, (h_prev, c_prev), params)
    assert set(terms) == {"direct", "forget", "input", "candidate", "output"}
    (_, c_t), cache = lstm_step_forward(x_t, (h_prev, c_prev), params)
    J = lstm_jacobian(x_t, (h_prev, c_prev), params)
    for b in range(B):
        np.testing.assert_allclose(J[b, H:, H:], np.diag(cache.f_t[b]), rtol=1e-15)  # dc_t/dc_prev = diag(f_t)
        np.testing.assert_allclose(J[b, H:, :H], terms["forget"][b] + terms["input"][b] + terms["candidate"][b])
    # With the rows that read h_prev at zero, only the memory line and its way into h_t are left.
    still = {**params, "W": np.concatenate([np.zeros((H, 4 * H)), params["W"][H:]])}
    J_still = lstm_jacobian(x_t, (h_prev, c_prev), still)
    assert not np.any(J_still[:, :, :H])


@pytest.mark.parametrize("reset", ["after", "before"])
def test_the_gru_jacobian_equals_finite_differences_and_one_backward_step(reset):
    rng = np.random.default_rng(12)
    params = {name: 3 * value for name, value in init_gru_params(rng, D, H, reset=reset).items()}
    x_t, h_prev, dh_t = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    J = gru_jacobian(x_t, h_prev, params, reset)
    step = lambda x, h, p: gru_step_forward(x, h, p, reset)  # noqa: E731
    assert J.shape == (B, H, H)
    assert relative_error(J, numerical_jacobian(step, x_t, h_prev, params)) < 1e-8
    _, dh_prev, _ = gru_step_backward(dh_t, gru_step_forward(x_t, h_prev, params, reset)[1])
    np.testing.assert_allclose(np.einsum("bi,bij->bj", dh_t, J), dh_prev, rtol=1e-12, atol=1e-15)
    terms = gru_jacobian_terms(x_t, h_prev, params, reset)
    assert set(terms) == {"direct", "update", "candidate", "reset"}
    z_t = gru_step_forward(x_t, h_prev, params, reset)[1].z_t
    np.testing.assert_allclose(terms["direct"], z_t[:, :, None] * np.eye(H), rtol=1e-15)  # z = 1 keeps


def test_a_gru_whose_update_gate_keeps_passes_the_gradient_back_whole():
    rng = np.random.default_rng(13)
    params = init_gru_params(rng, D, H)
    kept = {**params, "W_z": np.zeros((H + D, H)), "b_z": np.full(H, 50.0)}  # z_t = 1: h_t = h_prev
    J = gru_jacobian(rng.normal(size=(B, D)), rng.normal(size=(B, H)), kept)
    np.testing.assert_allclose(J, np.broadcast_to(np.eye(H), (B, H, H)), atol=1e-15)
