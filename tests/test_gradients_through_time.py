"""Notebook 09: the measured gradient reach (helpers.bptt) against backpropagation one step at a time, its grid and
its claims, the live figure over that grid, and the exercises' checkers."""

import numpy as np
import pytest

from helpers.bptt import (MODELS, ReachGrid, gradient_reach, init_scaled, reach_from_jacobians, reach_grid,
                          run_jacobians)
from helpers.checks import check_clip_scale, check_forget_product, check_gru_direct_and_update
from helpers.figures.gradients_through_time import (REACH_RANGE, gradient_reach_explorer, gradient_reach_scene,
                                                    plot_gradient_reach)
from helpers.gradient_flow import gated_rnn_jacobian, gradient_norms, gru_jacobian, lstm_jacobian, rnn_jacobian
from helpers.gru import gru_step_backward, gru_step_forward
from helpers.lstm import lstm_step_backward, lstm_step_forward
from helpers.optim import clip_by_norm, global_norm
from helpers.rnn import gated_rnn_step_backward, gated_rnn_step_forward, rnn_step_backward, rnn_step_forward
from helpers.sequence import sequence_forward

B, SIZE = 3, 4
STEPS = {"plain RNN": (rnn_step_forward, rnn_step_backward, rnn_jacobian),
         "gated RNN": (gated_rnn_step_forward, gated_rnn_step_backward, gated_rnn_jacobian),
         "LSTM": (lstm_step_forward, lstm_step_backward, lstm_jacobian),
         "GRU": (gru_step_forward, gru_step_backward, gru_jacobian)}


def one_run(model, seed=2, scale=1.5, forget_bias=0.5, T=12):
    """The weights, inputs and dL/ds_T that gradient_reach draws for one seed (see helpers.bptt)."""
    weights, data = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    params = init_scaled(model, weights, SIZE, scale, forget_bias)
    u = data.normal(size=(B, SIZE))
    xs = data.normal(size=(T, B, SIZE)).swapaxes(0, 1)
    return params, xs, u / np.linalg.norm(u)


def step_back_norms(model, params, xs, u):
    """||dL/ds_k|| by the cell's own backward step, one step at a time from a zero state."""
    step_forward, step_backward, _ = STEPS[model]
    zero = np.zeros((B, SIZE))
    _, caches = sequence_forward(step_forward, xs, (zero, zero) if model == "LSTM" else zero, params)
    return gradient_norms(step_backward, caches, (u, 0 * u) if model == "LSTM" else u)


@pytest.mark.parametrize("model", MODELS)
def test_run_jacobians_are_the_cells_own_jacobians_step_by_step(model):
    params, xs, _ = one_run(model, T=4)
    step_forward, _, jacobian = STEPS[model]
    J = run_jacobians(model, params, xs)
    n = 2 * SIZE if model == "LSTM" else SIZE
    assert J.shape == (4, B, n, n)
    zero = np.zeros((B, SIZE))
    state = (zero, zero) if model == "LSTM" else zero
    for t in range(4):
        np.testing.assert_allclose(J[t], jacobian(xs[:, t], state, params), rtol=1e-10, atol=1e-14)
        state = step_forward(xs[:, t], state, params)[0]


@pytest.mark.parametrize("model", MODELS)
def test_the_measured_reach_is_backpropagation_one_step_at_a_time(model):
    params, xs, u = one_run(model)
    expected = step_back_norms(model, params, xs, u)
    measured = gradient_reach(model, T=12, seeds=3, scale=1.5, forget_bias=0.5, batch=B, size=SIZE)[2]
    np.testing.assert_allclose(measured, expected, rtol=1e-10)
    ds_last = np.concatenate([u, 0 * u], axis=1) if model == "LSTM" else u
    by_products = reach_from_jacobians(run_jacobians(model, params, xs), ds_last, [12])[0]
    np.testing.assert_allclose(by_products, expected, rtol=1e-10)


