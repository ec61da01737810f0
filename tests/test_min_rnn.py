"""minGRU and minLSTM (helpers/min_rnn.py): the scans equal the loop, and every backward pass matches finite differences."""

import numpy as np
import pytest

from helpers.checks import check_min_gru_coefficients
from helpers.activations import sigmoid
from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error
from helpers.min_rnn import (init_min_gru_params, init_min_lstm_params, linear_recurrence_backward,
                             linear_recurrence_log_scan, linear_recurrence_loop, linear_recurrence_scan,
                             min_gru_backward, min_gru_forward, min_lstm_backward, min_lstm_forward)

SCANS = [linear_recurrence_scan, linear_recurrence_log_scan]


def scale_error(h, reference):
    """The largest difference, relative to the size of h."""
    return np.abs(h - reference).max() / np.abs(reference).max()


def gates(kind, rng, shape):
    if kind == "random":
        return rng.uniform(0.0, 1.0, size=shape)
    if kind == "near 0":
        return np.full(shape, 1e-12)
    if kind == "near 1":
        return np.full(shape, 1 - 1e-12)
    return np.where(rng.random(shape) < 0.5, 1e-12, 1 - 1e-12)  # "mixed": the state kept, then wiped, at random


@pytest.mark.parametrize("scan", SCANS, ids=["prefix", "log"])
@pytest.mark.parametrize("kind", ["random", "near 0", "near 1", "mixed"])
@pytest.mark.parametrize("length", [1, 7, 10_000])
def test_every_scan_equals_the_loop_to_1e_10(scan, kind, length):
    rng = np.random.default_rng(length)
    a = gates(kind, rng, (2, length, 3))
    b, h0 = rng.normal(size=a.shape), rng.normal(size=(2, 3))
    assert scale_error(scan(a, b, h0), linear_recurrence_loop(a, b, h0)) < 1e-10


def test_the_prefix_scan_takes_gates_of_exactly_0_and_1():
    rng = np.random.default_rng(1)
    a = rng.choice([0.0, 1.0, 0.5], size=(3, 100, 2))
    b, h0 = rng.normal(size=a.shape), rng.normal(size=(3, 2))
    assert scale_error(linear_recurrence_scan(a, b, h0), linear_recurrence_loop(a, b, h0)) < 1e-12


def test_the_scans_leave_their_inputs_alone_and_start_from_zero_by_default():
    rng = np.random.default_rng(2)
    a, b = rng.uniform(size=(1, 9, 2)), rng.normal(size=(1, 9, 2))
    a_copy, b_copy = a.copy(), b.copy()
    for scan in SCANS + [linear_recurrence_loop]:
        assert np.allclose(scan(a, b), scan(a, b, np.zeros((1, 2))))
    assert np.array_equal(a, a_copy) and np.array_equal(b, b_copy)


def test_the_closed_form_scan_underflows_where_the_log_space_one_does_not():
    rng = np.random.default_rng(3)
    a, b = rng.uniform(size=(1, 2000, 1)), rng.normal(size=(1, 2000, 1))
    with np.errstate(all="ignore"):
        A = np.cumprod(a, axis=1)
        naive = A * np.cumsum(b / A, axis=1)
    assert np.isnan(naive).any()
    assert scale_error(linear_recurrence_log_scan(a, b), linear_recurrence_loop(a, b)) < 1e-10


def test_linear_recurrence_backward_matches_finite_differences():
    rng = np.random.default_rng(4)
    a, b, h0 = rng.uniform(size=(2, 6, 3)), rng.normal(size=(2, 6, 3)), rng.normal(size=(2, 3))
    dhs = rng.normal(size=a.shape)
    da, db, dh0 = linear_recurrence_backward(dhs, a, linear_recurrence_loop(a, b, h0), h0)

    def loss():
        return np.sum(linear_recurrence_loop(a, b, h0) * dhs)

    for analytic, array in ((da, a), (db, b), (dh0, h0)):
        assert relative_error(analytic, numerical_gradient(loss, array)) < 1e-7


CELLS = [(init_min_gru_params, min_gru_forward, min_gru_backward), (init_min_lstm_params, min_lstm_forward,
                                                                    min_lstm_backward)]


@pytest.mark.parametrize("init, forward, backward", CELLS, ids=["minGRU", "minLSTM"])
def test_the_scan_and_the_loop_give_the_same_cell(init, forward, backward):
    rng = np.random.default_rng(5)
    xs, params = rng.normal(size=(3, 40, 2)), init(rng, 2, 4)
    assert np.allclose(forward(xs, params)[0], forward(xs, params, scan=False)[0], rtol=0, atol=1e-12)


@pytest.mark.parametrize("init, forward, backward", CELLS, ids=["minGRU", "minLSTM"])
def test_backward_matches_finite_differences(init, forward, backward):
    rng = np.random.default_rng(6)
    xs, h0, params = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 4)), init(rng, 3, 4)
    dhs = rng.normal(size=(2, 5, 4))
    dxs, dh0, grads = backward(dhs, forward(xs, params, h0)[1])

    def loss():
        return np.sum(forward(xs, params, h0)[0] * dhs)

    assert max(gradient_errors(loss, params, grads).values()) < 1e-7
    assert relative_error(dxs, numerical_gradient(loss, xs)) < 1e-7
    assert relative_error(dh0, numerical_gradient(loss, h0)) < 1e-7


def test_min_gru_is_its_equations():
    rng = np.random.default_rng(7)
    xs, p = rng.normal(size=(1, 4, 2)), init_min_gru_params(rng, 2, 3)
    h = np.zeros((1, 3))
    for t in range(4):
        z = sigmoid(xs[:, t] @ p["W_z"] + p["b_z"])
        h = (1 - z) * h + z * (xs[:, t] @ p["W_h"] + p["b_h"])
    assert np.allclose(min_gru_forward(xs, p)[0][:, -1], h)


def test_min_lstm_normalises_its_gates_to_sum_to_1():
    rng = np.random.default_rng(8)
    xs, p = rng.normal(size=(2, 5, 2)), init_min_lstm_params(rng, 2, 3)
    _, cache = min_lstm_forward(xs, p)
    f, i = cache.gates
    assert np.allclose(cache.a, f / (f + i)) and np.allclose(cache.a + i / (f + i), 1)


def test_min_gru_trains_in_notebook_10s_loop():
    from helpers.models import Cell
    from helpers.training import train

    cell = Cell("minGRU", init_min_gru_params, lambda xs, p: min_gru_forward(xs, p),
                lambda dhs, cache: (lambda r: (r[0], r[2]))(min_gru_backward(dhs, cache)))
    run = train("adding", cell, 10, 5, hidden_size=4, batch_size=8, progress=False)
    assert run.cell == "minGRU" and len(run.losses) == 5 and np.isfinite(run.test_loss)


def test_the_checker_passes_the_solution_and_names_the_swap():
    def right(xs, W_z, b_z, W_h, b_h):
        z = sigmoid(xs @ W_z + b_z)
        return 1 - z, z * (xs @ W_h + b_h)

    def swapped(xs, W_z, b_z, W_h, b_h):
        z = sigmoid(xs @ W_z + b_z)
        return z, (1 - z) * (xs @ W_h + b_h)

    assert check_min_gru_coefficients(right).passed
    assert "swapped" in repr(check_min_gru_coefficients(swapped))
