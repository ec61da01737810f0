"""The tasks have the stated layout and statistics: the adding problem's markers and sums and its 1/6 baseline, the
marked symbol's one marker and its ln K baseline, and both losses' gradients."""

import numpy as np
import pytest

from helpers.gradcheck import gradient_errors
from helpers.tasks import (ADDING_BASELINE_MSE, MARKED_SYMBOL_BASELINE, SYMBOLS, TASKS, adding_problem,
                           cross_entropy_loss, get_task, marked_symbol, mse_loss)

LENGTHS = [2, 3, 10, 61]


@pytest.mark.parametrize("length", LENGTHS)
def test_the_adding_problem_marks_two_steps_one_in_each_half_and_sums_them(length):
    xs, ys = adding_problem(np.random.default_rng(length), 500, length)
    assert xs.shape == (500, length, 2) and ys.shape == (500, 1)
    assert xs.dtype == ys.dtype == np.float64
    values, markers = xs[..., 0], xs[..., 1]
    assert values.min() >= 0 and values.max() < 1
    assert set(np.unique(markers)) <= {0.0, 1.0}
    half = length // 2
    assert np.all(markers[:, :half].sum(axis=1) == 1) and np.all(markers[:, half:].sum(axis=1) == 1)
    assert np.array_equal(ys[:, 0], (values * markers).sum(axis=1))


def test_predicting_the_mean_scores_one_sixth():
    # Var(X1 + X2) = 1/12 + 1/12. Over 200,000 sums the estimate's standard error is about 0.0004 (the squared error
    # has variance E[(S - 1)^4] - (1/6)^2 = 1/15 - 1/36): 0.002 is five of them.
    _, ys = adding_problem(np.random.default_rng(0), 200_000, 10)
    assert ADDING_BASELINE_MSE == 1 / 6
    assert abs(np.mean((ys - 1.0) ** 2) - 1 / 6) < 0.002
    assert abs(ys.mean() - 1.0) < 0.003
    # Keeping one number and guessing the other's mean, 0.5, leaves Var(X2) = 1/12: half the baseline.
    xs, ys = adding_problem(np.random.default_rng(1), 200_000, 10)
    first = (xs[:, :5, 0] * xs[:, :5, 1]).sum(axis=1, keepdims=True)
    assert abs(np.mean((ys - first - 0.5) ** 2) - 1 / 12) < 0.001


@pytest.mark.parametrize("length", LENGTHS)
def test_the_marked_symbol_task_marks_one_step_and_asks_for_its_symbol(length):
    xs, ys = marked_symbol(np.random.default_rng(length), 400, length)
    assert xs.shape == (400, length, SYMBOLS + 1) and ys.shape == (400, SYMBOLS)
    symbols, marker = xs[..., :SYMBOLS], xs[..., SYMBOLS]
    assert np.all(symbols.sum(axis=-1) == 1) and np.all(marker.sum(axis=1) == 1)
    where = marker.argmax(axis=1)
    assert np.array_equal(ys, symbols[np.arange(400), where])


def test_the_marked_symbol_is_uniform_and_marked_anywhere():
    xs, ys = marked_symbol(np.random.default_rng(2), 100_000, 20)
    assert np.abs(ys.mean(axis=0) - 1 / SYMBOLS).max() < 0.01
    assert np.abs(xs[..., SYMBOLS].mean(axis=0) - 1 / 20).max() < 0.005
    # Guessing 1/K for every symbol scores ln K, whatever the answer.
    loss, _ = cross_entropy_loss(np.zeros_like(ys), ys)
    assert loss == pytest.approx(np.log(SYMBOLS)) and MARKED_SYMBOL_BASELINE == pytest.approx(np.log(SYMBOLS))


def test_the_same_generator_gives_the_same_batch():
    for task in TASKS.values():
        first, second = (task.make(np.random.default_rng(5), 8, 12) for _ in range(2))
        assert all(np.array_equal(a, b) for a, b in zip(first, second))
        assert first[0].shape[-1] == task.input_size and first[1].shape[-1] == task.output_size


@pytest.mark.parametrize("loss_function, make_targets", [
    (mse_loss, lambda rng: rng.normal(size=(5, 2))),
    (cross_entropy_loss, lambda rng: np.eye(3)[rng.integers(0, 3, size=5)]),
])
def test_the_losses_gradients_match_finite_differences(loss_function, make_targets):
    rng = np.random.default_rng(3)
    ys = make_targets(rng)
    y = rng.normal(size=ys.shape)
    _, dy = loss_function(y, ys)
    errors = gradient_errors(lambda: loss_function(y, ys)[0], {"y": y}, {"y": dy})
    assert errors["y"] < 1e-7


def test_cross_entropy_does_not_overflow():
    loss, dy = cross_entropy_loss(np.array([[1000.0, -1000.0]]), np.array([[1.0, 0.0]]))
    assert loss == 0.0 and np.isfinite(dy).all()


def test_tasks_are_found_by_name_or_passed_as_they_are():
    assert get_task("adding") is TASKS["adding"] and get_task(TASKS["marked_symbol"]) is TASKS["marked_symbol"]
    assert TASKS["adding"].baseline == ADDING_BASELINE_MSE