def test_several_lengths_go_back_from_their_own_last_state_exactly():
    params, xs, u = one_run("LSTM", T=12)
    norms = reach_from_jacobians(run_jacobians("LSTM", params, xs), np.concatenate([u, 0 * u], axis=1), [3, 7, 12])
    assert norms.shape == (3, 13)
    for row, T in zip(norms, [3, 7, 12]):
        # A shorter sequence is a prefix of the longer one: the same states, and the loss at its own s_T.
        np.testing.assert_allclose(row[:T + 1], step_back_norms("LSTM", params, xs[:, :T], u), rtol=1e-10)
        assert np.isnan(row[T + 1:]).all()


def test_gradient_reach_is_deterministic_shaped_and_independent_of_the_other_seeds():
    first = gradient_reach("GRU", T=6, seeds=2, batch=B, size=SIZE)
    assert first.shape == (2, 7) and np.all(first[:, 0] == pytest.approx(1.0))
    np.testing.assert_array_equal(first, gradient_reach("GRU", T=6, seeds=2, batch=B, size=SIZE))
    np.testing.assert_array_equal(first, gradient_reach("GRU", T=6, seeds=3, batch=B, size=SIZE)[:2])


def test_the_scale_multiplies_only_the_rows_that_read_the_state():
    plain, big = (init_scaled("LSTM", np.random.default_rng(0), SIZE, scale=s) for s in (1.0, 3.0))
    np.testing.assert_allclose(big["W"][:SIZE], 3 * plain["W"][:SIZE])
    np.testing.assert_array_equal(big["W"][SIZE:], plain["W"][SIZE:])
    np.testing.assert_array_equal(big["b"], plain["b"])
    assert np.all(plain["b"][SIZE:2 * SIZE] == 1.0)


@pytest.fixture(scope="module")
def grid():
    return reach_grid([1.0, 4.0], [0.0, 1.0], [20, 50], seeds=3)


def test_the_grid_holds_gradient_reach_for_every_point(grid):
    assert isinstance(grid, ReachGrid) and set(grid.norms) == set(MODELS)
    assert grid.norms["LSTM"].shape == (2, 2, 3, 2, 51)
    np.testing.assert_allclose(grid.norms["LSTM"][1, 0, :, 1], gradient_reach("LSTM", T=50, seeds=3, scale=4.0,
                                                                               forget_bias=0.0), rtol=1e-12)
    np.testing.assert_allclose(grid.norms["plain RNN"][0, 1, :, 0, :21], gradient_reach("plain RNN", T=20, seeds=3),
                               rtol=1e-12)
    # Only the LSTM reads the forget bias.
    np.testing.assert_array_equal(grid.norms["GRU"][:, 0], grid.norms["GRU"][:, 1])


def test_the_orderings_the_notebook_states_hold_fifty_steps_back(grid):
    at_50 = {name: grid.norms[model][0, bias, :, 1, 50] for name, model, bias in
             [("plain", "plain RNN", 0), ("gated", "gated RNN", 0), ("GRU", "GRU", 0), ("b_f 0", "LSTM", 0),
              ("b_f 1", "LSTM", 1)]}
    assert at_50["b_f 1"].min() > max(at_50[name].max() for name in ["plain", "gated", "GRU", "b_f 0"])
    assert at_50["plain"].max() < min(at_50[name].min() for name in ["gated", "GRU", "b_f 0", "b_f 1"])
    assert np.median(at_50["b_f 1"]) > 1e5 * np.median(at_50["b_f 0"])
    # A recurrent weight scale of 4 makes the plain RNN's gradient grow with the distance.
    exploding = np.median(grid.norms["plain RNN"][1, 0, :, 1], axis=0)
    assert exploding[50] > 10 * exploding[10] > 10


def test_clipping_keeps_the_direction_and_caps_the_length():
    grads = {"W_s": np.full((3, 2), 300.0), "b_s": np.array([-400.0, 0.0])}
    clipped, norm = clip_by_norm(grads, 1.0)
    assert global_norm(clipped) == pytest.approx(1.0) and norm == pytest.approx(global_norm(grads))
    cosine = sum(np.sum(grads[k] * clipped[k]) for k in grads) / (global_norm(grads) * global_norm(clipped))
    assert cosine == pytest.approx(1.0, abs=1e-12)


def test_the_live_figure_swaps_data_on_fixed_axes_and_labels_what_it_shows(grid):
    fig, update = gradient_reach_scene(grid)
    ax = fig.axes[0]
    limits = (ax.get_xlim(), ax.get_ylim())
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx(REACH_RANGE) and limits[0] == (0, 50)
    artists = update(4.0, 1.0, 20)
    assert update(1.1, 0.2, 47) == artists  # the same artists, moved to the nearest grid point
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    lines = [line for line in ax.get_lines() if line.get_label() != r"$\sigma(b_f)^{T-k}$"]
    median = np.clip(np.median(grid.norms["LSTM"][0, 0, :, 1], axis=0), *REACH_RANGE)
    np.testing.assert_allclose(lines[3].get_ydata(), median)  # the slider's LSTM: scale 1, b_f = 0, T = 50
    assert len(lines[3].get_xdata()) == 51
    assert ax.get_legend().get_texts()[3].get_text() == "LSTM, b_f = 0"
    assert "weight scale 1" in ax.get_title() and "T = 50" in ax.get_title()


def test_the_static_figure_and_the_explorer_start_at_the_same_point(grid):
    fig = plot_gradient_reach(grid, scale=1.0, forget_bias=1.0, T=50)
    explorer = gradient_reach_explorer(grid, T=50)
    assert [line.get_ydata().tolist() for line in fig.axes[0].get_lines()] == \
           [line.get_ydata().tolist() for line in explorer.figure.axes[0].get_lines()]
    assert explorer.sliders["T"].step == 30 and explorer.sliders["scale"].step == 3.0
    frame = explorer.image.value
    assert explorer.update(forget_bias=0.0) != frame


def gru_direct_and_update(h_prev, z_t, h_tilde, W_z):
    H = z_t.shape[1]
    return z_t[:, :, None] * np.eye(H), ((h_prev - h_tilde) * z_t * (1 - z_t))[:, :, None] * W_z[:H].T


def forget_product(f):
    return np.concatenate([np.ones_like(f[:, :1]), np.cumprod(f[:, ::-1], axis=1)], axis=1)


def clip_scale(grads, max_norm):
    return min(1.0, max_norm / np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))


def untouched(*args):
    raise NotImplementedError


@pytest.mark.parametrize("checker, solution, wrong, named", [
    (check_gru_direct_and_update, gru_direct_and_update,
     lambda h, z, ht, W: ((1 - z)[:, :, None] * np.eye(z.shape[1]), gru_direct_and_update(h, z, ht, W)[1]),
     "Chung et al.'s convention"),
    (check_gru_direct_and_update, gru_direct_and_update,
     lambda h, z, ht, W: (gru_direct_and_update(h, z, ht, W)[0], ((h - ht) * z * (1 - z))[:, :, None] * W[:3]),
     "transposed"),
    (check_forget_product, forget_product,
     lambda f: np.concatenate([np.ones_like(f[:, :1]), np.cumprod(f, axis=1)], axis=1), "from f_1 forwards"),
    (check_forget_product, forget_product, lambda f: np.cumprod(f[:, ::-1], axis=1), "d = 0 is missing"),
    (check_clip_scale, clip_scale, lambda g, m: 1.0 / clip_scale(g, m) if clip_scale(g, m) < 1 else 1.0,
     "upside down"),
    (check_clip_scale, clip_scale, lambda g, m: m / np.sqrt(sum(np.sum(v ** 2) for v in g.values())), "scaled up"),
])
def test_each_checker_passes_the_solution_names_a_mistake_and_waits_for_an_attempt(checker, solution, wrong, named):
    assert checker(solution).passed
    report = checker(wrong)
    assert not report.passed and named in repr(report), repr(report)
    assert repr(checker(untouched)).startswith("Not attempted yet")
